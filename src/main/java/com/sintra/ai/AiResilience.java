package com.sintra.ai;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Each provider's circuit breaker, rate limiter, bulkhead and retry, named after the provider so the
 * resilience4j_* meters carry its name; configured from {@link AiProperties}, with the provider's own limits.
 * Built when a provider is added or changed, removed when it is deleted. Also what is retried and after how long:
 * the provider's Retry-After when it sends one, else an exponential back-off.
 */
@Component
class AiResilience {

    /** The longest wait a provider's Retry-After can ask for; a longer one is cut to this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

    /** One provider's guards. */
    record Guards(CircuitBreaker circuitBreaker, RateLimiter rateLimiter, Bulkhead bulkhead, Retry retry) {
    }

    private final CircuitBreakerRegistry circuitBreakers;
    private final RateLimiterRegistry rateLimiters;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;

    AiResilience(AiProperties properties, MeterRegistry meters) {
        circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRateThreshold())
                .slowCallRateThreshold(properties.failureRateThreshold())
                .slowCallDurationThreshold(properties.slowCallThreshold())
                .minimumNumberOfCalls(properties.minimumCalls())
                .slidingWindowSize(Math.max(10, properties.minimumCalls() * 2))
                .waitDurationInOpenState(properties.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // A refusal by our own limits says nothing about the provider's health.
                .ignoreExceptions(io.github.resilience4j.bulkhead.BulkheadFullException.class,
                        io.github.resilience4j.ratelimiter.RequestNotPermitted.class)
                .build());
        rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls()).maxWaitDuration(Duration.ZERO).build());
        retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .retryOnException(AiResilience::retryable)
                .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> outcome.isLeft()
                        ? retryDelay(properties, attempt, outcome.getLeft()) : properties.retryBackoff().toMillis())
                .build());

        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** New guards for the provider, replacing any it had (its circuit starts closed). */
    Guards build(String provider, int requestsPerSecond, int maxConcurrentCalls) {
        remove(provider);
        return new Guards(circuitBreakers.circuitBreaker(provider),
                rateLimiters.rateLimiter(provider, RateLimiterConfig.from(rateLimiters.getDefaultConfig())
                        .limitForPeriod(requestsPerSecond).build()),
                bulkheads.bulkhead(provider, BulkheadConfig.from(bulkheads.getDefaultConfig())
                        .maxConcurrentCalls(maxConcurrentCalls).build()),
                retries.retry(provider));
    }

    /** Forgets the provider's guards, and with them its meters. */
    void remove(String provider) {
        circuitBreakers.remove(provider);
        rateLimiters.remove(provider);
        bulkheads.remove(provider);
        retries.remove(provider);
    }

    private static long retryDelay(AiProperties properties, int attempt, Throwable error) {
        return retryAfter(error)
                .orElse(properties.retryBackoff().multipliedBy(1L << Math.max(0, attempt - 1))).toMillis();
    }

    /**
     * Rate limits, server errors and failed connections: worth another attempt. An error after the first token
     * arrives wrapped ({@link AiGateway.StreamInterruptedException}) and is never retried.
     */
    private static boolean retryable(Throwable e) {
        if (e instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return status == 429 || status >= 500;
        }
        return e instanceof WebClientRequestException;
    }

    /** The server's Retry-After (seconds or an HTTP date), capped; empty when it sent none. */
    private static Optional<Duration> retryAfter(Throwable e) {
        if (!(e instanceof WebClientResponseException response)) {
            return Optional.empty();
        }
        String value = response.getHeaders().getFirst("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }
}
