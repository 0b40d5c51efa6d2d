package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentId;
import com.sintra.brain.Embedding;
import com.sintra.brain.Ingest;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.brain.PassageQuery;
import com.sintra.brain.SearchHit;
import com.sintra.workspace.WorkspaceId;

/**
 * Grounding runs the passage expressions the brain hands over as SQL text inside chat's own statement
 * (docs/decisions/0013). Whichever form the brain chooses, exact or indexed, the statement reads the asking
 * workspace's passages and the asking conversation's messages only, and neither half binds the other's names.
 */
class GroundingTest extends IntegrationTest {

    private static final String QUESTION = "Where do orders ship from?";
    /** A name after a single colon: a bound parameter, not a {@code ::type} cast. */
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z]\\w*)");

    @Autowired
    ChatService chat;

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    GroundingRepository groundings;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    @Test
    void grounding_with_exact_passages_reads_its_own_workspace_and_conversation_only() {
        assertGroundedInOwnWorkspaceOnly(false);
    }

    @Test
    void grounding_with_indexed_passages_reads_its_own_workspace_and_conversation_only() {
        assertGroundedInOwnWorkspaceOnly(true);
    }

    @Test
    void the_passage_expressions_bind_every_name_they_use_and_none_the_grounding_statement_binds() {
        Set<String> tail = names(GroundingRepository.GROUNDING_TAIL);
        for (boolean indexed : List.of(false, true)) {
            ChatSetup setup = setup(indexed);
            PassageQuery passages = fixtures.as(setup.owner(), () -> transaction.execute(tx ->
                    passageQuery(setup, List.of(setup.handbook()), indexed)));

            assertThat(passages.parameters().keySet()).as(passages.ctes()).containsAll(names(passages.ctes()))
                    .doesNotContainAnyElementsOf(tail);
        }
    }

    private void assertGroundedInOwnWorkspaceOnly(boolean indexed) {
        ChatSetup here = setup(indexed);
        // The handbook again in another workspace of the same owner, shipping from elsewhere, with a
        // conversation of its own: whatever of it leaked into the grounding would be as near as its original.
        WorkspaceId there = fixtures.newWorkspace(here.owner());
        KnowledgeBaseId elsewhere = fixtures.as(here.owner(), () -> brain.createKnowledgeBase(there, "Handbook", ""));
        Ingest.markdown(fixtures, brain, here.owner(), there, elsewhere, "handbook.md",
                ChatSetup.HANDBOOK.replace("Lisbon", "Porto"));
        AgentId thereAgent = fixtures.as(here.owner(), () -> agents.create(there,
                ChatSetup.draft("Support", new BigDecimal("0.7"), false, List.of(elsewhere))));
        ChatServiceTest.answered(fixtures.as(here.owner(), () -> chat.ask(thereAgent, null, QUESTION)));
        ConversationId mine = ChatServiceTest.answered(fixtures.as(here.owner(),
                () -> chat.ask(here.agent(), null, QUESTION))).conversationId();

        Set<DocumentId> ours = fixtures.as(here.owner(), () -> brain.documents(here.workspace(), null, true, 0, 10))
                .stream().map(BrainDocument::id).collect(Collectors.toSet());
        Set<Long> ourMessages = fixtures.as(here.owner(), () -> chat.messages(mine, null, 30)).messages().stream()
                .map(ChatMessage::id).collect(Collectors.toSet());
        Embedding question = fixtures.as(here.owner(), () -> brain.embedQuery(QUESTION));
        // A new conversation is grounded by the passages alone; an existing one by the whole statement.
        for (ConversationId conversation : Arrays.asList(null, mine)) {
            Grounding grounding = fixtures.as(here.owner(), () -> transaction.execute(tx -> groundings.ground(
                    passageQuery(here, List.of(here.handbook(), elsewhere), indexed), conversation, question, chat.settings())));

            assertThat(grounding.passages()).isNotEmpty().extracting(SearchHit::documentId).allMatch(ours::contains);
            assertThat(grounding.passages()).extracting(SearchHit::content).noneMatch(content -> content.contains("Porto"));
            assertThat(grounding.history()).extracting(Grounding.HistoryMessage::id).allMatch(ourMessages::contains);
            assertThat(grounding.history()).hasSize(conversation == null ? 0 : ourMessages.size());
        }
    }

    /**
     * A workspace with the handbook and an agent on it. Marked as having its own vector index when
     * {@code indexed}, so the brain hands over its indexed form (a workspace that small is still read off its
     * b-tree; the plans of the indexed forms are HotQueryPlansTest's). Marked before its state is first read
     * for grounding: the brain reuses a read state for a second.
     */
    private ChatSetup setup(boolean indexed) {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        if (indexed) {
            jdbc.sql("UPDATE brain_workspace_state SET vector_index = 'brain_chunks_hnsw_none' WHERE workspace_id = :workspace")
                    .param("workspace", setup.workspace().value()).update();
        }
        return setup;
    }

    /** The brain's passage expressions, in the caller's transaction; checks the form is the one asked for. */
    private PassageQuery passageQuery(ChatSetup setup, List<KnowledgeBaseId> knowledgeBases, boolean indexed) {
        PassageQuery passages = brain.passageQuery(setup.workspace(), brain.embedQuery(QUESTION), 5, knowledgeBases);
        // The indexed form comes with its index scan's settings, local to this transaction.
        String iterativeScan = jdbc.sql("SELECT current_setting('hnsw.iterative_scan', true)").query(String.class).single();
        assertThat("relaxed_order".equals(iterativeScan)).as("indexed form").isEqualTo(indexed);
        return passages;
    }

    private static Set<String> names(String sql) {
        Matcher name = PARAMETER.matcher(sql);
        return name.results().map(match -> match.group(1)).collect(Collectors.toSet());
    }
}
