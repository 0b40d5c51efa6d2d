package com.sintra.collaboration;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.chat.Citation;
import com.sintra.chat.CitationsJson;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;

@Repository
class CollaborationRepository {

    private static final String COLUMNS = """
            c.id, c.workspace_id, c.title, c.goal, c.mode, c.visibility, c.status, c.max_agent_turns, c.token_budget, \
            c.tokens_used, c.last_sequence, c.created_by, c.created_at, c.updated_at""";

    /** Where the first page starts: after everything. */
    static final Timestamp NEWEST_AT = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));
    static final UUID NEWEST_ID = UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff");

    static final String INSERT = """
            INSERT INTO collaborations AS c (workspace_id, title, goal, mode, visibility, max_agent_turns, token_budget,
                                             created_by)
            VALUES (:workspace, :title, :goal, :mode, :visibility, :maxAgentTurns, :tokenBudget, :createdBy)
            RETURNING %s""".formatted(COLUMNS);

    /** The collaboration, the caller's role in its workspace and whether they take part: every check, one round trip. */
    static final String FOR_CALLER = """
            SELECT %s, %s AS caller_role,
                   EXISTS (SELECT 1 FROM collaboration_participants p
                           WHERE p.user_id = :caller AND p.collaboration_id = c.id) AS caller_participates
            FROM collaborations c WHERE c.id = :id""".formatted(COLUMNS, WorkspaceAccess.callerRoleSql("c.workspace_id"));

    /** Taken before participants change, so their copies of the status cannot miss a status change. */
    static final String FIND = "SELECT %s FROM collaborations c WHERE c.id = :id".formatted(COLUMNS);

    /**
     * Answers left streaming by a node that stopped: untouched for {@code :idleSeconds} by the database's clock
     * (a node writing an answer touches it now and then under the cluster profile; a single node asks at
     * start-up for all of them, idle for 0 s).
     */
    static final String STREAMING_ANSWERS = """
            SELECT m.collaboration_id, m.sequence, m.model, coalesce(a.name, '') AS agent_name
            FROM collaboration_messages m LEFT JOIN agents a ON a.id = m.author_agent_id
            WHERE m.state = 'STREAMING' AND m.updated_at <= now() - :idleSeconds * interval '1 second'""";

    /** A node still writing an answer says so, so that no other node takes it for abandoned. */
    static final String STILL_WRITING = """
            UPDATE collaboration_messages SET updated_at = now()
            WHERE collaboration_id = :id AND sequence = :sequence AND state = 'STREAMING'""";

    static final String LOCK = "SELECT status FROM collaborations WHERE id = :id FOR UPDATE";

    static final String ADD_PARTICIPANTS = """
            INSERT INTO collaboration_participants (collaboration_id, user_id, agent_id, workspace_id, status,
                                                    collaboration_created_at, added_by)
            SELECT c.id, n.user_id, n.agent_id, c.workspace_id, c.status, c.created_at, :addedBy
            FROM collaborations c CROSS JOIN (
                SELECT u AS user_id, NULL::uuid AS agent_id FROM unnest(CAST(:users AS uuid[])) u
                UNION ALL
                SELECT NULL, a FROM unnest(CAST(:agents AS uuid[])) a
            ) n
            WHERE c.id = :id
            ON CONFLICT DO NOTHING
            RETURNING user_id, agent_id""";

    static final String REMOVE_USER = """
            DELETE FROM collaboration_participants WHERE user_id = :user AND collaboration_id = :id""";

    static final String REMOVE_AGENT = """
            DELETE FROM collaboration_participants WHERE collaboration_id = :id AND agent_id = :agent""";

    /** In the order they joined: round-robin takes agents in this order. */
    static final String PARTICIPANTS = """
            SELECT p.user_id, p.agent_id, coalesce(u.display_name, a.name, '') AS name, p.created_at
            FROM collaboration_participants p
            LEFT JOIN users u ON u.id = p.user_id
            LEFT JOIN agents a ON a.id = p.agent_id
            WHERE p.collaboration_id = :id
            ORDER BY p.id""";

    private static final String MESSAGE_COLUMNS = """
            m.collaboration_id, m.sequence, m.revision, m.author_kind, m.author_user_id, m.author_agent_id, m.kind, \
            m.state, m.content, m.mentions, m.citations, m.model, m.prompt_tokens, m.completion_tokens, m.created_at, \
            m.updated_at""";

    /**
     * Appends a message: takes the collaboration's next number (locking its row until commit, so a
     * collaboration's writers commit in the order of their numbers) and stores the message under it, in one
     * statement. Nothing is stored, and no number taken, once the collaboration is completed.
     */
    static final String APPEND = """
            WITH next AS (
                UPDATE collaborations SET last_sequence = last_sequence + 1, updated_at = now()
                WHERE id = :id AND status <> 'COMPLETED'
                RETURNING id, workspace_id, last_sequence
            )
            INSERT INTO collaboration_messages AS m (collaboration_id, workspace_id, sequence, revision, author_kind,
                                                     author_user_id, author_agent_id, kind, state, content, mentions, model)
            SELECT id, workspace_id, last_sequence, last_sequence, :authorKind, :authorUser, :authorAgent, :kind, :state,
                   :content, CAST(:mentions AS uuid[]), :model
            FROM next
            RETURNING %s""".formatted(MESSAGE_COLUMNS);

    /**
     * Changes the status (from one of {@code :from}), its copies on the participants, and stores the notice
     * saying so under the next number: one statement, so the three never disagree.
     */
    static final String CHANGE_STATUS = """
            WITH changed AS (
                UPDATE collaborations SET status = :to, last_sequence = last_sequence + 1, updated_at = now()
                WHERE id = :id AND status = ANY (CAST(:from AS text[]))
                RETURNING id, workspace_id, status, last_sequence
            ), copies AS (
                UPDATE collaboration_participants p SET status = changed.status FROM changed
                WHERE p.collaboration_id = changed.id
            )
            INSERT INTO collaboration_messages AS m (collaboration_id, workspace_id, sequence, revision, author_kind,
                                                     author_user_id, kind, content)
            SELECT id, workspace_id, last_sequence, last_sequence, :authorKind, :authorUser, 'NOTICE', :notice
            FROM changed
            RETURNING %s""".formatted(MESSAGE_COLUMNS);

    static final String LOCK_STREAM = "SELECT last_sequence FROM collaborations WHERE id = :id FOR UPDATE";

    static final String SPEND = "UPDATE collaborations SET tokens_used = tokens_used + :tokens WHERE id = :id";

    /**
     * Finishes a streamed answer under a new revision, and adds its tokens to the collaboration's spending. Run
     * after {@link #LOCK_STREAM} in the same transaction: with the row locked no other writer can finish the
     * same answer in between, so a number is taken only when the answer is really finished.
     */
    static final String FINISH_ANSWER = """
            WITH target AS (
                SELECT id FROM collaboration_messages
                WHERE collaboration_id = :id AND sequence = :sequence AND state = 'STREAMING'
            ), next AS (
                UPDATE collaborations SET last_sequence = last_sequence + 1, tokens_used = tokens_used + :tokens,
                                          updated_at = now()
                WHERE id = :id AND EXISTS (SELECT 1 FROM target)
                RETURNING last_sequence
            )
            UPDATE collaboration_messages m
            SET content = :content, state = :state, citations = CAST(:citations AS jsonb), model = :model,
                prompt_tokens = :promptTokens, completion_tokens = :completionTokens, revision = next.last_sequence,
                updated_at = now()
            FROM next, target WHERE m.id = target.id
            RETURNING %s""".formatted(MESSAGE_COLUMNS);

    private static final String MESSAGES_WITH_AUTHORS = """
            SELECT %s, coalesce(u.display_name, a.name, '') AS author_name
            FROM collaboration_messages m
            LEFT JOIN users u ON u.id = m.author_user_id
            LEFT JOIN agents a ON a.id = m.author_agent_id""".formatted(MESSAGE_COLUMNS);

    /** The page before a sequence (the newest page with the largest one), read newest first: a key range. */
    static final String MESSAGES_BEFORE = MESSAGES_WITH_AUTHORS + """

            WHERE m.collaboration_id = :id AND m.sequence < :before
            ORDER BY m.sequence DESC LIMIT :limit""";

    /** What changed after a revision, in the order it changed: a key range, however long the stream. */
    static final String CHANGES_SINCE = MESSAGES_WITH_AUTHORS + """

            WHERE m.collaboration_id = :id AND m.revision > :after AND m.revision <= :through
            ORDER BY m.revision LIMIT :limit""";

    /**
     * The caller's collaborations in a workspace with the wanted statuses, newest first, from a keyset cursor:
     * one ordered range of the dashboard index per status (a status not wanted costs nothing), merged, then
     * joined to the collaborations of the page only. Unread messages are counted on the stream's sequence
     * index, up to a cap.
     */
    static final String DASHBOARD = """
            WITH page AS (
                (%1$s AND p.status = 'ACTIVE' AND :active %2$s)
                UNION ALL
                (%1$s AND p.status = 'PAUSED' AND :paused %2$s)
                UNION ALL
                (%1$s AND p.status = 'COMPLETED' AND :completed %2$s)
                ORDER BY collaboration_created_at DESC, collaboration_id DESC LIMIT :limit
            )
            SELECT %3$s, page.last_read_sequence,
                   (SELECT count(*) FROM (
                        SELECT 1 FROM collaboration_messages m
                        WHERE m.collaboration_id = page.collaboration_id AND m.sequence > page.last_read_sequence
                          AND m.author_user_id IS DISTINCT FROM :user
                        LIMIT :unreadCap) unread) AS unread
            FROM page JOIN collaborations c ON c.id = page.collaboration_id
            ORDER BY page.collaboration_created_at DESC, page.collaboration_id DESC""".formatted("""
            SELECT p.collaboration_id, p.collaboration_created_at, p.last_read_sequence
                FROM collaboration_participants p
                WHERE p.user_id = :user AND p.workspace_id = :workspace
                  AND (p.collaboration_created_at, p.collaboration_id) < (:beforeAt, :beforeId)""", """
            ORDER BY p.collaboration_created_at DESC, p.collaboration_id DESC LIMIT :limit""", COLUMNS);

    /**
     * The collaborations the caller takes part in, in the workspace, whose title contains the letters (the
     * command palette), newest first: the caller's range of the dashboard's index, few rows per person.
     */
    static final String MATCHING = """
            SELECT %s FROM collaboration_participants p JOIN collaborations c ON c.id = p.collaboration_id
            WHERE p.user_id = :user AND p.workspace_id = :workspace AND lower(c.title) LIKE :pattern
            ORDER BY p.collaboration_created_at DESC, p.collaboration_id DESC LIMIT :limit""".formatted(COLUMNS);

    List<Collaboration> matching(WorkspaceId workspace, UserId user, com.sintra.base.Lookup lookup) {
        return jdbc.sql(MATCHING).param("workspace", workspace.value()).param("user", user.value())
                .param("pattern", lookup.pattern()).param("limit", lookup.limit()).query((rs, n) -> collaboration(rs)).list();
    }

    /** The workspace's open collaborations with a status that the caller does not take part in, newest first. */
    static final String JOINABLE = """
            SELECT %s FROM collaborations c
            WHERE c.workspace_id = :workspace AND c.status = :status AND c.visibility = 'WORKSPACE'
              AND (c.created_at, c.id) < (:beforeAt, :beforeId)
              AND NOT EXISTS (SELECT 1 FROM collaboration_participants p
                              WHERE p.user_id = :user AND p.collaboration_id = c.id)
            ORDER BY c.created_at DESC, c.id DESC LIMIT :limit""".formatted(COLUMNS);

    /** Moves the read marker forward only (a tab showing older messages never marks newer ones unread). */
    static final String MARK_READ = """
            UPDATE collaboration_participants
            SET last_read_sequence = GREATEST(last_read_sequence,
                                              LEAST(:sequence, (SELECT last_sequence FROM collaborations WHERE id = :id)))
            WHERE user_id = :user AND collaboration_id = :id""";

    /** A collaboration with what the caller's checks need. */
    record ForCaller(Collaboration collaboration, String callerRole, boolean participates) {
    }

    /** Who wrote a message being appended; {@code name} is shown with it. */
    record Author(AuthorKind kind, UserId user, AgentId agent, String name) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CollaborationRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // --- collaborations ----------------------------------------------------------------------

    Collaboration insert(WorkspaceId workspace, String title, String goal, CollaborationMode mode, Visibility visibility,
                         int maxAgentTurns, int tokenBudget, UserId createdBy) {
        return jdbc.sql(INSERT).param("workspace", workspace.value()).param("title", title).param("goal", goal)
                .param("mode", mode.name()).param("visibility", visibility.name()).param("maxAgentTurns", maxAgentTurns)
                .param("tokenBudget", tokenBudget).param("createdBy", createdBy.value())
                .query((rs, n) -> collaboration(rs)).single();
    }

    Optional<ForCaller> forCaller(CollaborationId id, UUID caller) {
        return jdbc.sql(FOR_CALLER).param("id", id.value()).param("caller", caller)
                .query((rs, n) -> new ForCaller(collaboration(rs), rs.getString("caller_role"),
                        rs.getBoolean("caller_participates")))
                .optional();
    }

    /** The collaboration, whoever asks: for the agents' runs, which act for no one signed in. */
    Optional<Collaboration> find(CollaborationId id) {
        return jdbc.sql(FIND).param("id", id.value()).query((rs, n) -> collaboration(rs)).optional();
    }

    record StreamingAnswer(CollaborationId collaboration, long sequence, String model, String agentName) {
    }

    /** True while the answer is still streaming (and now touched). */
    boolean stillWriting(CollaborationId id, long sequence) {
        return jdbc.sql(STILL_WRITING).param("id", id.value()).param("sequence", sequence).update() > 0;
    }

    List<StreamingAnswer> streamingAnswers(java.time.Duration idle) {
        return jdbc.sql(STREAMING_ANSWERS).param("idleSeconds", (double) idle.toMillis() / 1000).query((rs, n) -> new StreamingAnswer(
                new CollaborationId(rs.getObject("collaboration_id", UUID.class)), rs.getLong("sequence"),
                rs.getString("model"), rs.getString("agent_name"))).list();
    }

    CollaborationStatus lock(CollaborationId id) {
        return jdbc.sql(LOCK).param("id", id.value()).query((rs, n) -> CollaborationStatus.valueOf(rs.getString(1)))
                .single();
    }

    /** Adds those not taking part yet; returns the ones added. */
    List<Participant> addParticipants(CollaborationId id, Collection<UserId> users, Collection<AgentId> agents, UserId addedBy) {
        Set<UUID> added = new java.util.HashSet<>();
        jdbc.sql(ADD_PARTICIPANTS).param("id", id.value()).param("addedBy", addedBy.value())
                .param("users", uuidArray(users.stream().map(UserId::value).toList()))
                .param("agents", uuidArray(agents.stream().map(AgentId::value).toList()))
                .query((rs, n) -> {
                    UUID user = rs.getObject("user_id", UUID.class);
                    return added.add(user != null ? user : rs.getObject("agent_id", UUID.class));
                }).list();
        return participants(id).stream()
                .filter(p -> added.contains(p.isAgent() ? p.agent().value() : p.user().value())).toList();
    }

    boolean removeUser(CollaborationId id, UserId user) {
        return jdbc.sql(REMOVE_USER).param("id", id.value()).param("user", user.value()).update() > 0;
    }

    boolean removeAgent(CollaborationId id, AgentId agent) {
        return jdbc.sql(REMOVE_AGENT).param("id", id.value()).param("agent", agent.value()).update() > 0;
    }

    List<Participant> participants(CollaborationId id) {
        return jdbc.sql(PARTICIPANTS).param("id", id.value()).query((rs, n) -> new Participant(
                Optional.ofNullable(rs.getObject("user_id", UUID.class)).map(UserId::new).orElse(null),
                Optional.ofNullable(rs.getObject("agent_id", UUID.class)).map(AgentId::new).orElse(null),
                rs.getString("name"), instant(rs, "created_at"))).list();
    }

    CollaborationPage<ListedCollaboration> dashboard(WorkspaceId workspace, UserId user, Set<CollaborationStatus> statuses,
                                                     CollaborationPage.Cursor after, int limit, int unreadCap) {
        List<ListedCollaboration> rows = keyset(jdbc.sql(DASHBOARD), after).param("workspace", workspace.value())
                .param("user", user.value()).param("active", statuses.contains(CollaborationStatus.ACTIVE))
                .param("paused", statuses.contains(CollaborationStatus.PAUSED))
                .param("completed", statuses.contains(CollaborationStatus.COMPLETED))
                .param("limit", limit + 1).param("unreadCap", unreadCap)
                .query((rs, n) -> new ListedCollaboration(collaboration(rs), rs.getLong("last_read_sequence"),
                        rs.getInt("unread"))).list();
        return page(rows, limit, ListedCollaboration::collaboration);
    }

    CollaborationPage<Collaboration> joinable(WorkspaceId workspace, UserId user, CollaborationStatus status,
                                              CollaborationPage.Cursor after, int limit) {
        List<Collaboration> rows = keyset(jdbc.sql(JOINABLE), after).param("workspace", workspace.value())
                .param("user", user.value()).param("status", status.name()).param("limit", limit + 1)
                .query((rs, n) -> collaboration(rs)).list();
        return page(rows, limit, c -> c);
    }

    boolean markRead(CollaborationId id, UserId user, long sequence) {
        return jdbc.sql(MARK_READ).param("id", id.value()).param("user", user.value()).param("sequence", sequence)
                .update() > 0;
    }

    // --- the stream --------------------------------------------------------------------------

    /** The stored message; empty when the collaboration is completed (nothing stored). */
    Optional<CollaborationMessage> append(CollaborationId id, Author author, Kind kind, State state, String content,
                                          List<AgentId> mentions, String model) {
        return jdbc.sql(APPEND).param("id", id.value()).param("authorKind", author.kind().name())
                .param("authorUser", author.user() == null ? null : author.user().value())
                .param("authorAgent", author.agent() == null ? null : author.agent().value())
                .param("kind", kind.name()).param("state", state.name()).param("content", content)
                .param("mentions", uuidArray(mentions.stream().map(AgentId::value).toList())).param("model", model)
                .query((rs, n) -> message(rs, author.name())).optional();
    }

    /** The notice of the change; empty when the status was none of {@code from}. */
    Optional<CollaborationMessage> changeStatus(CollaborationId id, Set<CollaborationStatus> from, CollaborationStatus to,
                                                Author author, String notice) {
        String fromArray = from.stream().map(Enum::name).collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql(CHANGE_STATUS).param("id", id.value()).param("from", fromArray).param("to", to.name())
                .param("authorKind", author.kind().name())
                .param("authorUser", author.user() == null ? null : author.user().value()).param("notice", notice)
                .query((rs, n) -> message(rs, author.name())).optional();
    }

    /** Tokens spent outside an answer (choosing a speaker, summarising) added to the collaboration's spending. */
    void spend(CollaborationId id, long tokens) {
        jdbc.sql(SPEND).param("id", id.value()).param("tokens", tokens).update();
    }

    /** The finished answer; empty when it is not streaming (finished already, or never started). */
    Optional<CollaborationMessage> finishAnswer(CollaborationId id, long sequence, State state, String content,
                                                List<Citation> citations, String model, Integer promptTokens,
                                                Integer completionTokens, String authorName) {
        jdbc.sql(LOCK_STREAM).param("id", id.value()).query(Long.class).single();
        long tokens = (promptTokens == null ? 0 : promptTokens) + (completionTokens == null ? 0 : completionTokens);
        return jdbc.sql(FINISH_ANSWER).param("id", id.value()).param("sequence", sequence).param("state", state.name())
                .param("content", content).param("citations", CitationsJson.write(json, citations)).param("model", model)
                .param("promptTokens", promptTokens).param("completionTokens", completionTokens).param("tokens", tokens)
                .query((rs, n) -> message(rs, authorName)).optional();
    }

    /** Up to {@code limit} messages before {@code before}, newest first. */
    List<CollaborationMessage> messagesBefore(CollaborationId id, long before, int limit) {
        return jdbc.sql(MESSAGES_BEFORE).param("id", id.value()).param("before", before).param("limit", limit)
                .query((rs, n) -> message(rs, rs.getString("author_name"))).list();
    }

    List<CollaborationMessage> changesSince(CollaborationId id, long after, long through, int limit) {
        return jdbc.sql(CHANGES_SINCE).param("id", id.value()).param("after", after).param("through", through)
                .param("limit", limit).query((rs, n) -> message(rs, rs.getString("author_name"))).list();
    }

    // --- mapping -----------------------------------------------------------------------------

    private static JdbcClient.StatementSpec keyset(JdbcClient.StatementSpec statement, CollaborationPage.Cursor after) {
        return statement.param("beforeAt", after == null ? NEWEST_AT : Timestamp.from(after.createdAt()))
                .param("beforeId", after == null ? NEWEST_ID : after.id().value());
    }

    private static <T> CollaborationPage<T> page(List<T> rows, int limit, java.util.function.Function<T, Collaboration> of) {
        if (rows.size() <= limit) {
            return new CollaborationPage<>(rows, null);
        }
        Collaboration last = of.apply(rows.get(limit - 1));
        return new CollaborationPage<>(rows.subList(0, limit), new CollaborationPage.Cursor(last.createdAt(), last.id()));
    }

    private static Collaboration collaboration(ResultSet rs) throws SQLException {
        return new Collaboration(new CollaborationId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("title"), rs.getString("goal"),
                CollaborationMode.valueOf(rs.getString("mode")), Visibility.valueOf(rs.getString("visibility")),
                CollaborationStatus.valueOf(rs.getString("status")), rs.getInt("max_agent_turns"),
                rs.getInt("token_budget"), rs.getLong("tokens_used"), rs.getLong("last_sequence"),
                new UserId(rs.getObject("created_by", UUID.class)), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private CollaborationMessage message(ResultSet rs, String authorName) throws SQLException {
        UUID user = rs.getObject("author_user_id", UUID.class);
        UUID agent = rs.getObject("author_agent_id", UUID.class);
        return new CollaborationMessage(new CollaborationId(rs.getObject("collaboration_id", UUID.class)),
                rs.getLong("sequence"), rs.getLong("revision"), AuthorKind.valueOf(rs.getString("author_kind")),
                user == null ? null : new UserId(user), agent == null ? null : new AgentId(agent),
                authorName == null ? "" : authorName, Kind.valueOf(rs.getString("kind")),
                State.valueOf(rs.getString("state")), rs.getString("content"), mentions(rs.getArray("mentions")),
                CitationsJson.read(json, rs.getString("citations")), rs.getString("model"), (Integer) rs.getObject("prompt_tokens"),
                (Integer) rs.getObject("completion_tokens"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static List<AgentId> mentions(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((UUID[]) array.getArray()).map(AgentId::new).toList();
    }

    /** An array literal for CAST(... AS uuid[]): UUIDs have no character that needs quoting. */
    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
