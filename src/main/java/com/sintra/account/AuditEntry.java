package com.sintra.account;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the audit trail as an administrator browses it.
 *
 * @param actorEmail    null when nobody was signed in (a failed sign-in, a start-up task) or the user is gone
 * @param workspaceName null when the entry concerns no workspace
 */
public record AuditEntry(long id, Instant createdAt, String action, UUID actorId, String actorEmail, UUID workspaceId,
                         String workspaceName, String targetType, String targetId, Map<String, Object> details) {

    public AuditCursor cursor() {
        return new AuditCursor(createdAt, id);
    }

    /** Where a page starts: after the entry written at {@code createdAt} with this id (keyset, newest first). */
    public record AuditCursor(Instant createdAt, long id) {
    }
}
