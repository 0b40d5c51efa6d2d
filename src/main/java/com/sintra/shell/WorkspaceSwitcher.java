package com.sintra.shell;

import java.util.List;

import com.sintra.base.Subscription;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRenamed;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;

/** The top bar's choice of the workspace everything else works in. */
class WorkspaceSwitcher extends Composite<Select<Workspace>> implements HasSize {

    private final WorkspaceService workspaces;
    private final SelectedWorkspace selectedWorkspace;
    private final WorkspaceRenames renames;
    private Subscription renameSubscription;

    WorkspaceSwitcher(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace, WorkspaceRenames renames) {
        this.workspaces = workspaces;
        this.selectedWorkspace = selectedWorkspace;
        this.renames = renames;
        Select<Workspace> select = getContent();
        select.setId("workspace-switcher");
        select.addClassName("sintra-switcher");
        select.setPlaceholder("No workspace");
        select.setItemLabelGenerator(Workspace::name);
        select.setAriaLabel("Workspace");
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                selectedWorkspace.select(e.getValue().id());
                // Views that show workspace data re-read it for the new selection.
                UI.getCurrent().refreshCurrentRoute(false);
            }
        });
    }

    /** Re-reads the list: workspaces may have been created, renamed or archived. */
    void refresh() {
        show(workspaces.myWorkspaces(false), selectedWorkspace.current().orElse(null));
    }

    private void show(List<Workspace> mine, Workspace current) {
        Select<Workspace> select = getContent();
        select.setItems(mine);
        mine.stream().filter(w -> current != null && w.id().equals(current.id())).findFirst()
                .ifPresentOrElse(select::setValue, select::clear);
    }

    /** The new name replaces the old one in place: no query, and the event may come from another user's request. */
    private void renamed(WorkspaceRenamed event) {
        List<Workspace> items = getContent().getListDataView().getItems().toList();
        if (items.stream().noneMatch(w -> w.id().equals(event.id()))) {
            return;
        }
        Workspace value = getContent().getValue();
        List<Workspace> updated = items.stream().map(w -> w.id().equals(event.id()) ? renamed(w, event.name()) : w).toList();
        show(updated, value == null ? null : updated.stream().filter(w -> w.id().equals(value.id())).findFirst().orElse(null));
    }

    private static Workspace renamed(Workspace w, String name) {
        return new Workspace(w.id(), name, w.description(), w.archived(), w.createdAt(), w.myRole(), w.memberCount());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        renameSubscription = renames.subscribe(attachEvent.getUI(), this::renamed);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (renameSubscription != null) {
            renameSubscription.cancel();
            renameSubscription = null;
        }
    }
}
