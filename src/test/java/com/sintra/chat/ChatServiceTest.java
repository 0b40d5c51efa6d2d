package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.agent.AgentService;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.agent.AgentId;
import com.sintra.brain.BrainService;
import com.sintra.brain.Ingest;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

/** Chat without a model provider (the test configuration has none): offline answers, storage, access, paging. */
class ChatServiceTest extends IntegrationTest {

    @Autowired
    ChatService chat;

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChatRepository chats;

    @Autowired
    TransactionTemplate transaction;

    ChatSetup setup;

    @BeforeEach
    void setUp() {
        setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
    }

    @Test
    void without_a_provider_the_agent_answers_offline_by_quoting_its_passages_with_citations() {
        ChatAnswer answer = ask(setup.owner(), null, "How long do refunds take to arrive?");
        ChatMessage stored = answered(answer);

        assertThat(stored.mode()).isEqualTo(AnswerMode.OFFLINE);
        assertThat(stored.content()).startsWith("**Offline answer**").contains("no AI provider is configured")
                .contains("five business days").contains("[1]");
        assertThat(stored.citations()).isNotEmpty().first().satisfies(c -> {
            assertThat(c.number()).isEqualTo(1);
            assertThat(c.documentTitle()).isEqualTo("Refunds");
            assertThat(c.excerpt()).isNotBlank();
        });
        assertThat(stored.model()).isNull();
        assertThat(stored.promptTokens()).isZero();
        assertThat(stored.latencyMs()).isNotNull();
        assertThat(answer.conversation().title()).isEqualTo("How long do refunds take to arrive?");
        MessagePage page = fixtures.as(setup.owner(), () -> chat.messages(answer.conversation().id(), null, 30));
        assertThat(page.messages()).extracting(ChatMessage::sender).containsExactly(ChatMessage.Sender.USER, ChatMessage.Sender.AGENT);
        assertThat(page.messages()).as("what ask returned is what was stored").containsExactly(answer.question(), stored);
        assertThat(answer.answeredAtOnce()).contains(stored);
        assertThat(page.hasEarlier()).isFalse();
    }

    @Test
    void an_offline_answer_lists_as_sources_exactly_the_passages_it_quotes_and_none_when_it_quotes_nothing() {
        ChatMessage stored = answered(ask(setup.owner(), null, "What is the capital of France?"));

        assertThat(stored.mode()).isEqualTo(AnswerMode.OFFLINE);
        assertThat(stored.citations()).extracting(Citation::number)
                .containsExactlyElementsOf(Citation.numbersIn(stored.content()));
        if (stored.content().contains("Nothing in this agent's knowledge")) {
            assertThat(stored.citations()).isEmpty();
        }
        ChatMessage quoting = answered(ask(setup.owner(), null, "How long do refunds take to arrive?"));
        assertThat(quoting.citations()).isNotEmpty().extracting(Citation::number)
                .containsExactlyElementsOf(Citation.numbersIn(quoting.content()));
    }

