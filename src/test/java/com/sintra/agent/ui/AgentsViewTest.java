package com.sintra.agent.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormatted;
import static com.github.mvysny.kaributesting.v10.GridKt._select;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.agent.AgentVersion;
import com.sintra.base.ui.CopyableId;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
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
    void an_agent_named_in_the_address_opens_in_the_editor_and_another_workspaces_agent_is_refused_with_a_message() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId researcher = fixtures.as(user, () -> agents.create(workspace, draft("Researcher")));
        fixtures.as(user, () -> agents.create(workspace, draft("Writer")));
        User other = fixtures.newUser();
        WorkspaceId theirs = fixtures.newWorkspace(other);
        AgentId foreign = fixtures.as(other, () -> agents.create(theirs, draft("Spy")));
        openAs(user);

        UI.getCurrent().navigate("agents", QueryParameters.of("agent", researcher.toString()));
        @SuppressWarnings("unchecked")
        Grid<Agent> grid = _get(Grid.class, spec -> spec.withId("agents-grid"));
        assertThat(grid.asSingleSelect().getValue()).extracting(Agent::id).isEqualTo(researcher);
        assertThat(_get(TextField.class, spec -> spec.withId("agent-name")).getValue()).isEqualTo("Researcher");

        for (String unknown : List.of(foreign.toString(), "not-an-id")) {
            UI.getCurrent().navigate("agents", QueryParameters.of("agent", unknown.toString()));
            expectNotifications("No agent with that id in " + fixtures.as(user, () -> workspaces.get(workspace)).name() + ".");
            @SuppressWarnings("unchecked")
            Grid<Agent> shown = _get(Grid.class, spec -> spec.withId("agents-grid"));
            assertThat(shown.asSingleSelect().getValue()).isNull();
            assertThat(_get(TextField.class, spec -> spec.withId("agent-name")).getValue()).isEmpty();
        }
        assertThat(fixtures.as(other, () -> agents.get(foreign)).name()).isEqualTo("Spy");
    }

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
    void saving_without_changes_keeps_the_version_and_says_there_is_nothing_to_save() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId handbook = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        AgentId id = fixtures.as(user, () -> agents.create(workspace, new AgentDraft("Writer", "Writes", "Be brief.",
                "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false, List.of(handbook))));
        Agent before = fixtures.as(user, () -> agents.get(id));
        openAs(user);
        UI.getCurrent().navigate("agents");

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        _click(_get(Button.class, spec -> spec.withId("save-agent")));

        expectNotifications("No changes to save");
        assertThat(_getFormatted(grid(), 0, "version")).isEqualTo("1");
        Agent after = fixtures.as(user, () -> agents.get(id));
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(before.updatedAt());
    }

    @Test
    void the_editor_shows_the_agents_id_for_the_api_with_a_copy_button() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId id = fixtures.as(user, () -> agents.create(workspace, draft("Writer")));
        openAs(user);
        UI.getCurrent().navigate("agents");
        _assertNone(CopyableId.class, spec -> spec.withId("agent-id")); // a new agent has no id yet

        _select(grid(), _fetch(grid(), 0, 1).get(0));

        assertThat(_get(CopyableId.class, spec -> spec.withId("agent-id")).id()).isEqualTo(id.toString());
    }

    @Test
    void archiving_asks_first_saying_what_happens_and_only_once_confirmed_hides_the_agent_unless_archived_ones_are_shown() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId id = fixtures.as(user, () -> agents.create(workspace, draft("Retiring")));
        openAs(user);
        UI.getCurrent().navigate("agents");

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        _click(_get(Button.class, spec -> spec.withId("archive-agent")));

        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(confirm)).isEqualTo("Archive Retiring?");
        assertThat(ConfirmDialogKt.getText(confirm)).contains("conversations stay").contains("chat picker")
                .contains("restore");
        assertThat(fixtures.as(user, () -> agents.get(id)).archived()).isFalse();
        _click(_get(Button.class, spec -> spec.withId("confirm-cancel")));
        assertThat(fixtures.as(user, () -> agents.get(id)).archived()).isFalse();
        assertThat(_fetch(grid(), 0, 50)).extracting(Agent::name).containsExactly("Retiring");

        _click(_get(Button.class, spec -> spec.withId("archive-agent")));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

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
    void the_history_lists_versions_newest_first_with_what_each_changed_and_reverts_to_one() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId id = fixtures.as(user, () -> agents.create(workspace, new AgentDraft("Writer", "Writes",
                "You are Sintra.\nCite sources.", "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false, List.of())));
        fixtures.as(user, () -> agents.update(id, new AgentDraft("Senior writer", "Writes",
                "You are Sintra.\nCite every source.", "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false,
                List.of())));
        openAs(user);
        UI.getCurrent().navigate("agents");
        _select(grid(), _fetch(grid(), 0, 1).get(0));

        _click(_get(Button.class, spec -> spec.withId("agent-history")));

        Dialog history = _get(Dialog.class, spec -> spec.withId("agent-history-dialog"));
        List<Div> versions = _find(history, Div.class, spec -> spec.withClasses("sintra-agent-version"));
        assertThat(versions).extracting(v -> v.getId().orElseThrow()).containsExactly("agent-version-2", "agent-version-1");
        assertThat(_get(versions.get(0), H4.class).getText()).isEqualTo("Version 2 (current)");
        assertThat(_find(versions.get(0), Span.class)).extracting(Span::getText).anyMatch(text -> text.matches(
                "Saved by " + java.util.regex.Pattern.quote(user.displayName()) + " · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"));
        assertThat(_find(versions.get(0), Div.class, spec -> spec.withClasses("sintra-diff-removed")))
                .extracting(Div::getText).containsExactly("− Writer", "− Cite sources.");
        assertThat(_find(versions.get(0), Div.class, spec -> spec.withClasses("sintra-diff-added")))
                .extracting(Div::getText).containsExactly("+ Senior writer", "+ Cite every source.");
        _assertNone(versions.get(0), Button.class, spec -> spec.withId("revert-agent-2"));

        _click(_get(history, Button.class, spec -> spec.withId("revert-agent-1")));

        Agent reverted = fixtures.as(user, () -> agents.get(id));
        assertThat(reverted.version()).isEqualTo(3);
        assertThat(reverted.name()).isEqualTo("Writer");
        assertThat(reverted.systemPrompt()).isEqualTo("You are Sintra.\nCite sources.");
        assertThat(_getFormatted(grid(), 0, "version")).isEqualTo("3");
        assertThat(_get(TextField.class, spec -> spec.withId("agent-name")).getValue()).isEqualTo("Writer");
        assertThat(fixtures.as(user, () -> agents.history(id))).extracting(AgentVersion::version).containsExactly(3, 2, 1);
    }

    @Test
    void a_viewer_reads_the_history_but_cannot_revert() {
        User owner = fixtures.newUser();
        User viewer = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Shared")));
        fixtures.as(owner, () -> agents.update(id, draft("Shared widely")));
        openAs(viewer);
        UI.getCurrent().navigate("agents");
        _select(grid(), _fetch(grid(), 0, 1).get(0));

        _click(_get(Button.class, spec -> spec.withId("agent-history")));

        Dialog history = _get(Dialog.class, spec -> spec.withId("agent-history-dialog"));
        assertThat(_find(history, Div.class, spec -> spec.withClasses("sintra-agent-version"))).hasSize(2);
        _assertNone(history, Button.class, spec -> spec.withText("Revert to this version"));
    }

    @Test
    void on_a_phone_an_open_agent_takes_the_lists_place_and_back_returns_to_the_list() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        fixtures.as(user, () -> agents.create(workspace, draft("Writer")));
        openAs(user);
        UI.getCurrent().navigate("agents");
        AgentEditor editor = _get(AgentEditor.class, spec -> spec.withId("agent-editor"));
        HorizontalLayout body = (HorizontalLayout) editor.getParent().orElseThrow();
        assertThat(body.getClassNames()).contains("sintra-agents").doesNotContain(AgentsView.EDITING);
        assertThat(editor.getElement().getStyle().get("width")).as("the theme sizes the form, per screen width").isNull();

        _select(grid(), _fetch(grid(), 0, 1).get(0));
        assertThat(body.getClassNames()).contains(AgentsView.EDITING);

        _click(_get(Button.class, spec -> spec.withId("agent-back")));
        assertThat(body.getClassNames()).doesNotContain(AgentsView.EDITING);
        assertThat(grid().asSingleSelect().getValue()).isNull();

        _click(_get(Button.class, spec -> spec.withId("new-agent")));
        assertThat(body.getClassNames()).contains(AgentsView.EDITING);
    }

    @Test
    void without_a_workspace_the_user_is_sent_to_the_workspaces_list_and_told_to_create_one() {
        openAs(fixtures.newUser());
        UI.getCurrent().navigate("agents");
        _assertNone(AgentsView.class);
        assertThat(_get(Paragraph.class).getText()).contains("not in any workspace");
    }

    @SuppressWarnings("unchecked")
    private static Grid<Agent> grid() {
        return _get(Grid.class, spec -> spec.withId("agents-grid"));
    }

    private static AgentDraft draft(String name) {
        return new AgentDraft(name, "Writes", "", "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false, List.of());
    }
}
