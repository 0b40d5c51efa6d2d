package com.sintra.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The audit trail every feature writes to: admin actions, sign-ins, refused accesses. The signed-in user, if
 * any, is the actor. An action's entry commits with the action, in the caller's transaction when it can write;
 * a refusal's entry, and any entry from a read-only transaction or none, is written in a transaction of its own,
 * so it is kept when the caller's transaction is read-only or rolls back because the access was refused
 * (docs/decisions/0029).
 */
@Service
public class AuditLog {

    /** What {@link #refused} writes. */
    public static final String ACCESS_REFUSED = "access_refused";
    static final String SIGN_IN_FAILED = "sign_in_failed";
    static final String SIGNED_IN = "signed_in";
    public static final int MAX_PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditRepository entries;
    private final CurrentUser currentUser;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final int refusalsPerMinute;
    /** Refusals recorded per caller in the current minute, counted in memory on each node. */
    private final Cache<String, AtomicInteger> refusals = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(2)).maximumSize(100_000).build();

    AuditLog(AuditRepository entries, CurrentUser currentUser, ObjectMapper json, PlatformTransactionManager transactions,
             AccountProperties properties) {
        this.entries = entries;
        this.currentUser = currentUser;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.refusalsPerMinute = properties.audit().refusalsPerMinute();
    }

    /**
     * Records an action. Inside a transaction that can write, the entry joins it: it commits with the action or
     * not at all, and a transaction of its own could wait forever on the caller's locks (the foreign key to the
     * actor shares the lock on their user row that an admin's change may hold). Otherwise it gets one of its own.
     *
     * @param action      what happened, in snake case with its feature first ({@code user_deactivated},
     *                    {@code ai_circuit_reset}); never message content
     * @param workspaceId the workspace it concerns, or null
     * @param details     small facts worth seeing later (names, reasons), never secrets
     */
    public void record(String action, String targetType, String targetId, UUID workspaceId, Map<String, ?> details) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            entries.insert(callerId(), action, targetType, targetId, workspaceId, toJson(details));
        } else {
            write(callerId(), action, targetType, targetId, workspaceId, details);
        }
    }

    /**
     * Records that the caller was refused access to a workspace they are not a member of, at most
     * {@code sintra.account.audit.refusals-per-minute} times per caller and minute (the last one says so): a
     * script probing ids fills neither the table nor the connection pool. Works inside any transaction,
     * read-only ones too. Returns whether it was written.
     */
    public boolean refused(UUID workspaceId, String targetType, String targetId, Map<String, ?> details) {
        UUID caller = callerId();
        long minute = Instant.now().getEpochSecond() / 60;
        int count = refusals.get((caller == null ? "anonymous" : caller.toString()) + "@" + minute,
                key -> new AtomicInteger()).incrementAndGet();
        if (count > refusalsPerMinute) {
            return false;
        }
        Map<String, ?> written = count < refusalsPerMinute ? details
                : merged(details, "limit_reached", "no more refusals of this caller are recorded this minute");
        write(caller, ACCESS_REFUSED, targetType, targetId, workspaceId, written);
        return true;
    }

    void signedIn(User user, String address) {
        write(user.id().value(), SIGNED_IN, "user", user.id().value().toString(), null, Map.of("address", address));
    }

    /**
     * @param email  the normalized e-mail tried, whether or not an account has it
     * @param reason {@code bad_credentials} (wrong password or unknown e-mail), {@code deactivated} or
     *               {@code throttled} (refused unchecked)
     */
    void signInFailed(String email, String address, String reason) {
        write(null, SIGN_IN_FAILED, "account", email, null, Map.of("address", address, "reason", reason));
    }

    /**
     * A page of the trail, newest first, after {@code after} (null: from the newest). Each combination of
     * filters reads one index in order (V12), so a page costs the same however long the trail is.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public AuditPage entries(AuditFilter filter, AuditEntry.AuditCursor after, int limit) {
        AuditFilter checked = filter == null ? AuditFilter.ANY : filter;
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        Optional<UUID> actor = Optional.empty();
        if (checked.actorEmail() != null) {
            actor = entries.userIdByEmail(checked.actorEmail());
            if (actor.isEmpty()) {
                return new AuditPage(List.of(), null);
            }
        }
        List<AuditEntry> page = entries.page(checked, actor.orElse(null), after, size, this::details);
        return new AuditPage(page, page.size() < size ? null : page.get(page.size() - 1).cursor());
    }

    /** The actions the trail holds, by name: what the browse view offers as filters. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<String> actions() {
        return entries.actions();
    }

    private UUID callerId() {
        return currentUser.principal().map(principal -> principal.id().value()).orElse(null);
    }

    /** In a transaction of its own; a failure is logged, never thrown over the refusal or sign-in it records. */
    private void write(UUID actor, String action, String targetType, String targetId, UUID workspaceId,
                       Map<String, ?> details) {
        String detailsJson = toJson(details);
        try {
            ownTransaction.executeWithoutResult(tx ->
                    entries.insert(actor, action, targetType, targetId, workspaceId, detailsJson));
        } catch (RuntimeException e) {
            // An entry that cannot be written must not turn the action it records into an error, nor hide it.
            log.warn("Audit entry {} on {} {} not written: {}", action, targetType, targetId, e.toString());
        }
    }

    private static Map<String, Object> merged(Map<String, ?> details, String key, Object value) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(details == null ? Map.of() : details);
        merged.put(key, value);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of("unreadable", stored);
        }
    }

    private String toJson(Map<String, ?> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit details must be plain values", e);
        }
    }
}
