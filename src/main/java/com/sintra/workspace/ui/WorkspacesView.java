package com.sintra.workspace.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.base.ui.Plural;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** The main route: the user's workspaces, and where new ones are made. */
@Route("")
@PageTitle("Workspaces · Sintra")
@Menu(title = "Workspaces", order = 0)
@PermitAll
class WorkspacesView extends VerticalLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final WorkspaceService workspaces;
    private final Grid<Workspace> grid = new Grid<>(Workspace.class, false);
    private final Checkbox showArchived = new Checkbox("Show archived");

    WorkspacesView(WorkspaceService workspaces) {
        this.workspaces = workspaces;
        setSizeFull();

        Button create = new Button("New workspace", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("new-workspace");
        HorizontalLayout header = new HorizontalLayout(new H2("Workspaces"), showArchived, create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.expand(showArchived);
        // On a phone "New workspace" wraps to the next line instead of leaving the screen.
        header.setWrap(true);
        add(header);

        // Everything but the role shares one column: the grid then fits a phone without scrolling sideways.
        grid.addComponentColumn(WorkspacesView::summary).setHeader("Workspace").setFlexGrow(1);
        grid.addColumn(w -> w.myRole().name().toLowerCase()).setHeader("Your role").setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> open(e.getItem().id()));
        grid.setSizeFull();
        add(grid);

        showArchived.addValueChangeListener(e -> refresh());
        refresh();
    }

    private static Div summary(Workspace workspace) {
        Span name = new Span(workspace.name());
        name.addClassName("sintra-wrap");
        Div cell = new Div(name);
        cell.addClassName("sintra-workspace-summary");
        if (workspace.archived()) {
            Span archived = new Span("Archived");
            archived.getElement().getThemeList().add("badge contrast small");
            cell.add(archived);
        }
        if (workspace.description() != null && !workspace.description().isBlank()) {
            Span description = new Span(workspace.description());
            description.addClassNames("sintra-muted", "sintra-wrap");
            cell.add(description);
        }
        Span facts = new Span(Plural.of(workspace.memberCount(), "member") + " · created " + DATE.format(workspace.createdAt()));
        facts.addClassName("sintra-muted");
        cell.add(facts);
        return cell;
    }

    private void refresh() {
        // A user belongs to tens of workspaces, not thousands: one query, no paging needed.
        var items = workspaces.myWorkspaces(showArchived.getValue());
        grid.setItems(items);
        if (items.isEmpty()) {
            grid.setEmptyStateComponent(new Paragraph("You are not in any workspace yet. Create one to start."));
        }
    }

    private void open(WorkspaceId id) {
        getUI().ifPresent(ui -> ui.navigate(WorkspaceView.class, WorkspaceView.parameters(id)));
    }

    private void openCreateDialog() {
        TextField name = new TextField("Name");
        name.setMaxLength(80);
        name.setRequired(true);
        name.setWidthFull();
        TextArea description = new TextArea("Description");
        description.setMaxLength(500);
        description.setWidthFull();

        Dialog dialog = new Dialog("New workspace");
        dialog.add(new VerticalLayout(name, description));
        FieldErrors errors = new FieldErrors().field("name", name).field("description", description);
        Button save = new Button("Create", e -> {
            WorkspaceId[] created = new WorkspaceId[1];
            if (errors.attempt(() -> created[0] = workspaces.create(name.getValue(), description.getValue()))) {
                Notifications.success("Workspace " + name.getValue().strip() + " created");
                dialog.close();
                open(created[0]);
            }
        });
        save.setId("create-workspace");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}
