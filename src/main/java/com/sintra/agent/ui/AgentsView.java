package com.sintra.agent.ui;

import java.util.Optional;
import java.util.UUID;

import com.sintra.agent.Agent;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiProviders;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Notifications;
import com.sintra.brain.BrainService;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Style;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.PermitAll;

/**
 * The selected workspace's agents: a lazy grid of them, and a form to create, edit, duplicate and archive.
 * Side by side on wide screens; on a phone the form takes the list's place while an agent is open.
 */
@Route("agents")
@PageTitle("Agents · Sintra")
@Menu(title = "Agents", order = 20)
@PermitAll
class AgentsView extends VerticalLayout implements BeforeEnterObserver {

    private final AgentService agents;
    private final AiProviders providers;
    private final BrainService brain;
    private final SelectedWorkspace selectedWorkspace;

    /** On narrow screens the theme shows either the list or, with this class on the body, the form. */
    static final String EDITING = "sintra-agents-editing";

    AgentsView(AgentService agents, BrainService brain, AiProviders providers, SelectedWorkspace selectedWorkspace) {
        this.agents = agents;
        this.brain = brain;
        this.providers = providers;
        this.selectedWorkspace = selectedWorkspace;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String requested = event.getLocation().getQueryParameters().getSingleParameter("agent").orElse(null);
        selectedWorkspace.current().ifPresentOrElse(workspace -> show(workspace, requested),
                () -> add(new H2("Agents"), new Paragraph("Create or choose a workspace first: its agents appear here.")));
    }

    /** A round dot in the agent's colour. */
    static Span swatch(String color) {
        Span swatch = new Span();
        swatch.getStyle().setBackgroundColor(color).setWidth("0.9em").setHeight("0.9em").setBorderRadius("50%")
                .setDisplay(Style.Display.INLINE_BLOCK).setFlexShrink("0");
        return swatch;
    }

    /**
     * The agent the address names (the command palette links to {@code agents?agent=<id>}), when it belongs to
     * the selected workspace. Another workspace's agent is reported like an unknown one: the selected workspace
     * is what the page shows, and the user may not be a member of the other.
     */
    private Optional<Agent> requestedAgent(Workspace workspace, String requested) {
        Optional<Agent> agent;
        try {
            agent = Optional.of(UUID.fromString(requested)).map(id -> agents.get(new AgentId(id)))
                    .filter(a -> a.workspaceId().equals(workspace.id()));
        } catch (IllegalArgumentException | NotFoundException unknown) {
            agent = Optional.empty();
        }
        if (agent.isEmpty()) {
            Notifications.error("No agent with that id in " + workspace.name() + ".");
        }
        return agent;
    }

    private void show(Workspace workspace, String requested) {
        Checkbox showArchived = new Checkbox("Show archived");
        showArchived.setId("show-archived");
        Grid<Agent> grid = new Grid<>(Agent.class, false);
        grid.setId("agents-grid");
        grid.addComponentColumn(agent -> {
            Span name = new Span(swatch(agent.avatarColor()), new Text(agent.name()));
            name.addClassNames(LumoUtility.Display.INLINE_FLEX, LumoUtility.AlignItems.CENTER, LumoUtility.Gap.SMALL);
            return name;
        }).setHeader("Name").setKey("name").setFlexGrow(2);
        grid.addColumn(Agent::roleDescription).setHeader("Role").setKey("role").setFlexGrow(3);
        grid.addColumn(Agent::model).setHeader("Model").setKey("model");
        grid.addColumn(a -> a.temperature().stripTrailingZeros().toPlainString()).setHeader("Temperature")
                .setKey("temperature");
        grid.addColumn(Agent::version).setHeader("Version").setKey("version");
        grid.addColumn(a -> a.archived() ? "Archived" : "Active").setHeader("Status").setKey("status");
        grid.setItems(query -> agents.agents(workspace.id(), showArchived.getValue(), query.getOffset(), query.getLimit())
                .stream()).setIdentifierProvider(Agent::id);
        grid.setEmptyStateText("No agents yet.");
        grid.setSizeFull();
        grid.addClassName("sintra-agents-list");

        HorizontalLayout body = new HorizontalLayout();
        body.addClassName("sintra-agents");
        AgentEditor editor = new AgentEditor(agents, brain, providers, workspace, changed -> {
            grid.getDataProvider().refreshAll();
            if (changed.archived() && !showArchived.getValue()) {
                grid.deselectAll();
            } else {
                grid.select(changed);
            }
        }, () -> {
            grid.deselectAll();
            body.removeClassName(EDITING);
        });
        boolean canEdit = workspace.myRole().atLeast(WorkspaceRole.EDITOR);
        grid.asSingleSelect().addValueChangeListener(e -> {
            // Selections made in code follow a change the editor already shows.
            if (e.isFromClient() && e.getValue() != null) {
                editor.edit(e.getValue());
                body.addClassName(EDITING);
            }
            // Viewers have nothing to write: the form appears once they pick an agent to read.
            editor.setVisible(canEdit || e.getValue() != null);
        });
        showArchived.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        HorizontalLayout header = new HorizontalLayout(new H2("Agents · " + workspace.name()), showArchived);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.addClassName("sintra-agents-header");
        header.expand(showArchived);
        if (canEdit) {
            Button create = new Button("New agent", e -> {
                grid.deselectAll();
                editor.editNew();
                body.addClassName(EDITING);
            });
            create.setId("new-agent");
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        editor.setVisible(canEdit);

        body.add(grid, editor);
        body.setSizeFull();
        body.expand(grid);
        add(header, body);
        expand(body);

        if (requested != null) {
            requestedAgent(workspace, requested).ifPresent(agent -> {
                showArchived.setValue(agent.archived());
                grid.select(agent);
                editor.edit(agent);
                body.addClassName(EDITING);
            });
        }
    }
}
