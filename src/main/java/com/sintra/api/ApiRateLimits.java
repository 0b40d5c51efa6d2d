package com.sintra.api;

import java.time.Duration;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.account.ApiKeyId;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per API key (Bucket4j): {@code burst} requests at once, refilled continuously at
 * {@code requestsPerMinute}. The buckets are in memory, so the limits hold per node; keys idle for ten
 * minutes are forgotten (their bucket would be full anyway). See docs/decisions/0011.
 */
@Component
class ApiRateLimits {

    private final Bandwidth limit;
    private final Cache<ApiKeyId, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    ApiRateLimits(ApiProperties properties) {
        this.limit = Bandwidth.builder().capacity(Math.max(1, properties.burst()))
                .refillGreedy(Math.max(1, properties.requestsPerMinute()), Duration.ofMinutes(1)).build();
    }

    /** Empty when the request may go ahead; otherwise how long until it may, in milliseconds. */
    OptionalLong acquire(ApiKeyId key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? OptionalLong.empty()
                : OptionalLong.of(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusNanos(999_999).toMillis());
    }

    /**
     * The key's bucket, made on its first request. For limits that hold across nodes, this is the one method
     * to change: a Bucket4j {@code ProxyManager} over the cluster's Redis (bucket4j_jdk17-lettuce's
     * {@code LettuceBasedProxyManager}) hands out the same {@link Bucket}, with
     * {@code proxyManager.builder().build(key, () -> BucketConfiguration.builder().addLimit(limit).build())}.
     */
    private Bucket bucket(ApiKeyId key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(limit).withNanosecondPrecision().build());
    }
}
