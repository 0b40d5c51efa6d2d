package com.sintra.shell;

import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;

/** The top bar's choice of the workspace everything else works in. */
class WorkspaceSwitcher extends Composite<Select<Workspace>> implements HasSize {

    private final WorkspaceService workspaces;
    private final SelectedWorkspace selectedWorkspace;

    WorkspaceSwitcher(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace) {
        this.workspaces = workspaces;
        this.selectedWorkspace = selectedWorkspace;
        Select<Workspace> select = getContent();
        select.setId("workspace-switcher");
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
        Select<Workspace> select = getContent();
        var mine = workspaces.myWorkspaces(false);
        select.setItems(mine);
        selectedWorkspace.current()
                .flatMap(current -> mine.stream().filter(w -> w.id().equals(current.id())).findFirst())
                .ifPresentOrElse(select::setValue, select::clear);
    }
}
