package com.sintra.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What an administrator narrows the audit trail to; every part is optional (null or empty: any).
 *
 * @param actions    any of these actions
 * @param actorEmail the actor's e-mail, in any case
 * @param from       entries written at or after this instant
 * @param to         entries written before this instant
 */
public record AuditFilter(Set<String> actions, String actorEmail, UUID workspaceId, Instant from, Instant to) {

    public static final AuditFilter ANY = new AuditFilter(Set.of(), null, null, null, null);

    public AuditFilter {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        actorEmail = actorEmail == null || actorEmail.isBlank() ? null : actorEmail.strip();
    }
}
