package com.sintra.collaboration.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.sintra.account.CurrentUser;
import com.sintra.agent.AgentService;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Notifications;
import com.sintra.collaboration.Collaboration;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationPage;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.CollaborationStatus;
import com.sintra.collaboration.ListedCollaboration;
import com.sintra.collaboration.NotParticipantException;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/**
 * The selected workspace's collaborations the user takes part in (a lazy grid, newest first, with unread
 * counts), those open to join, and a dialog to start one; {@code collaborations?collaboration=<id>} opens one
 * in its {@link CollaborationPane} instead, as {@code agents?agent=<id>} opens an agent.
 */
@Route("collaborations")
@PageTitle("Collaborations · Sintra")
@Menu(title = "Collaborations", order = 27)
@PermitAll
class CollaborationsView extends VerticalLayout implements BeforeEnterObserver {

    static final String PARAMETER = "collaboration";
    private static final int JOINABLE = 20;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.UK).withZone(ZoneId.systemDefault());

    private final CollaborationService collaborations;
    private final WorkspaceService workspaces;
    private final AgentService agents;
    private final CurrentUser currentUser;
    private final SelectedWorkspace selectedWorkspace;
    /** Where the grid's pages start, by offset: the service pages by keyset, the grid by offset. */
    private final TreeMap<Integer, CollaborationPage.Cursor> cursors = new TreeMap<>();

    CollaborationsView(CollaborationService collaborations, WorkspaceService workspaces, AgentService agents,
                       CurrentUser currentUser, SelectedWorkspace selectedWorkspace) {
        this.collaborations = collaborations;
        this.workspaces = workspaces;
        this.agents = agents;
        this.currentUser = currentUser;
        this.selectedWorkspace = selectedWorkspace;
        setSizeFull();
        addClassName("sintra-collaborations");
    }

    /** The address that opens the collaboration. */
    static void open(CollaborationId id) {
        UI.getCurrent().navigate("collaborations", QueryParameters.of(PARAMETER, id.toString()));
    }

    static void openDashboard() {
        UI.getCurrent().navigate("collaborations");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        cursors.clear();
        Optional<String> requested = event.getLocation().getQueryParameters().getSingleParameter(PARAMETER);
        if (requested.isPresent() && openRequested(requested.get())) {
            return;
        }
        selectedWorkspace.current().ifPresentOrElse(this::dashboard, () -> add(new H2("Collaborations"),
                new Paragraph("Create or choose a workspace first: its collaborations appear here.")));
    }

    /** Opens the collaboration the address names, selecting its workspace; false (and a message) when it cannot. */
    private boolean openRequested(String requested) {
        Optional<CollaborationId> id = CollaborationId.parse(requested);
        try {
            Collaboration collaboration = collaborations.get(id.orElseThrow(() -> new NotFoundException("not an id")));
            Workspace workspace = selectedWorkspace.select(collaboration.workspaceId());
            add(new CollaborationPane(collaborations, workspaces, agents, currentUser, workspace, collaboration));
            return true;
        } catch (NotParticipantException notJoined) {
            Notifications.error("Join that collaboration first: it is listed under \"Open to join\".");
        } catch (NotFoundException unknown) {
            Notifications.error("No collaboration with that id.");
        }
        return false;
    }

    private void dashboard(Workspace workspace) {
        Select<String> status = new Select<>();
        status.setId("collaboration-status-filter");
        status.setAriaLabel("Status");
        status.setItems("All", "Active", "Paused", "Completed");
        status.setValue("All");

        Grid<ListedCollaboration> grid = new Grid<>(ListedCollaboration.class, false);
        grid.setId("collaborations-grid");
        grid.addColumn(row -> row.collaboration().title()).setHeader("Title").setKey("title").setFlexGrow(3);
        grid.addComponentColumn(CollaborationsView::unread).setHeader("Unread").setKey("unread").setFlexGrow(0)
                .setAutoWidth(true);
        grid.addColumn(row -> statusLabel(row.collaboration().status())).setHeader("Status").setKey("status");
        grid.addColumn(row -> CREATED.format(row.collaboration().createdAt())).setHeader("Started").setKey("created");
        grid.setItems(query -> {
            Set<CollaborationStatus> wanted = statuses(status.getValue());
            return page(workspace, wanted, query.getOffset(), query.getLimit());
        });
        grid.setEmptyStateText("No collaborations yet.");
        grid.addItemClickListener(e -> open(e.getItem().collaboration().id()));
        grid.setSizeFull();
        status.addValueChangeListener(e -> {
            cursors.clear();
            grid.getDataProvider().refreshAll();
        });

        HorizontalLayout header = new HorizontalLayout(new H2("Collaborations · " + workspace.name()), status);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.setWrap(true);
        header.expand(status);
        if (workspace.myRole().atLeast(WorkspaceRole.EDITOR)) {
            Button create = new Button("New collaboration", e -> new NewCollaborationDialog(collaborations, workspaces,
                    agents, currentUser, workspace, CollaborationsView::open).open());
            create.setId("new-collaboration");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        add(header, grid, joinable(workspace));
        expand(grid);
    }

    private Stream<ListedCollaboration> page(Workspace workspace, Set<CollaborationStatus> wanted, int offset, int limit) {
        // The grid asks for consecutive pages; any other offset is walked to from the nearest known start.
        var start = cursors.floorEntry(offset);
        int position = start == null ? 0 : start.getKey();
        CollaborationPage.Cursor cursor = start == null ? null : start.getValue();
        List<ListedCollaboration> rows = new ArrayList<>();
        while (rows.size() < limit) {
            int wantedNow = position < offset ? offset - position : limit - rows.size();
            CollaborationPage<ListedCollaboration> page = collaborations.mine(workspace.id(), wanted, cursor, wantedNow);
            if (position >= offset) {
                rows.addAll(page.items());
            }
            position += page.items().size();
            cursor = page.next();
            if (cursor == null || page.items().isEmpty()) {
                break;
            }
            cursors.put(position, cursor);
        }
        return rows.stream();
    }

    private Div joinable(Workspace workspace) {
        Div section = new Div();
        section.setId("joinable-collaborations");
        section.setWidthFull();
        List<Collaboration> open = collaborations.joinable(workspace.id(), CollaborationStatus.ACTIVE, null, JOINABLE).items();
        if (open.isEmpty()) {
            return section;
        }
        section.add(new H3("Open to join"));
        for (Collaboration collaboration : open) {
            Button join = new Button("Join", e -> {
                collaborations.join(collaboration.id());
                open(collaboration.id());
            });
            join.addThemeVariants(ButtonVariant.LUMO_SMALL);
            join.setAriaLabel("Join " + collaboration.title());
            join.addClassName("sintra-join");
            Span title = new Span(collaboration.title());
            HorizontalLayout row = new HorizontalLayout(title, join);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            row.addClassName("sintra-joinable");
            section.add(row);
        }
        return section;
    }

    private static Span unread(ListedCollaboration row) {
        Span count = new Span();
        if (row.unread() > 0) {
            count.setText(row.unread() >= CollaborationService.UNREAD_CAP ? "99+" : String.valueOf(row.unread()));
            count.getElement().getThemeList().add("badge primary pill");
            count.getElement().setAttribute("aria-label", row.unread() + " unread");
        }
        count.addClassName("sintra-unread");
        return count;
    }

    static String statusLabel(CollaborationStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case PAUSED -> "Paused";
            case COMPLETED -> "Completed";
        };
    }

    private static Set<CollaborationStatus> statuses(String label) {
        for (CollaborationStatus status : CollaborationStatus.values()) {
            if (statusLabel(status).equals(label)) {
                return EnumSet.of(status);
            }
        }
        return EnumSet.noneOf(CollaborationStatus.class);
    }
}
