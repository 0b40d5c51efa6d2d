package com.sintra.api;

import java.time.Duration;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.account.ApiKeyId;

/**
 * A token bucket per API key: {@code burst} requests at once, refilled at {@code requestsPerMinute}. In
 * memory, so per node; keys idle for ten minutes are forgotten (their bucket would be full anyway).
 */
@Component
class ApiRateLimits {

    private final double tokensPerNano;
    private final int burst;
    private final Cache<ApiKeyId, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    ApiRateLimits(ApiProperties properties) {
        this.tokensPerNano = properties.requestsPerMinute() / 60e9;
        this.burst = Math.max(1, properties.burst());
    }

    /** Empty when the request may go ahead; otherwise how long until it may, in milliseconds. */
    OptionalLong acquire(ApiKeyId key) {
        return buckets.get(key, k -> new Bucket(burst, System.nanoTime())).take(tokensPerNano, burst);
    }

    private static final class Bucket {

        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized OptionalLong take(double tokensPerNano, int capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((1 - tokens) / tokensPerNano / 1e6));
        }
    }
}
