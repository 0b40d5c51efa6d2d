package com.sintra.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.sintra.account.UserId;
import com.sintra.ai.AiProviderId;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;

@Repository
class AgentRepository {

    private static final String COLUMNS = """
            id, workspace_id, name, role_description, system_prompt, model, temperature, max_tokens, avatar_color,
            cache_answers, version, archived, created_at, updated_at, provider_id""";

    static final String IN_WORKSPACE = """
            SELECT %s
            FROM agents WHERE workspace_id = :workspace AND (:includeArchived OR NOT archived)
            ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""".formatted(COLUMNS);

    /** An agent's knowledge bases as an array, in the order they were chosen. */
    private static final String KNOWLEDGE_BASE_IDS = """
            ARRAY(SELECT k.knowledge_base_id FROM agent_knowledge_bases k WHERE k.agent_id = agents.id
                  ORDER BY k.created_at, k.knowledge_base_id)""";

    /**
     * One agent with its knowledge bases and the caller's role in its workspace, in one round trip (chat reads
     * an agent on every question).
     */
    static final String ONE = """
            SELECT %s, %s AS knowledge_base_ids, %s AS caller_role
            FROM agents WHERE id = :id""".formatted(COLUMNS, KNOWLEDGE_BASE_IDS,
            WorkspaceAccess.callerRoleSql("agents.workspace_id"));

    /**
     * Copies the agent as it now stands into its history; run in the transaction that stored it, so every
     * version has its snapshot and no snapshot outlives a rolled-back edit.
     */
    private static final String SNAPSHOT = """
            INSERT INTO agent_versions (agent_id, version, name, role_description, system_prompt, model, temperature,
                                        max_tokens, avatar_color, cache_answers, knowledge_base_ids, created_by,
                                        created_at, provider_id)
            SELECT id, version, name, role_description, system_prompt, model, temperature, max_tokens, avatar_color,
                   cache_answers, %s, :author, updated_at, provider_id
            FROM agents WHERE id = :id""".formatted(KNOWLEDGE_BASE_IDS);

    private static final String VERSION_COLUMNS = """
            SELECT v.agent_id, v.version, v.name, v.role_description, v.system_prompt, v.model, v.temperature,
                   v.max_tokens, v.avatar_color, v.cache_answers, v.knowledge_base_ids, u.display_name, v.created_at,
                   v.provider_id
            FROM agent_versions v JOIN users u ON u.id = v.created_by""";

    /** An agent's versions, newest first, with who saved each (read backwards along the primary key). */
    static final String HISTORY = VERSION_COLUMNS + """

            WHERE v.agent_id = :agent ORDER BY v.version DESC LIMIT :limit""";

    private static final String ONE_VERSION = VERSION_COLUMNS + """

            WHERE v.agent_id = :agent AND v.version = :version""";

    /** An agent, and the caller's role in its workspace as {@link WorkspaceAccess#callerRoleSql} read it. */
    record Found(Agent agent, String callerRole) {
    }

    /** The knowledge bases of a page of agents, in one query, so listing agents is never N+1. */
    static final String KNOWLEDGE_BASES_OF = """
            SELECT agent_id, knowledge_base_id FROM agent_knowledge_bases
            WHERE agent_id = ANY (:agents) ORDER BY agent_id, knowledge_base_id""";

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AgentId insert(WorkspaceId workspace, AgentDraft draft, UserId creator) {
        UUID id = jdbc.sql("""
                        INSERT INTO agents (workspace_id, name, role_description, system_prompt, model, temperature,
                                            max_tokens, avatar_color, cache_answers, created_by, provider_id)
                        VALUES (:workspace, :name, :role, :prompt, :model, :temperature, :maxTokens, :color,
                                :cacheAnswers, :creator, :provider)
                        RETURNING id""")
                .param("workspace", workspace.value()).param("name", draft.name())
                .param("role", draft.roleDescription()).param("prompt", draft.systemPrompt())
                .param("model", draft.model()).param("temperature", draft.temperature())
                .param("maxTokens", draft.maxTokens()).param("color", draft.avatarColor())
                .param("cacheAnswers", draft.cacheAnswers()).param("creator", creator.value())
                .param("provider", providerOf(draft))
                .query(UUID.class).single();
        AgentId agent = new AgentId(id);
        insertKnowledgeBases(agent, draft.knowledgeBases());
        snapshot(agent, creator);
        return agent;
    }

    /**
     * Stores an edit of an active agent as its next version, and that version in its history; false when
     * the agent is archived or gone.
     */
    boolean update(AgentId id, AgentDraft draft, UserId author) {
        int updated = jdbc.sql("""
                        UPDATE agents SET name = :name, role_description = :role, system_prompt = :prompt,
                                          model = :model, temperature = :temperature, max_tokens = :maxTokens,
                                          avatar_color = :color, cache_answers = :cacheAnswers,
                                          provider_id = :provider, version = version + 1, updated_at = now()
                        WHERE id = :id AND NOT archived""")
                .param("name", draft.name()).param("role", draft.roleDescription())
                .param("prompt", draft.systemPrompt()).param("model", draft.model())
                .param("temperature", draft.temperature()).param("maxTokens", draft.maxTokens())
                .param("color", draft.avatarColor()).param("cacheAnswers", draft.cacheAnswers())
                .param("provider", providerOf(draft)).param("id", id.value())
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM agent_knowledge_bases WHERE agent_id = :id").param("id", id.value()).update();
        insertKnowledgeBases(id, draft.knowledgeBases());
        snapshot(id, author);
        return true;
    }

