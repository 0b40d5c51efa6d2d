package com.sintra.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;
import com.sintra.base.NotFoundException;

/**
 * API keys: how programs act as a user through the REST API, with that user's workspace memberships.
 * A key is {@code sk_<short id>_<secret>}; only its SHA-256 is stored. A slow password hash would buy
 * nothing here, since the secret is 32 random bytes, not something a person chose, and the hash's
 * unique index finds the key in one lookup.
 */
@Service
public class ApiKeyService {

    static final String KEY_START = "sk_";
    static final int MAX_NAME = 80;
    static final int MAX_ACTIVE_KEYS = 50;
    private static final int SECRET_BYTES = 32;
    private static final int PREFIX_ID_BYTES = 4;
    // Far longer than any key this service makes; longer input is refused before it is hashed.
    private static final int MAX_PRESENTED_LENGTH = 200;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyRepository keys;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    ApiKeyService(ApiKeyRepository keys, CurrentUser currentUser, AuditLog audit) {
        this.keys = keys;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /**
     * Creates a key for the caller and returns it: this is the only time the key itself exists. Refused when
     * the caller's account was deactivated meanwhile (their session may not have ended yet on another node).
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public String create(String name) {
        String checkedName = Inputs.requiredText("name", "Name", name, MAX_NAME);
        UserId owner = currentUser.require();
        // A soft cap against runaway scripts: two simultaneous creations may reach one over it, which is harmless.
        if (keys.countActive(owner) >= MAX_ACTIVE_KEYS) {
            throw new InvalidInputException("name",
                    "You have " + MAX_ACTIVE_KEYS + " active API keys, the most allowed. Revoke one you no longer use first.");
        }
        String prefix = KEY_START + HexFormat.of().formatHex(randomBytes(PREFIX_ID_BYTES));
        String key = prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(SECRET_BYTES));
        if (keys.insertForActiveOwner(owner, checkedName, prefix, hash(key)).isEmpty()) {
            throw new AccessDeniedException("This account is deactivated, so it cannot create API keys.");
        }
        return key;
    }

    /** The caller's keys, revoked ones included, newest first. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<ApiKey> myKeys() {
        return keys.keysOf(currentUser.require());
    }

    /** Revokes one of the caller's keys at once; revoking a revoked key changes nothing. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void revoke(ApiKeyId id) {
        if (id == null || !keys.revoke(id, currentUser.require())) {
            throw new NotFoundException("API key not found");
        }
    }

    /** Every user's keys, revoked ones included, newest first: for administrators. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<OwnedApiKey> allKeys(int offset, int limit) {
        return keys.all(offset, limit);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public int countAllKeys() {
        return keys.countAll();
    }

    /**
     * An administrator revokes anyone's key. It stops working with the next request: every request looks its
     * key up in the database (nothing caches a key), and the lookup skips revoked keys.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void revokeAny(ApiKeyId id) {
        OwnedApiKey revoked = (id == null ? Optional.<OwnedApiKey>empty() : keys.revokeAny(id))
                .orElseThrow(() -> new NotFoundException("API key not found"));
        audit.record("api_key_revoked", "api_key", id.value().toString(), null, java.util.Map.of(
                "owner", revoked.ownerEmail(), "name", revoked.key().name(), "prefix", revoked.key().prefix()));
    }

    /**
     * The owner of a presented key, when the key exists, is not revoked and its owner is active.
     * Every failure looks the same, so a caller cannot tell a revoked key from a mistyped one.
     * No {@code @PreAuthorize}: this is how an API caller signs in.
     */
    public Optional<User> authenticate(String presentedKey) {
        return identify(presentedKey).map(AuthenticatedKey::owner);
    }

    /**
     * As {@link #authenticate}, naming the key too (per-key limits count by it). Not transactional: two
     * reads and, at most once a minute, an independent update; a transaction would only add its commit's
     * round trip to every API request.
     */
    public Optional<AuthenticatedKey> identify(String presentedKey) {
        if (presentedKey == null || presentedKey.length() > MAX_PRESENTED_LENGTH || !presentedKey.startsWith(KEY_START)) {
            return Optional.empty();
        }
        return keys.findUsableByHash(hash(presentedKey)).map(key -> {
            if (usedLongAgo(key.lastUsedAt())) {
                // At most one write a minute per key, however many requests it makes.
                keys.touch(key.id());
            }
            return new AuthenticatedKey(key.id(), key.owner());
        });
    }

    /** A presented key that was accepted, and whose it is. */
    public record AuthenticatedKey(ApiKeyId id, User owner) {
    }

    private static boolean usedLongAgo(Instant lastUsedAt) {
        return lastUsedAt == null || lastUsedAt.isBefore(Instant.now().minus(LAST_USED_RESOLUTION));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
