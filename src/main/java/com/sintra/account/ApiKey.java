package com.sintra.account;

import java.time.Instant;

/**
 * An API key as its owner sees it in the list. The key itself is never stored, only its hash.
 *
 * @param prefix     the key's visible start ({@code sk_} and its short id), to tell keys apart
 * @param lastUsedAt null when never used; updated at most once a minute
 * @param revokedAt  null while the key works
 */
public record ApiKey(ApiKeyId id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
                     Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
