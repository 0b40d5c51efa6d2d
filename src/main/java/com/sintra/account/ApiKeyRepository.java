package com.sintra.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.sintra.base.QueryTimer;

@Repository
class ApiKeyRepository {

    /** The key and its active owner in one round trip: every API request runs this. */
    static final String FIND_USABLE_BY_HASH = """
            SELECT k.id AS key_id, k.last_used_at, u.id, u.email, u.display_name, u.role, u.active, u.created_at
            FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.key_hash = :hash AND k.revoked_at IS NULL AND u.active""";

    static final String KEYS_OF_USER = """
            SELECT id, name, prefix, created_at, last_used_at, revoked_at
            FROM api_keys WHERE user_id = :user ORDER BY created_at DESC, id""";

    /** Every user's keys for administrators, newest first. */
    static final String ALL_KEYS = """
            SELECT k.id, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at, k.user_id, u.email
            FROM api_keys k JOIN users u ON u.id = k.user_id
            ORDER BY k.created_at DESC, k.id DESC LIMIT :limit OFFSET :offset""";

    static final String COUNT_ACTIVE_OF_USER = """
            SELECT count(*) FROM api_keys WHERE user_id = :user AND revoked_at IS NULL""";

    private final JdbcClient jdbc;
    private final QueryTimer timer;

    ApiKeyRepository(JdbcClient jdbc, QueryTimer timer) {
        this.jdbc = jdbc;
        this.timer = timer;
    }

    /** A key that is not revoked, of an owner who is active. */
    record UsableKey(ApiKeyId id, User owner, Instant lastUsedAt) {
    }

    Optional<UsableKey> findUsableByHash(String keyHash) {
        return timer.time("api-key.usable", () -> jdbc.sql(FIND_USABLE_BY_HASH).param("hash", keyHash)
                .query((rs, n) -> new UsableKey(new ApiKeyId(rs.getObject("key_id", UUID.class)), UserRepository.user(rs),
                        instant(rs.getTimestamp("last_used_at"))))
                .optional());
    }

    List<ApiKey> keysOf(UserId user) {
        return jdbc.sql(KEYS_OF_USER).param("user", user.value()).query((rs, n) -> apiKey(rs)).list();
    }

    int countActive(UserId user) {
        return jdbc.sql(COUNT_ACTIVE_OF_USER).param("user", user.value()).query(Integer.class).single();
    }

    /**
     * Inserts a key only while its owner is active, checked in the same statement: a deactivation committed
     * at any moment before leaves no key behind (it revokes the keys that exist, this makes none). Empty when
     * the owner is not active.
     */
    Optional<ApiKeyId> insertForActiveOwner(UserId user, String name, String prefix, String keyHash) {
        return jdbc.sql("""
                        INSERT INTO api_keys (user_id, name, prefix, key_hash)
                        SELECT id, :name, :prefix, :hash FROM users WHERE id = :user AND active
                        RETURNING id""")
                .param("user", user.value()).param("name", name).param("prefix", prefix).param("hash", keyHash)
                .query(UUID.class).optional().map(ApiKeyId::new);
    }

    /** Revokes every key of the user that still works; returns how many. */
    int revokeAll(UserId user) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", user.value()).update();
    }

    /** Revokes the user's key; a key already revoked keeps its first revocation time. False when not theirs. */
    boolean revoke(ApiKeyId id, UserId user) {
        return jdbc.sql("""
                        UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
                        WHERE id = :id AND user_id = :user""")
                .param("id", id.value()).param("user", user.value()).update() == 1;
    }

    /** The condition repeats the caller's check, so concurrent requests with one key still write once a minute. */
    void touch(ApiKeyId id) {
        jdbc.sql("""
                        UPDATE api_keys SET last_used_at = now()
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param("id", id.value()).update();
    }

    private static ApiKey apiKey(ResultSet rs) throws SQLException {
        return new ApiKey(new ApiKeyId(rs.getObject("id", UUID.class)), rs.getString("name"), rs.getString("prefix"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    List<OwnedApiKey> all(int offset, int limit) {
        return jdbc.sql(ALL_KEYS).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new OwnedApiKey(apiKey(rs), new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getString("email")))
                .list();
    }

    int countAll() {
        return jdbc.sql("SELECT count(*) FROM api_keys").query(Integer.class).single();
    }

    /** Revokes anyone's key, keeping a first revocation time; the key and its owner, empty when there is none. */
    Optional<OwnedApiKey> revokeAny(ApiKeyId id) {
        return jdbc.sql("""
                        UPDATE api_keys k SET revoked_at = coalesce(k.revoked_at, now())
                        FROM users u WHERE k.id = :id AND u.id = k.user_id
                        RETURNING k.id, k.name, k.prefix, k.created_at, k.last_used_at, k.revoked_at, k.user_id, u.email""")
                .param("id", id.value())
                .query((rs, n) -> new OwnedApiKey(apiKey(rs), new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getString("email")))
                .optional();
    }
}
