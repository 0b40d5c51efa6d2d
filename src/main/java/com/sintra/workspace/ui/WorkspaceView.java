package com.sintra.workspace.ui;

import com.sintra.base.ui.Icons;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.workspace.Member;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import jakarta.annotation.security.PermitAll;

/** One workspace: its name, archiving and members. Only members can open it, whatever id is in the URL. */
@Route("workspaces/:workspaceId")
@PermitAll
class WorkspaceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final SelectedWorkspace selectedWorkspace;
    private Workspace workspace;

    WorkspaceView(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace) {
        this.workspaces = workspaces;
        this.selectedWorkspace = selectedWorkspace;
    }

    static RouteParameters parameters(WorkspaceId id) {
        return new RouteParameters("workspaceId", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            WorkspaceId id = event.getRouteParameters().get("workspaceId").flatMap(WorkspaceId::parse)
                    .orElseThrow(() -> new NotFoundException("Workspace not found"));
            workspace = workspaces.get(id);
            if (!workspace.archived()) {
                selectedWorkspace.select(id);
            }
            render();
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "Workspace not found");
        }
    }

    @Override
    public String getPageTitle() {
        return (workspace == null ? "Workspace" : workspace.name()) + " · Sintra";
    }

    private void render() {
        removeAll();
        boolean owner = workspace.myRole() == WorkspaceRole.OWNER;
        H2 title = new H2(workspace.name());
        title.setId("workspace-name");
        CopyableId id = new CopyableId("Workspace id", workspace.id());
        id.setId("workspace-id");
        add(title, id);
        add(settings(owner));
        add(new H3("Members"));
        if (owner) {
            add(addMemberForm());
        }
        add(membersGrid(owner));
    }

    private VerticalLayout settings(boolean owner) {
        TextField name = new TextField("Name", workspace.name(), "");
        name.setMaxLength(80);
        name.setWidthFull();
        name.setMaxWidth("24rem");
        TextArea description = new TextArea("Description", workspace.description(), "");
        description.setMaxLength(500);
        description.setWidthFull();
        description.setMaxWidth("24rem");
        name.setReadOnly(!owner);
        description.setReadOnly(!owner);
        VerticalLayout settings = new VerticalLayout(name, description);
        settings.setPadding(false);
        if (owner) {
            FieldErrors errors = new FieldErrors().field("name", name).field("description", description);
            Button save = new Button("Save", e -> {
                if (errors.attempt(() -> workspaces.rename(workspace.id(), name.getValue(), description.getValue()))) {
                    Notifications.success("Saved");
                    reload();
                }
            });
            save.setId("save-workspace");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button archive = workspace.archived() ? new Button("Restore from archive", e -> restore())
                    : new Button("Archive", e -> confirmArchive());
            archive.setId(workspace.archived() ? "restore-workspace" : "archive-workspace");
            archive.addThemeVariants(workspace.archived() ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
            HorizontalLayout buttons = new HorizontalLayout(save, archive);
            buttons.setWrap(true);
            settings.add(buttons);
        }
        return settings;
    }

    private void restore() {
        workspaces.setArchived(workspace.id(), false);
        Notifications.success("“" + workspace.name() + "” restored");
        reload();
    }

    private void confirmArchive() {
        Confirmations.confirmDangerous("Archive “" + workspace.name() + "”?",
                "It leaves the switcher and the lists; its members keep their data and an owner can restore it.",
                "Archive", this::archive);
    }

    /**
     * Archiving the workspace one works in ends the selection: picking another one silently made the next
     * agent land in the wrong workspace. The user chooses on the list where they land.
     */
    private void archive() {
        workspaces.setArchived(workspace.id(), true);
        boolean wasSelected = selectedWorkspace.isSelected(workspace.id());
        if (wasSelected) {
            selectedWorkspace.clear();
        }
        Notifications.success("“" + workspace.name() + "” archived." + (wasSelected ? " Pick a workspace to continue." : ""));
        getUI().ifPresent(ui -> ui.navigate(WorkspacesView.class));
    }

    private HorizontalLayout addMemberForm() {
        EmailField email = new EmailField("Add member by e-mail");
        email.setWidthFull();
        email.setMaxWidth("20rem");
        Select<WorkspaceRole> role = roleSelect(WorkspaceRole.EDITOR);
        role.setLabel("Role");
        FieldErrors errors = new FieldErrors().field("email", email).field("role", role);
        Button add = new Button("Add", e -> {
            if (errors.attempt(() -> workspaces.addMember(workspace.id(), email.getValue(), role.getValue()))) {
                Notifications.success(email.getValue() + " added");
                reload();
            }
        });
        HorizontalLayout form = new HorizontalLayout(email, role, add);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        // On a phone the button wraps under the fields instead of leaving the screen.
        form.setWrap(true);
        form.setWidthFull();
        return form;
    }

    private Grid<Member> membersGrid(boolean owner) {
        Grid<Member> grid = new Grid<>(Member.class, false);
        grid.setId("members");
        // Name and e-mail share one column, so the grid fits a phone's width without scrolling sideways.
        grid.addComponentColumn(member -> {
            Span email = new Span(member.email());
            email.addClassNames("sintra-muted", "sintra-wrap");
            Div cell = new Div(new Span(member.displayName()), email);
            cell.addClassName("sintra-member");
            return cell;
        }).setHeader("Member").setFlexGrow(3);
        if (owner) {
            grid.addComponentColumn(member -> {
                Select<WorkspaceRole> role = roleSelect(member.role());
                role.addValueChangeListener(e -> {
                    if (e.isFromClient()) {
                        act(() -> workspaces.changeRole(workspace.id(), member.userId(), e.getValue()), "Role changed");
                    }
                });
                role.setWidth("7.5rem");
                return role;
            }).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
            grid.addComponentColumn(member -> {
                Button remove = new Button(Icons.CLOSE.create(),
                        e -> act(() -> workspaces.removeMember(workspace.id(), member.userId()), member.email() + " removed"));
                remove.setAriaLabel("Remove " + member.email());
                remove.setTooltipText("Remove from the workspace");
                remove.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                return remove;
            }).setWidth("3.5rem").setFlexGrow(0);
        } else {
            grid.addColumn(m -> m.role().name().toLowerCase()).setHeader("Role").setAutoWidth(true).setFlexGrow(0);
        }
        grid.setItems(workspaces.members(workspace.id()));
        grid.setAllRowsVisible(true);
        return grid;
    }

    private void act(Runnable action, String success) {
        try {
            action.run();
            Notifications.success(success);
        } catch (InvalidInputException e) {
            Notifications.error(e.getMessage());
        }
        reload();
    }

    private static Select<WorkspaceRole> roleSelect(WorkspaceRole value) {
        Select<WorkspaceRole> select = new Select<>();
        select.setItems(WorkspaceRole.values());
        select.setItemLabelGenerator(r -> r.name().charAt(0) + r.name().substring(1).toLowerCase());
        select.setValue(value);
        return select;
    }

    private void reload() {
        workspace = workspaces.get(workspace.id());
        render();
    }
}
