package com.sintra.agent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.sintra.account.UserId;
import com.sintra.workspace.WorkspaceId;

@Repository
class AgentRepository {

    static final String ACTIVE_IN_WORKSPACE = """
            SELECT id, workspace_id, name, role_description, system_prompt, model, temperature, max_tokens,
                   avatar_color, version, archived, created_at
            FROM agents WHERE workspace_id = :workspace AND archived = false
            ORDER BY created_at DESC LIMIT :limit OFFSET :offset""";

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AgentId insert(WorkspaceId workspace, AgentDraft draft, UserId creator) {
        UUID id = jdbc.sql("""
                        INSERT INTO agents (workspace_id, name, role_description, system_prompt, model, temperature,
                                            max_tokens, avatar_color, created_by)
                        VALUES (:workspace, :name, :role, :prompt, :model, :temperature, :maxTokens, :color, :creator)
                        RETURNING id""")
                .param("workspace", workspace.value()).param("name", draft.name())
                .param("role", draft.roleDescription()).param("prompt", draft.systemPrompt())
                .param("model", draft.model()).param("temperature", draft.temperature())
                .param("maxTokens", draft.maxTokens()).param("color", draft.avatarColor())
                .param("creator", creator.value())
                .query(UUID.class).single();
        return new AgentId(id);
    }

    List<Agent> active(WorkspaceId workspace, int offset, int limit) {
        return jdbc.sql(ACTIVE_IN_WORKSPACE).param("workspace", workspace.value())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> agent(rs)).list();
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(new AgentId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("name"),
                rs.getString("role_description"), rs.getString("system_prompt"), rs.getString("model"),
                rs.getBigDecimal("temperature"), rs.getInt("max_tokens"), rs.getString("avatar_color"),
                rs.getInt("version"), rs.getBoolean("archived"), rs.getTimestamp("created_at").toInstant());
    }
}
