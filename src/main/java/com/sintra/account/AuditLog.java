package com.sintra.account;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail every feature writes to: admin actions, sign-ins, refused accesses. The signed-in user, if
 * any, is the actor. Each entry is written in a transaction of its own, so it is kept when the caller's
 * transaction is read-only or rolls back because the access was refused.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final ObjectMapper json;

    AuditLog(JdbcClient jdbc, CurrentUser currentUser, ObjectMapper json) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.json = json;
    }

    /**
     * @param action      what happened, in snake case with its feature first ({@code user_deactivated},
     *                    {@code ai_circuit_reset}); never message content
     * @param workspaceId the workspace it concerns, or null
     * @param details     small facts worth seeing later (names, reasons), never secrets
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String action, String targetType, String targetId, UUID workspaceId, Map<String, ?> details) {
        UUID actor = currentUser.principal().map(principal -> principal.id().value()).orElse(null);
        jdbc.sql("""
                        INSERT INTO audit_log (workspace_id, actor_user_id, action, target_type, target_id, details)
                        VALUES (:workspace, :actor, :action, :targetType, :targetId, CAST(:details AS jsonb))""")
                .param("workspace", workspaceId).param("actor", actor).param("action", action)
                .param("targetType", targetType).param("targetId", targetId).param("details", toJson(details))
                .update();
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain values", e);
        }
    }
}
