package com.sintra.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.brain.Embedding;
import com.sintra.workspace.WorkspaceId;

@Repository
class ChatRepository {

    private static final String CONVERSATION_COLUMNS = "id, workspace_id, agent_id, user_id, title, created_at, updated_at";

    static final String CONVERSATIONS_WITH_AGENT = """
            SELECT %s FROM conversations
            WHERE workspace_id = :workspace AND user_id = :user AND agent_id = :agent
            ORDER BY updated_at DESC LIMIT :limit""".formatted(CONVERSATION_COLUMNS);

    /**
     * A user's conversations with an agent whose title contains a text, most recent first: the same index
     * range as the whole list, its titles filtered as they are read (one user's conversations with one agent
     * are few enough that no text index pays for itself).
     */
    static final String CONVERSATIONS_WITH_AGENT_TITLED = """
            SELECT %s FROM conversations
            WHERE workspace_id = :workspace AND user_id = :user AND agent_id = :agent
              AND title ILIKE :pattern ESCAPE '\\'
            ORDER BY updated_at DESC LIMIT :limit""".formatted(CONVERSATION_COLUMNS);

    static final String RENAME = """
            UPDATE conversations SET title = :title WHERE id = :id RETURNING %s""".formatted(CONVERSATION_COLUMNS);

    /** The question a conversation ended on: read backwards off the message pane's index. */
    static final String LATEST_QUESTION = """
            SELECT content FROM agent_messages WHERE conversation_id = :conversation AND sender = 'USER'
            ORDER BY created_at DESC, id DESC LIMIT 1""";

    static final String CONVERSATION = "SELECT %s FROM conversations WHERE id = :id".formatted(CONVERSATION_COLUMNS);

    private static final String MESSAGE_COLUMNS = """
            id, conversation_id, sender, content, citations, answer_mode, model, prompt_tokens, completion_tokens,
            latency_ms, first_token_ms, created_at""";

    /** The newest page of a conversation (read newest first, shown oldest first). */
    static final String LATEST_MESSAGES = """
            SELECT %s FROM agent_messages WHERE conversation_id = :conversation
            ORDER BY created_at DESC, id DESC LIMIT :limit""".formatted(MESSAGE_COLUMNS);

    /** The page before a message: a keyset range on (conversation_id, created_at, id), however deep. */
    static final String MESSAGES_BEFORE = """
            SELECT %s FROM agent_messages
            WHERE conversation_id = :conversation AND (created_at, id) < (:beforeAt, :beforeId)
            ORDER BY created_at DESC, id DESC LIMIT :limit""".formatted(MESSAGE_COLUMNS);


    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ChatRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- conversations -----------------------------------------------------------------------

    Optional<Conversation> conversation(ConversationId id) {
        return jdbc.sql(CONVERSATION).param("id", id.value()).query((rs, n) -> conversation(rs)).optional();
    }

    List<Conversation> conversations(WorkspaceId workspace, UserId user, AgentId agent, int limit) {
        return jdbc.sql(CONVERSATIONS_WITH_AGENT).param("workspace", workspace.value()).param("user", user.value())
                .param("agent", agent.value()).param("limit", limit).query((rs, n) -> conversation(rs)).list();
    }