    private static UUID providerOf(AgentDraft draft) {
        return draft.providerId() == null ? null : draft.providerId().value();
    }

    private static AiProviderId provider(ResultSet rs) throws SQLException {
        UUID provider = rs.getObject("provider_id", UUID.class);
        return provider == null ? null : new AiProviderId(provider);
    }

    private void snapshot(AgentId id, UserId author) {
        jdbc.sql(SNAPSHOT).param("id", id.value()).param("author", author.value()).update();
    }

    List<AgentVersion> history(AgentId id, int limit) {
        return jdbc.sql(HISTORY).param("agent", id.value()).param("limit", limit)
                .query((rs, n) -> version(rs)).list();
    }

    Optional<AgentVersion> version(AgentId id, int version) {
        return jdbc.sql(ONE_VERSION).param("agent", id.value()).param("version", version)
                .query((rs, n) -> version(rs)).optional();
    }

    void setArchived(AgentId id, boolean archived) {
        jdbc.sql("UPDATE agents SET archived = :archived, updated_at = now() WHERE id = :id")
                .param("archived", archived).param("id", id.value()).update();
    }

    Optional<Found> find(AgentId id, UUID caller) {
        return jdbc.sql(ONE).param("id", id.value()).param("caller", caller).query((rs, n) -> new Found(
                agent(rs).withKnowledgeBases(knowledgeBaseIds(rs)), rs.getString("caller_role"))).optional();
    }

    List<Agent> inWorkspace(WorkspaceId workspace, boolean includeArchived, int offset, int limit) {
        List<Agent> page = jdbc.sql(IN_WORKSPACE).param("workspace", workspace.value())
                .param("includeArchived", includeArchived).param("limit", limit).param("offset", offset)
                .query((rs, n) -> agent(rs)).list();
        return withKnowledgeBases(page);
    }

    private void insertKnowledgeBases(AgentId agent, List<KnowledgeBaseId> knowledgeBases) {
        if (knowledgeBases.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO agent_knowledge_bases (agent_id, knowledge_base_id)
                        SELECT :agent, kb FROM unnest(:knowledgeBases) kb""")
                .param("agent", agent.value())
                .param("knowledgeBases", knowledgeBases.stream().map(KnowledgeBaseId::value).toArray(UUID[]::new))
                .update();
    }

    private List<Agent> withKnowledgeBases(List<Agent> agents) {
        if (agents.isEmpty()) {
            return agents;
        }
        Map<UUID, List<KnowledgeBaseId>> byAgent = new HashMap<>();
        jdbc.sql(KNOWLEDGE_BASES_OF).param("agents", agents.stream().map(a -> a.id().value()).toArray(UUID[]::new))
                .query(rs -> {
                    byAgent.computeIfAbsent(rs.getObject("agent_id", UUID.class), a -> new ArrayList<>())
                            .add(new KnowledgeBaseId(rs.getObject("knowledge_base_id", UUID.class)));
                });
        return agents.stream().map(a -> a.withKnowledgeBases(byAgent.getOrDefault(a.id().value(), List.of())))
                .toList();
    }

    private static AgentVersion version(ResultSet rs) throws SQLException {
        return new AgentVersion(new AgentId(rs.getObject("agent_id", UUID.class)), rs.getInt("version"),
                rs.getString("name"), rs.getString("role_description"), rs.getString("system_prompt"),
                rs.getString("model"), rs.getBigDecimal("temperature"), rs.getInt("max_tokens"),
                rs.getString("avatar_color"), rs.getBoolean("cache_answers"), knowledgeBaseIds(rs),
                rs.getString("display_name"), rs.getTimestamp("created_at").toInstant(), provider(rs));
    }

    private static List<KnowledgeBaseId> knowledgeBaseIds(ResultSet rs) throws SQLException {
        return Arrays.stream((UUID[]) rs.getArray("knowledge_base_ids").getArray()).map(KnowledgeBaseId::new).toList();
    }

    /** The agent without its knowledge bases, which {@link #withKnowledgeBases} adds. */
    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(new AgentId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("name"),
                rs.getString("role_description"), rs.getString("system_prompt"), rs.getString("model"),
                rs.getBigDecimal("temperature"), rs.getInt("max_tokens"), rs.getString("avatar_color"),
                rs.getBoolean("cache_answers"), List.of(), rs.getInt("version"), rs.getBoolean("archived"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), provider(rs));
    }

    // --- lookup by name (command palette) ------------------------------------------------------

    /** Read off agents_workspace_created_idx (the workspace's active agents) and stopped at the limit. */
    static final String MATCHING = """
            SELECT %s
            FROM agents WHERE workspace_id = :workspace AND NOT archived AND lower(name) LIKE :pattern
            ORDER BY created_at DESC, id LIMIT :limit""".formatted(COLUMNS);

    List<Agent> matching(WorkspaceId workspace, com.sintra.base.Lookup lookup) {
        return withKnowledgeBases(jdbc.sql(MATCHING).param("workspace", workspace.value())
                .param("pattern", lookup.pattern()).param("limit", lookup.limit()).query((rs, n) -> agent(rs)).list());
    }
}
