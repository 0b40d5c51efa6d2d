package com.sintra.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit trail's table. Browsing reads users' e-mails and workspaces' names by join, in SQL only: the
 * workspace module depends on this one, so the names cannot come through its service (docs/decisions/0029).
 */
@Repository
class AuditRepository {

    static final String ACTIONS = """
            WITH RECURSIVE seen(action) AS (
                (SELECT action FROM audit_log ORDER BY action LIMIT 1)
                UNION ALL
                SELECT (SELECT a.action FROM audit_log a WHERE a.action > seen.action ORDER BY a.action LIMIT 1)
                FROM seen WHERE seen.action IS NOT NULL)
            SELECT action FROM seen WHERE action IS NOT NULL""";

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID actor, String action, String targetType, String targetId, UUID workspaceId, String detailsJson) {
        jdbc.sql("""
                        INSERT INTO audit_log (workspace_id, actor_user_id, action, target_type, target_id, details)
                        VALUES (:workspace, :actor, :action, :targetType, :targetId, CAST(:details AS jsonb))""")
                .param("workspace", workspaceId).param("actor", actor).param("action", action)
                .param("targetType", targetType).param("targetId", targetId).param("details", detailsJson)
                .update();
    }

    Optional<UUID> userIdByEmail(String email) {
        return jdbc.sql("SELECT id FROM users WHERE lower(email) = lower(:email)").param("email", email)
                .query(UUID.class).optional();
    }

    List<String> actions() {
        return jdbc.sql(ACTIONS).query(String.class).list();
    }

    List<AuditEntry> page(AuditFilter filter, UUID actor, AuditEntry.AuditCursor after, int limit,
                          Function<String, Map<String, Object>> details) {
        Map<String, Object> params = params(filter, actor, after, limit);
        return jdbc.sql(pageSql(!filter.actions().isEmpty(), actor != null, filter.workspaceId() != null,
                        filter.from() != null, filter.to() != null, after != null))
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("action"), rs.getObject("actor_user_id", UUID.class), rs.getString("actor_email"),
                        rs.getObject("workspace_id", UUID.class), rs.getString("workspace_name"),
                        rs.getString("target_type"), rs.getString("target_id"), details.apply(rs.getString("details"))))
                .list();
    }

    static Map<String, Object> params(AuditFilter filter, UUID actor, AuditEntry.AuditCursor after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        if (!filter.actions().isEmpty()) {
            params.put("actions", filter.actions().stream().sorted().toArray(String[]::new));
        }
        if (actor != null) {
            params.put("actor", actor);
        }
        if (filter.workspaceId() != null) {
            params.put("workspace", filter.workspaceId());
        }
        if (filter.from() != null) {
            params.put("from", time(filter.from()));
        }
        if (filter.to() != null) {
            params.put("to", time(filter.to()));
        }
        if (after != null) {
            params.put("afterAt", time(after.createdAt()));
            params.put("afterId", after.id());
        }
        return params;
    }

    /**
     * The page's statement for the filters that are set: fixed conditions, every value bound. With actions, each
     * action is read by its own ordered index scan (a LATERAL per action, each stopping at the page size) and
     * the few rows merged, instead of reading every entry of those actions to sort them. Names are looked up per
     * row of the page (a join would hash all users to name fifty).
     */
    static String pageSql(boolean actions, boolean actor, boolean workspace, boolean from, boolean to, boolean after) {
        List<String> conditions = new ArrayList<>();
        if (actions) {
            conditions.add("l.action = a.action");
        }
        if (actor) {
            conditions.add("l.actor_user_id = :actor");
        }
        if (workspace) {
            conditions.add("l.workspace_id = :workspace");
        }
        if (from) {
            conditions.add("l.created_at >= :from");
        }
        if (to) {
            conditions.add("l.created_at < :to");
        }
        if (after) {
            conditions.add("(l.created_at, l.id) < (:afterAt, :afterId)");
        }
        String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
        String ordered = """
                SELECT l.* FROM audit_log l %s ORDER BY l.created_at DESC, l.id DESC LIMIT :limit""".formatted(where);
        String chosen = !actions ? ordered : """
                SELECT m.* FROM unnest(CAST(:actions AS text[])) AS a(action)
                CROSS JOIN LATERAL (%s) m
                ORDER BY m.created_at DESC, m.id DESC LIMIT :limit""".formatted(ordered);
        return """
                SELECT e.id, e.created_at, e.action, e.actor_user_id,
                       (SELECT u.email FROM users u WHERE u.id = e.actor_user_id) AS actor_email, e.workspace_id,
                       (SELECT w.name FROM workspaces w WHERE w.id = e.workspace_id) AS workspace_name,
                       e.target_type, e.target_id, CAST(e.details AS text) AS details
                FROM (%s) e
                ORDER BY e.created_at DESC, e.id DESC""".formatted(chosen);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