    @Test
    void a_passage_found_twice_in_two_knowledge_bases_is_quoted_and_cited_once() {
        KnowledgeBaseId copy = fixtures.as(setup.owner(), () -> brain.createKnowledgeBase(setup.workspace(), "Handbook copy", ""));
        Ingest.markdown(fixtures, brain, setup.owner(), setup.workspace(), copy, "handbook.md", ChatSetup.HANDBOOK);
        AgentId both = fixtures.as(setup.owner(), () -> agents.create(setup.workspace(),
                ChatSetup.draft("Twice", new BigDecimal("0.7"), false, List.of(setup.handbook(), copy))));

        ChatAnswer answer = fixtures.as(setup.owner(), () -> chat.ask(both, null, "How long do refunds take to arrive?"));
        ChatMessage stored = answered(answer);

        assertThat(answer.citations()).extracting(Citation::excerpt).doesNotHaveDuplicates();
        assertThat(stored.citations()).isNotEmpty().extracting(Citation::chunkId).doesNotHaveDuplicates();
        assertThat(stored.citations()).extracting(Citation::excerpt).doesNotHaveDuplicates();
        List<String> quotes = stored.content().lines().filter(line -> line.startsWith("> "))
                .map(line -> line.replaceFirst(" \\[\\d+]$", "")).toList();
        assertThat(quotes).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void knowledge_added_after_a_question_grounds_the_very_next_one() {
        WorkspaceId fresh = fixtures.newWorkspace(setup.owner());
        KnowledgeBaseId handbook = fixtures.as(setup.owner(), () -> brain.createKnowledgeBase(fresh, "Handbook", ""));
        AgentId agent = fixtures.as(setup.owner(), () -> agents.create(fresh,
                ChatSetup.draft("Newcomer", new BigDecimal("0.7"), false, List.of(handbook))));
        // An empty brain: the state read for this question is remembered for a moment, and must not hide what follows.
        assertThat(fixtures.as(setup.owner(), () -> answered(chat.ask(agent, null, "How long do refunds take?"))).citations())
                .isEmpty();

        Ingest.markdown(fixtures, brain, setup.owner(), fresh, handbook, "handbook.md", ChatSetup.HANDBOOK);
        ChatMessage grounded = fixtures.as(setup.owner(), () -> answered(chat.ask(agent, null, "How long do refunds take?")));
        assertThat(grounded.citations()).isNotEmpty().first().satisfies(c -> assertThat(c.documentTitle()).isEqualTo("Refunds"));
    }

    @Test
    void an_offline_answer_never_invents_when_nothing_matches() {
        ChatMessage stored = answered(ask(setup.owner(), null, "zxqv plorb wibble"));
        assertThat(stored.mode()).isEqualTo(AnswerMode.OFFLINE);
        // Either nothing is close enough, or what is quoted comes from the handbook word for word.
        String quoted = stored.content().substring(stored.content().indexOf("\n\n") + 2);
        if (!quoted.startsWith("Nothing in this agent's knowledge")) {
            for (String line : quoted.split("\n\n")) {
                String sentence = line.replaceFirst("^> ", "").replaceFirst(" \\[\\d+]$", "");
                assertThat(ChatSetup.HANDBOOK.replaceAll("\\s+", " ")).contains(sentence.replace("…", "").strip());
            }
        }
    }

    @Test
    void empty_and_over_long_messages_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> ask(setup.owner(), null, "   "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("message"));
        assertThatThrownBy(() -> ask(setup.owner(), null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ask(setup.owner(), null, "x".repeat(8001)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("8,000"));
        assertThat(storedMessages(setup.owner())).isZero();
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).isEmpty();
    }

    @Test
    void an_archived_agent_cannot_be_asked_and_nothing_is_stored() {
        fixtures.as(setup.owner(), () -> agents.setArchived(setup.agent(), true));
        assertThatThrownBy(() -> ask(setup.owner(), null, "Hello?"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("archived"));
        assertThat(storedMessages(setup.owner())).isZero();
    }

    @Test
    void another_workspaces_agent_and_someone_elses_conversation_are_not_found() {
        User stranger = fixtures.newUser();
        assertThatThrownBy(() -> ask(stranger, null, "Hello?")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> chat.ask(new com.sintra.agent.AgentId(UUID.randomUUID()), null, "Hi")))
                .isInstanceOf(NotFoundException.class);
        assertThat(storedMessages(stranger)).isZero();

        ChatAnswer mine = ask(setup.owner(), null, "Where do orders ship from?");
        answered(mine);
        User colleague = fixtures.newUser();
        fixtures.as(setup.owner(), () -> workspaces.addMember(setup.workspace(), colleague.email(), WorkspaceRole.EDITOR));
        ConversationId conversation = mine.conversation().id();
        assertThatThrownBy(() -> fixtures.as(colleague, () -> chat.messages(conversation, null, 30))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ask(colleague, conversation, "And express?")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(colleague, () -> chat.deleteConversation(conversation))).isInstanceOf(NotFoundException.class);
        assertThat(storedMessages(colleague)).isZero();
    }

    @Test
    void the_message_pane_pages_back_from_the_newest_without_gaps_or_repeats() {
        ChatAnswer first = ask(setup.owner(), null, "Question 0");
        answered(first);
        ConversationId conversation = first.conversation().id();
        ChatSetup.insertMessages(jdbc, conversation, 73);

        List<ChatMessage> seen = new ArrayList<>();
        MessagePage page = fixtures.as(setup.owner(), () -> chat.messages(conversation, null, 30));
        assertThat(page.messages()).hasSize(30);
        assertThat(page.messages().get(29).content()).isEqualTo("Bulk 72");
        seen.addAll(0, page.messages());
        while (page.hasEarlier()) {
            ChatMessage oldest = page.messages().get(0);
            page = fixtures.as(setup.owner(), () -> chat.messages(conversation, oldest, 30));
            seen.addAll(0, page.messages());
        }
        assertThat(seen).hasSize(75);
        assertThat(seen).extracting(ChatMessage::id).doesNotHaveDuplicates().isSorted();
        assertThat(seen.get(0).content()).isEqualTo("Question 0");
    }

    @Test
    void the_message_pane_is_planned_for_its_conversation_so_a_long_one_is_never_sorted_whole() {
        ChatAnswer first = ask(setup.owner(), null, "Question 0");
        answered(first);
        // A generic plan (what PostgreSQL may settle on for a prepared statement) sorts every message of a
        // 10,000-message conversation to show 30; pages are planned for their actual conversation instead.
        String mode = transaction.execute(tx -> {
            chats.page(first.conversation().id(), null, 30);
            return jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single();
        });
        assertThat(mode).isEqualTo("force_custom_plan");
    }

    @Test
    void conversations_continue_and_are_listed_most_recent_first() {
        ChatAnswer first = ask(setup.owner(), null, "Where do orders ship from?");
        answered(first);
        ChatAnswer second = ask(setup.owner(), null, "How do I reset my password?");
        answered(second);
        ChatAnswer followUp = ask(setup.owner(), first.conversation().id(), "And how long does express take?");
        answered(followUp);

        assertThat(followUp.conversation().id()).isEqualTo(first.conversation().id());
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50)))
                .extracting(Conversation::id).containsExactly(first.conversation().id(), second.conversation().id());
        fixtures.as(setup.owner(), () -> chat.deleteConversation(second.conversation().id()));
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).hasSize(1);
    }

    @Test
    void conversations_are_found_by_any_part_of_their_title_taken_literally_among_the_callers_own() {
        answered(ask(setup.owner(), null, "Where do orders ship from?"));
        answered(ask(setup.owner(), null, "How do I reset my password?"));
        answered(ask(setup.owner(), null, "A 100% refund_policy?"));
        User colleague = fixtures.newUser();
        fixtures.as(setup.owner(), () -> workspaces.addMember(setup.workspace(), colleague.email(), WorkspaceRole.EDITOR));
        ChatAnswer theirs = ask(colleague, null, "Do orders ship on Sundays?");
        answered(theirs);

        assertThat(titled(setup.owner(), "SHIP")).containsExactly("Where do orders ship from?");
        assertThat(titled(setup.owner(), "%")).containsExactly("A 100% refund_policy?");
        assertThat(titled(setup.owner(), "d_ ")).containsExactly("A 100% refund_policy?");
        assertThat(titled(setup.owner(), "  ")).hasSize(3);
        assertThat(titled(colleague, "ship")).containsExactly("Do orders ship on Sundays?");
    }

    @Test
    void a_conversation_is_renamed_by_its_owner_only_and_a_blank_or_over_long_title_changes_nothing() {
        ChatAnswer mine = ask(setup.owner(), null, "Where do orders ship from?");
        answered(mine);
        ConversationId id = mine.conversation().id();

        Conversation renamed = fixtures.as(setup.owner(), () -> chat.rename(id, "  Shipping\nquestions "));
        assertThat(renamed.title()).isEqualTo("Shipping questions");
        assertThat(titled(setup.owner(), "")).containsExactly("Shipping questions");

        assertThatThrownBy(() -> fixtures.as(setup.owner(), () -> chat.rename(id, "   ")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> fixtures.as(setup.owner(), () -> chat.rename(id, "x".repeat(201))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("200");
        User colleague = fixtures.newUser();
        fixtures.as(setup.owner(), () -> workspaces.addMember(setup.workspace(), colleague.email(), WorkspaceRole.EDITOR));
        assertThatThrownBy(() -> fixtures.as(colleague, () -> chat.rename(id, "Mine now"))).isInstanceOf(NotFoundException.class);
        assertThat(fixtures.as(setup.owner(), () -> chat.conversation(id)).title()).isEqualTo("Shipping questions");
    }

    @Test
    void regenerating_asks_the_latest_question_again_and_keeps_the_earlier_answer_in_the_history() {
        ChatAnswer first = ask(setup.owner(), null, "Where do orders ship from?");
        ChatMessage earlier = answered(first);
        ConversationId id = first.conversation().id();

        ChatAnswer again = fixtures.as(setup.owner(), () -> chat.regenerate(id));
        ChatMessage regenerated = answered(again);

        assertThat(again.conversation().id()).isEqualTo(id);
        MessagePage page = fixtures.as(setup.owner(), () -> chat.messages(id, null, 30));
        assertThat(page.messages()).extracting(ChatMessage::sender).containsExactly(ChatMessage.Sender.USER,
                ChatMessage.Sender.AGENT, ChatMessage.Sender.USER, ChatMessage.Sender.AGENT);
        assertThat(page.messages().get(2).content()).isEqualTo("Where do orders ship from?");
        assertThat(page.messages()).contains(earlier, regenerated);
        User colleague = fixtures.newUser();
        fixtures.as(setup.owner(), () -> workspaces.addMember(setup.workspace(), colleague.email(), WorkspaceRole.EDITOR));
        assertThatThrownBy(() -> fixtures.as(colleague, () -> chat.regenerate(id))).isInstanceOf(NotFoundException.class);
        assertThat(fixtures.as(setup.owner(), () -> chat.messages(id, null, 30)).messages()).hasSize(4);
    }

    private List<String> titled(User user, String text) {
        return fixtures.as(user, () -> chat.conversations(setup.agent(), text, 50)).stream().map(Conversation::title).toList();
    }

    private ChatAnswer ask(User user, ConversationId conversation, String message) {
        return fixtures.as(user, () -> chat.ask(setup.agent(), conversation, message));
    }

    static ChatMessage answered(ChatAnswer answer) {
        ChatEvent last = answer.events().blockLast(Duration.ofSeconds(20));
        assertThat(last).isInstanceOf(ChatEvent.Answered.class);
        return ((ChatEvent.Answered) last).answer();
    }

    private long storedMessages(User user) {
        return jdbc.sql("SELECT count(*) FROM agent_messages WHERE user_id = :user").param("user", user.id().value())
                .query(Long.class).single() + jdbc.sql("SELECT count(*) FROM conversations WHERE user_id = :user")
                .param("user", user.id().value()).query(Long.class).single();
    }
}
