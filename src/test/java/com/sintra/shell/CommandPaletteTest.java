package com.sintra.shell;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.ElementUtilsKt;
import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.NotFoundException;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatService;
import com.sintra.chat.ChatSetup;
import com.sintra.collaboration.Collaboration;
import com.sintra.collaboration.CollaborationMode;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.collaboration.Visibility;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.DomEvent;

import elemental.json.Json;
import elemental.json.JsonObject;

class CommandPaletteTest extends KaribuTest {

    @Autowired
    WorkspaceService workspaces;
    @Autowired
    AgentService agents;
    @Autowired
    BrainService brain;
    @Autowired
    ChatService chat;
    @Autowired
    CollaborationService collaborations;

    @Test
    void the_palette_finds_the_selected_workspaces_agents_knowledge_bases_documents_and_conversations_and_no_others() {
        ChatSetup mine = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        ChatSetup theirs = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        ChatAnswer asked = fixtures.as(mine.owner(), () -> chat.ask(mine.agent(), null, "Supported refund windows?"));
        asked.events().blockLast(Duration.ofSeconds(20));
        fixtures.as(theirs.owner(), () -> chat.ask(theirs.agent(), null, "Supported refund windows?")).events()
                .blockLast(Duration.ofSeconds(20));
        BrainDocument handbook = fixtures.as(mine.owner(), () -> brain.documents(mine.workspace(), null, true, 0, 1)).get(0);
        CommandPalette palette = openPalette(mine.owner());

        type("sup");
        assertThat(palette.matches()).extracting(CommandPalette.Target::label)
                .containsExactly("Agent: Support", "Conversation: " + asked.conversation().title());
        assertThat(palette.matches()).extracting(CommandPalette.Target::path).containsExactly("agents",
                "chat/" + asked.conversation().id());
        assertThat(palette.matches().get(0).query().getQueryString()).isEqualTo("agent=" + mine.agent());

        type("hand");
        assertThat(palette.matches()).extracting(CommandPalette.Target::label).contains("Knowledge base: Handbook");
        assertThat(palette.matches()).filteredOn(t -> t.label().startsWith("Knowledge base"))
                .extracting(t -> t.query().getQueryString()).containsExactly("knowledgeBase=" + mine.handbook());

        type(handbook.title().substring(0, 4));
        assertThat(palette.matches()).extracting(CommandPalette.Target::path).contains("brain/documents/" + handbook.id());
        assertThat(palette.matches()).extracting(CommandPalette.Target::path)
                .noneMatch(path -> path.contains(theirs.agent().toString()) || path.contains(theirs.workspace().toString()));
    }

    @Test
    void the_palette_finds_the_collaborations_i_take_part_in_and_not_those_of_others() {
        ChatSetup mine = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        User colleague = fixtures.newUser();
        fixtures.as(mine.owner(), () -> workspaces.addMember(mine.workspace(), colleague.email(), WorkspaceRole.EDITOR));
        Collaboration launch = fixtures.as(mine.owner(), () -> collaborations.create(new NewCollaboration(mine.workspace(),
                "Launch plan", "", CollaborationMode.MENTIONED_ONLY, Visibility.INVITED, 8, null, List.of(), List.of())));
        fixtures.as(colleague, () -> collaborations.create(new NewCollaboration(mine.workspace(), "Launch party", "",
                CollaborationMode.MENTIONED_ONLY, Visibility.INVITED, 8, null, List.of(), List.of())));
        CommandPalette palette = openPalette(mine.owner());

        type("launch");

        assertThat(palette.matches()).extracting(CommandPalette.Target::label).containsExactly("Collaboration: Launch plan");
        key("Enter");
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("collaborations?collaboration=" + launch.id());
    }

