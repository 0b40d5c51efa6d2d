package com.sintra.ai;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProviderRepository {

    /** A stored provider with its encrypted key (null: none), which stays inside this module. */
    record Stored(AiProvider provider, byte[] encryptedKey, Instant updatedAt) {
    }

    private static final String COLUMNS = """
            id, name, kind, base_url, api_key_encrypted, default_model, fallback_id, requests_per_second,
            max_concurrent_calls, enabled, updated_at""";

    private final JdbcClient jdbc;

    ProviderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_providers ORDER BY created_at, id").query((rs, n) -> stored(rs)).list();
    }

    Optional<Stored> find(AiProviderId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_providers WHERE id = :id").param("id", id.value())
                .query((rs, n) -> stored(rs)).optional();
    }

    boolean nameTaken(String name, AiProviderId except) {
        return jdbc.sql("SELECT count(*) FROM ai_providers WHERE lower(name) = lower(:name) AND id IS DISTINCT FROM :except")
                .param("name", name).param("except", except == null ? null : except.value())
                .query(Long.class).single() > 0;
    }

    AiProviderId insert(AiProviderDraft draft, byte[] encryptedKey) {
        return new AiProviderId(jdbc.sql("""
                        INSERT INTO ai_providers (name, kind, base_url, api_key_encrypted, default_model, fallback_id,
                                                  requests_per_second, max_concurrent_calls, enabled)
                        VALUES (:name, :kind, :baseUrl, :key, :defaultModel, :fallback, :rps, :concurrent, :enabled)
                        RETURNING id""")
                .param("key", encryptedKey)
                .params(params(draft))
                .query(UUID.class).single());
    }

    /** @param encryptedKey the new key; null keeps the stored one unless {@code removeKey} */
    boolean update(AiProviderId id, AiProviderDraft draft, byte[] encryptedKey) {
        return jdbc.sql("""
                        UPDATE ai_providers SET name = :name, kind = :kind, base_url = :baseUrl,
                               api_key_encrypted = CASE WHEN :removeKey THEN NULL ELSE coalesce(:key, api_key_encrypted) END,
                               default_model = :defaultModel, fallback_id = :fallback, requests_per_second = :rps,
                               max_concurrent_calls = :concurrent, enabled = :enabled, updated_at = clock_timestamp()
                        WHERE id = :id""")
                .param("key", encryptedKey, java.sql.Types.BINARY).param("removeKey", draft.removeKey() && encryptedKey == null)
                .param("id", id.value())
                .params(params(draft))
                .update() > 0;
    }

    boolean delete(AiProviderId id) {
        return jdbc.sql("DELETE FROM ai_providers WHERE id = :id").param("id", id.value()).update() > 0;
    }

    private static java.util.Map<String, Object> params(AiProviderDraft draft) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("name", draft.name());
        params.put("kind", draft.kind().name());
        params.put("baseUrl", draft.baseUrl());
        params.put("defaultModel", draft.defaultModel());
        params.put("fallback", draft.fallbackId() == null ? null : draft.fallbackId().value());
        params.put("rps", draft.requestsPerSecond());
        params.put("concurrent", draft.maxConcurrentCalls());
        params.put("enabled", draft.enabled());
        return params;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        UUID fallback = rs.getObject("fallback_id", UUID.class);
        byte[] key = rs.getBytes("api_key_encrypted");
        AiProvider provider = new AiProvider(new AiProviderId(rs.getObject("id", UUID.class)), rs.getString("name"),
                AiProviderKind.valueOf(rs.getString("kind")), rs.getString("base_url"), key != null,
                rs.getString("default_model"), fallback == null ? null : new AiProviderId(fallback),
                rs.getInt("requests_per_second"), rs.getInt("max_concurrent_calls"), rs.getBoolean("enabled"));
        return new Stored(provider, key, rs.getTimestamp("updated_at").toInstant());
    }
}
