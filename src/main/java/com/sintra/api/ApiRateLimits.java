package com.sintra.api;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.account.ApiKeyId;
import com.sintra.cluster.ClusterMessaging;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A token bucket per API key (Bucket4j): {@code burst} requests at once, refilled continuously at
 * {@code requestsPerMinute}. On one node the buckets are in memory; keys idle for ten minutes are forgotten
 * (their bucket would be full anyway). Under the {@code cluster} profile each key's bucket is held in Redis
 * (Bucket4j's Lettuce backend, on the node's command connection), so a key has one budget however the balancer
 * spreads its requests; Redis expires a bucket once it would be full again. When Redis fails, each node counts
 * on its own until it is back: a key then gets the limit once per node, and no request is refused for Redis's
 * sake (docs/decisions/0011, 0023).
 */
@Component
class ApiRateLimits implements MeterBinder {

    static final String FEATURE = "API rate limits hold";
    static final String KEY_PREFIX = "sintra:api:bucket:";
    /** Refusals by Sintra's own limits, tagged with the limit (the chat's admission and the AI gateway use it too). */
    public static final String REFUSALS = "sintra.refusals";
    private volatile Counter refusals;

    private final Bandwidth limit;
    private final BucketConfiguration configuration;
    private final Cache<ApiKeyId, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .recordStats().build();
    private final ClusterMessaging cluster;
    private final Cache<ApiKeyId, Bucket> sharedBuckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .recordStats().build();
    private volatile ProxyManager<String> redis;

    @Autowired
    ApiRateLimits(ApiProperties properties, Optional<ClusterMessaging> cluster) {
        this.limit = Bandwidth.builder().capacity(Math.max(1, properties.burst()))
                .refillGreedy(Math.max(1, properties.requestsPerMinute()), Duration.ofMinutes(1)).build();
        this.configuration = BucketConfiguration.builder().addLimit(limit).build();
        this.cluster = cluster.orElse(null);
    }

    /** One node, buckets in memory. */
    ApiRateLimits(ApiProperties properties) {
        this(properties, Optional.empty());
    }

    /** The buckets in the cache meters; never cleared or shed: a dropped bucket is a refilled one (docs/decisions/0028). */
    @Override
    public void bindTo(MeterRegistry registry) {
        refusals = Counter.builder(REFUSALS).description("Requests refused by a limit of Sintra's own")
                .tag("limit", "api-rate-limit").tag("provider", "none").register(registry);
        CaffeineCacheMetrics.monitor(registry, buckets, "api-rate-limits");
        CaffeineCacheMetrics.monitor(registry, sharedBuckets, "api-rate-limits-shared");
    }

    /** Empty when the request may go ahead; otherwise how long until it may, in milliseconds. */
    OptionalLong acquire(ApiKeyId key) {
        ConsumptionProbe probe = consume(key);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        Counter counter = refusals;
        if (counter != null) {
            counter.increment();
        }
        return OptionalLong.of(Duration.ofNanos(probe.getNanosToWaitForRefill()).plusNanos(999_999).toMillis());
    }

    /**
     * A token from the key's bucket in Redis under the cluster profile while Redis is usable; else, or when Redis
     * fails, from this node's own bucket (fail open per node, never refuse everything).
     */
    private ConsumptionProbe consume(ApiKeyId key) {
        ProxyManager<String> shared = cluster == null || !cluster.usable() ? null : proxyManager();
        if (shared != null) {
            try {
                return sharedBuckets.get(key, k -> shared.builder().build(KEY_PREFIX + k.value(), () -> configuration))
                        .tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                cluster.failed(FEATURE, e);
            }
        }
        return buckets.get(key, k -> Bucket.builder().addLimit(limit).withNanosecondPrecision().build())
                .tryConsumeAndReturnRemaining(1);
    }

    /** Made once the node's command connection is. */
    private ProxyManager<String> proxyManager() {
        ProxyManager<String> made = redis;
        if (made == null) {
            synchronized (this) {
                if (redis == null) {
                    redis = cluster.commands().map(connection -> (ProxyManager<String>) Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .requestTimeout(cluster.commandTimeout()).build()).orElse(null);
                }
                made = redis;
            }
        }
        return made;
    }
}