    /** Those whose title contains {@code text}, as typed: no character of it is a wildcard. */
    List<Conversation> conversationsTitled(WorkspaceId workspace, UserId user, AgentId agent, String text, int limit) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(CONVERSATIONS_WITH_AGENT_TITLED).param("workspace", workspace.value()).param("user", user.value())
                .param("agent", agent.value()).param("pattern", pattern).param("limit", limit)
                .query((rs, n) -> conversation(rs)).list();
    }

    Conversation rename(ConversationId id, String title) {
        return jdbc.sql(RENAME).param("id", id.value()).param("title", title).query((rs, n) -> conversation(rs)).single();
    }

    Optional<String> latestQuestion(ConversationId id) {
        return jdbc.sql(LATEST_QUESTION).param("conversation", id.value()).query(String.class).optional();
    }

    boolean deleteConversation(ConversationId id) {
        return jdbc.sql("DELETE FROM conversations WHERE id = :id").param("id", id.value()).update() == 1;
    }

    // --- messages ----------------------------------------------------------------------------

    /** Stores a streamed answer and marks its conversation active, in one statement. */
    private static final String INSERT_ANSWER = """
            WITH inserted AS (
                INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, citations,
                                            answer_mode, model, prompt_tokens, completion_tokens, latency_ms,
                                            first_token_ms, created_at)
                VALUES (:conversation, :workspace, :user, :agent, 'AGENT', :answer, CAST(:citations AS jsonb),
                        :mode, :model, :promptTokens, :completionTokens, :latency, :firstToken, clock_timestamp())
                RETURNING %s
            ), touched AS (
                UPDATE conversations SET updated_at = now() WHERE id = :conversation
            )
            SELECT * FROM inserted""".formatted(MESSAGE_COLUMNS);

    /**
     * A question, in a new conversation or an existing one, and its answer when it is known at once (cached or
     * offline): one statement, so one round trip whatever it stores. The answer is stored a microsecond after
     * its question, so the two keep their order however fast they come. Only what the database assigned comes
     * back: the rest is what was just written.
     */
    private static final String STORE_EXCHANGE = """
            WITH conversation AS (%s), question AS (
                INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, embedding, created_at)
                SELECT c.id, c.workspace_id, c.user_id, c.agent_id, 'USER', :question, :embedding, clock_timestamp()
                FROM conversation c
                RETURNING id, sender, created_at
            ), answer AS (
                INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, citations,
                                            answer_mode, model, prompt_tokens, completion_tokens, latency_ms, first_token_ms,
                                            created_at)
                SELECT c.id, c.workspace_id, c.user_id, c.agent_id, 'AGENT', :answer, CAST(:citations AS jsonb), :mode,
                       :model, :promptTokens, :completionTokens, :latency, :firstToken, q.created_at + interval '1 microsecond'
                FROM conversation c CROSS JOIN question q WHERE CAST(:mode AS text) IS NOT NULL
                RETURNING id, sender, created_at
            ), touched AS (
                UPDATE conversations SET updated_at = now() WHERE id = (SELECT id FROM conversation)
            )
            SELECT c.id AS c_id, c.workspace_id AS c_workspace_id, c.agent_id AS c_agent_id, c.user_id AS c_user_id,
                   c.title AS c_title, c.created_at AS c_created_at, c.updated_at AS c_updated_at, m.*
            FROM conversation c CROSS JOIN (SELECT * FROM question UNION ALL SELECT * FROM answer) m
            ORDER BY m.id""";

    static final String STORE_IN_NEW_CONVERSATION = STORE_EXCHANGE.formatted("""
            INSERT INTO conversations (workspace_id, agent_id, user_id, title) VALUES (:workspace, :agent, :user, :title)
            RETURNING %s""".formatted(CONVERSATION_COLUMNS));

    static final String STORE_IN_CONVERSATION = STORE_EXCHANGE.formatted(
            "SELECT %s FROM conversations WHERE id = :conversation".formatted(CONVERSATION_COLUMNS));

    /** Where a question goes: an existing conversation, or a new one with this title. */
    record Destination(Conversation existing, WorkspaceId workspace, AgentId agent, UserId user, String title) {
    }

    /** A stored question, its conversation, and its answer (null until it is streamed). */
    record Exchange(Conversation conversation, ChatMessage question, ChatMessage answer) {
    }

    /** Stores the question (its embedding lets later questions find it) and, if given, its answer. */
    Exchange store(Destination destination, String question, Embedding embedding, StoredAnswer answer) {
        var statement = destination.existing() != null
                ? jdbc.sql(STORE_IN_CONVERSATION).param("conversation", destination.existing().id().value())
                : jdbc.sql(STORE_IN_NEW_CONVERSATION).param("workspace", destination.workspace().value())
                        .param("agent", destination.agent().value()).param("user", destination.user().value())
                        .param("title", destination.title());
        statement.param("question", question).param("embedding", embedding.parameter());
        bindAnswer(statement, answer == null ? new StoredAnswer("", List.of(), null, null, null, null, null, null) : answer);
        StoredAnswer asked = new StoredAnswer(question, List.of(), null, null, null, null, null, null);
        List<Exchange> rows = new ArrayList<>();
        statement.query(rs -> {
            Conversation conversation = conversation(rs, "c_");
            long id = rs.getLong("id");
            Instant createdAt = rs.getTimestamp("created_at").toInstant();
            rows.add("USER".equals(rs.getString("sender"))
                    ? new Exchange(conversation, stored(id, conversation.id(), ChatMessage.Sender.USER, asked, createdAt), null)
                    : new Exchange(conversation, rows.get(0).question(),
                            stored(id, conversation.id(), ChatMessage.Sender.AGENT, answer, createdAt)));
        });
        return rows.get(rows.size() - 1);
    }

    private static ChatMessage stored(long id, ConversationId conversation, ChatMessage.Sender sender, StoredAnswer written,
                                      Instant createdAt) {
        return new ChatMessage(id, conversation, sender, written.content(), written.citations(), written.mode(),
                written.model(), written.promptTokens(), written.completionTokens(), written.latencyMs(),
                written.firstTokenMs(), createdAt);
    }

    private void bindAnswer(JdbcClient.StatementSpec statement, StoredAnswer answer) {
        statement.param("answer", answer.content()).param("citations", citationsJson(answer.citations()))
                .param("mode", answer.mode() == null ? null : answer.mode().name(), Types.VARCHAR)
                .param("model", answer.model(), Types.VARCHAR)
                .param("promptTokens", answer.promptTokens(), Types.INTEGER)
                .param("completionTokens", answer.completionTokens(), Types.INTEGER)
                .param("latency", answer.latencyMs(), Types.INTEGER).param("firstToken", answer.firstTokenMs(), Types.INTEGER);
    }

    /** Stores an answer that was streamed, once it has ended. */
    ChatMessage insertAnswer(Conversation conversation, StoredAnswer answer) {
        var statement = jdbc.sql(INSERT_ANSWER)
                .param("conversation", conversation.id().value()).param("workspace", conversation.workspaceId().value())
                .param("user", conversation.userId().value()).param("agent", conversation.agentId().value());
        bindAnswer(statement, answer);
        return statement.query((rs, n) -> message(rs)).single();
    }

    /** Up to {@code limit} messages before the given one (the newest when null), oldest first. */
    MessagePage page(ConversationId conversation, ChatMessage before, int limit) {
        useCustomPlans(jdbc);
        var statement = before == null ? jdbc.sql(LATEST_MESSAGES)
                : jdbc.sql(MESSAGES_BEFORE).param("beforeAt", Timestamp.from(before.createdAt())).param("beforeId", before.id());
        List<ChatMessage> newestFirst = new ArrayList<>(statement.param("conversation", conversation.value())
                .param("limit", limit + 1).query((rs, n) -> message(rs)).list());
        boolean hasEarlier = newestFirst.size() > limit;
        if (hasEarlier) {
            newestFirst.remove(limit);
        }
        Collections.reverse(newestFirst);
        return new MessagePage(newestFirst, hasEarlier);
    }

    /**
     * Plans this transaction's statements for their actual parameters. Once a statement is server-prepared,
     * PostgreSQL may settle on a generic plan that expects a few messages per conversation, and for a
     * 10,000-message one it then sorts them all (bitmap scan + sort: 12–23 ms measured) instead of reading
     * the newest page off the index backwards (0.2 ms).
     */
    static void useCustomPlans(JdbcClient jdbc) {
        jdbc.sql(CUSTOM_PLANS).query((rs, n) -> 1).list();
    }

    static final String CUSTOM_PLANS = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";

    // --- mapping -----------------------------------------------------------------------------

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return conversation(rs, "");
    }

    /** @param prefix before each column's name, where a statement returns a conversation beside other rows */
    private static Conversation conversation(ResultSet rs, String prefix) throws SQLException {
        return new Conversation(new ConversationId(rs.getObject(prefix + "id", UUID.class)),
                new WorkspaceId(rs.getObject(prefix + "workspace_id", UUID.class)),
                new AgentId(rs.getObject(prefix + "agent_id", UUID.class)), new UserId(rs.getObject(prefix + "user_id", UUID.class)),
                rs.getString(prefix + "title"), rs.getTimestamp(prefix + "created_at").toInstant(),
                rs.getTimestamp(prefix + "updated_at").toInstant());
    }

    private ChatMessage message(ResultSet rs) throws SQLException {
        String mode = rs.getString("answer_mode");
        return new ChatMessage(rs.getLong("id"), new ConversationId(rs.getObject("conversation_id", UUID.class)),
                ChatMessage.Sender.valueOf(rs.getString("sender")), rs.getString("content"),
                citations(rs.getString("citations")), mode == null ? null : AnswerMode.valueOf(mode), rs.getString("model"),
                (Integer) rs.getObject("prompt_tokens"), (Integer) rs.getObject("completion_tokens"),
                (Integer) rs.getObject("latency_ms"), (Integer) rs.getObject("first_token_ms"),
                rs.getTimestamp("created_at").toInstant());
    }

    private List<Citation> citations(String column) {
        return CitationsJson.read(json, column);
    }

    private String citationsJson(List<Citation> citations) {
        return CitationsJson.write(json, citations);
    }

    // --- lookup by title (command palette) -----------------------------------------------------

    /** The user's own conversations in the workspace, read off conversations_user_idx, most recent first. */
    static final String CONVERSATIONS_MATCHING = """
            SELECT %s FROM conversations
            WHERE workspace_id = :workspace AND user_id = :user AND lower(title) LIKE :pattern
            ORDER BY updated_at DESC LIMIT :limit""".formatted(CONVERSATION_COLUMNS);

    List<Conversation> conversationsMatching(WorkspaceId workspace, UserId user, com.sintra.base.Lookup lookup) {
        return jdbc.sql(CONVERSATIONS_MATCHING).param("workspace", workspace.value()).param("user", user.value())
                .param("pattern", lookup.pattern()).param("limit", lookup.limit()).query((rs, n) -> conversation(rs)).list();
    }
}
