package com.sintra.agent.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._select;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

class AgentsViewTest extends KaribuTest {

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    WorkspaceService workspaces;

    @Test
    void an_editor_creates_an_agent_with_the_form() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId handbook = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        openAs(user);
        UI.getCurrent().navigate("agents");

        _click(_get(Button.class, spec -> spec.withId("new-agent")));
        _setValue(_get(TextField.class, spec -> spec.withId("agent-name")), "Researcher");
        _setValue(_get(TextArea.class, spec -> spec.withId("agent-role")), "Finds what the brain knows");
        _setValue(_get(NumberField.class, spec -> spec.withId("agent-temperature")), 0.2);
        _setValue(_get(TextField.class, spec -> spec.withId("agent-color")), "#16a34a");
        @SuppressWarnings("unchecked")
        MultiSelectComboBox<KnowledgeBase> knowledgeBases = _get(MultiSelectComboBox.class,
                spec -> spec.withId("agent-knowledge-bases"));
        _setValue(knowledgeBases, Set.copyOf(fixtures.as(user, () -> brain.knowledgeBases(workspace))));
        _setValue(_get(Checkbox.class, spec -> spec.withId("agent-cache-answers")), true);
        _click(_get(Button.class, spec -> spec.withId("save-agent")));

        List<Agent> stored = fixtures.as(user, () -> agents.agents(workspace, 0, 10));
        assertThat(stored).hasSize(1);
        Agent agent = stored.get(0);
        assertThat(agent.name()).isEqualTo("Researcher");
        assertThat(agent.roleDescription()).isEqualTo("Finds what the brain knows");
        assertThat(agent.model()).isEqualTo("gpt-4o-mini");
        assertThat(agent.temperature()).isEqualByComparingTo("0.2");
        assertThat(agent.avatarColor()).isEqualTo("#16a34a");
        assertThat(agent.knowledgeBases()).containsExactly(handbook);
        assertThat(agent.cacheAnswers()).isTrue();
        assertThat(_fetch(grid(), 0, 50)).extracting(Agent::name).containsExactly("Researcher");
    }

    @Test
    void a_temperature_out_of_range_is_shown_at_the_field_and_nothing_is_stored() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("agents");

        _setValue(_get(TextField.class, spec -> spec.withId("agent-name")), "Wild");
        NumberField temperature = _get(NumberField.class, spec -> spec.withId("agent-temperature"));
        _setValue(temperature, 3.0);
        _click(_get(Button.class, spec -> spec.withId("save-agent")));

        assertThat(temperature.isInvalid()).isTrue();
        assertThat(temperature.getErrorMessage()).isEqualTo("Temperature must be between 0 and 2");
        assertThat(fixtures.as(user, () -> agents.agents(workspace, true, 0, 10))).isEmpty();
    }

    @Test
    void saving_an_edit_shows_the_next_version_in_the_grid() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId id = fixtures.as(user, () -> agents.create(workspace, draft("Writer")));
        openAs(user);
        UI.getCurrent().navigate("agents");
        assertThat(_getFormatted(grid(), 0, "version")).isEqualTo("1");

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        TextField name = _get(TextField.class, spec -> spec.withId("agent-name"));
        assertThat(name.getValue()).isEqualTo("Writer");
        _setValue(name, "Senior writer");
        _click(_get(Button.class, spec -> spec.withId("save-agent")));

        assertThat(_getFormatted(grid(), 0, "version")).isEqualTo("2");
        assertThat(_fetch(grid(), 0, 50)).extracting(Agent::name).containsExactly("Senior writer");
        assertThat(fixtures.as(user, () -> agents.get(id)).version()).isEqualTo(2);
    }

    @Test
    void archiving_hides_the_agent_unless_archived_ones_are_shown() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId id = fixtures.as(user, () -> agents.create(workspace, draft("Retiring")));
        openAs(user);
        UI.getCurrent().navigate("agents");

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        _click(_get(Button.class, spec -> spec.withId("archive-agent")));

        assertThat(_fetch(grid(), 0, 50)).isEmpty();
        assertThat(fixtures.as(user, () -> agents.get(id)).archived()).isTrue();
        _setValue(_get(Checkbox.class, spec -> spec.withId("show-archived")), true);
        assertThat(_getFormatted(grid(), 0, "status")).isEqualTo("Archived");
    }

    @Test
    void duplicating_adds_a_copy_to_the_grid() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        fixtures.as(user, () -> agents.create(workspace, draft("Reviewer")));
        openAs(user);
        UI.getCurrent().navigate("agents");

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        _click(_get(Button.class, spec -> spec.withId("duplicate-agent")));

        assertThat(_fetch(grid(), 0, 50)).extracting(Agent::name).containsExactly("Reviewer (copy)", "Reviewer");
        assertThat(_get(TextField.class, spec -> spec.withId("agent-name")).getValue()).isEqualTo("Reviewer (copy)");
    }

    @Test
    void a_viewer_reads_an_agent_in_a_read_only_form_without_buttons() {
        User owner = fixtures.newUser();
        User viewer = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        fixtures.as(owner, () -> agents.create(workspace, draft("Shared")));
        openAs(viewer);
        UI.getCurrent().navigate("agents");

        _assertNone(Button.class, spec -> spec.withId("new-agent"));
        _select(grid(), _fetch(grid(), 0, 1).get(0));
        TextField name = _get(TextField.class, spec -> spec.withId("agent-name"));
        assertThat(name.getValue()).isEqualTo("Shared");
        assertThat(name.isReadOnly()).isTrue();
        _assertNone(Button.class, spec -> spec.withId("save-agent"));
    }

    @Test
    void without_a_workspace_the_view_says_to_choose_one() {
        openAs(fixtures.newUser());
        UI.getCurrent().navigate("agents");
        assertThat(_get(Paragraph.class).getText()).contains("choose a workspace");
    }

    @SuppressWarnings("unchecked")
    private static Grid<Agent> grid() {
        return _get(Grid.class, spec -> spec.withId("agents-grid"));
    }

    private static AgentDraft draft(String name) {
        return new AgentDraft(name, "Writes", "", "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false, List.of());
    }
}