    @Test
    void the_arrow_keys_move_the_selection_and_enter_opens_the_selected_entry() {
        ChatSetup mine = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        ChatAnswer asked = fixtures.as(mine.owner(), () -> chat.ask(mine.agent(), null, "Supported refund windows?"));
        asked.events().blockLast(Duration.ofSeconds(20));
        CommandPalette palette = openPalette(mine.owner());

        type("sup");
        assertThat(palette.selected().label()).isEqualTo("Agent: Support");
        key("ArrowDown");
        assertThat(palette.selected().label()).startsWith("Conversation: ");
        key("ArrowDown");
        assertThat(palette.selected().label()).as("wraps around").isEqualTo("Agent: Support");
        key("ArrowUp");
        key("Enter");

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("chat/" + asked.conversation().id());
    }

    @Test
    void an_agent_opens_in_its_editor_and_a_knowledge_base_is_chosen_in_the_brain_when_picked_in_the_palette() {
        ChatSetup mine = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        openPalette(mine.owner());
        type("sup");
        key("Enter");

        @SuppressWarnings("unchecked")
        Grid<Agent> grid = _get(Grid.class, spec -> spec.withId("agents-grid"));
        assertThat(grid.asSingleSelect().getValue()).extracting(Agent::id).isEqualTo(mine.agent());
        assertThat(_get(TextField.class, spec -> spec.withId("agent-name")).getValue()).isEqualTo("Support");

        CommandPalette palette = openPalette(mine.owner());
        type("hand");
        assertThat(palette.selected().label()).isEqualTo("Knowledge base: Handbook");
        key("Enter");

        @SuppressWarnings("unchecked")
        Select<KnowledgeBase> picker = _get(Select.class, spec -> spec.withId("knowledge-base"));
        assertThat(picker.getValue()).extracting(KnowledgeBase::id).isEqualTo(mine.handbook());
    }

    @Test
    void one_letter_or_a_wildcard_typed_does_not_list_a_whole_workspace() {
        ChatSetup mine = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        CommandPalette palette = openPalette(mine.owner());
        type("s");
        assertThat(palette.matches()).extracting(CommandPalette.Target::label).noneMatch(l -> l.startsWith("Agent: "));
        type("%%");
        assertThat(palette.matches()).isEmpty();
        type("__");
        assertThat(palette.matches()).isEmpty();
    }

    @Test
    void the_lookups_behind_the_palette_refuse_a_caller_who_is_not_a_member_of_the_workspace() {
        ChatSetup theirs = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        User stranger = fixtures.newUser();
        var workspace = theirs.workspace();
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.agentsMatching(workspace, "sup", 5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> brain.knowledgeBasesMatching(workspace, "hand", 5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> brain.documentsMatching(workspace, "refu", 5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> chat.conversationsMatching(workspace, "sup", 5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> collaborations.collaborationsMatching(workspace, "lau", 5)))
                .isInstanceOf(NotFoundException.class);
        assertThat(fixtures.as(theirs.owner(), () -> agents.agentsMatching(workspace, "SUP", 5)))
                .extracting(com.sintra.agent.Agent::id).containsExactly(theirs.agent());
    }

    private CommandPalette openPalette(User user) {
        openAs(user);
        CommandPalette palette = new CommandPalette(workspaces, bean(SelectedWorkspace.class), agents, brain, chat, collaborations);
        palette.open();
        return palette;
    }

    private static void type(String text) {
        _setValue(_get(TextField.class, spec -> spec.withId("command-palette-input")), text);
    }

    private static void key(String key) {
        TextField input = _get(TextField.class, spec -> spec.withId("command-palette-input"));
        JsonObject data = Json.createObject();
        data.put("event.key", key);
        // The browser sends the result of the listener's filter along; Flow runs only listeners whose filter held.
        data.put(CommandPalette.KEYS, true);
        ElementUtilsKt._fireDomEvent(input.getElement(), new DomEvent(input.getElement(), "keydown", data));
    }

    private <T> T bean(Class<T> type) {
        return org.springframework.web.context.support.WebApplicationContextUtils
                .getRequiredWebApplicationContext(com.vaadin.flow.server.VaadinServlet.getCurrent().getServletContext())
                .getBean(type);
    }
}
