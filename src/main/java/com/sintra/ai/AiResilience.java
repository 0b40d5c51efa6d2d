package com.sintra.ai;

import java.time.Duration;

import org.springframework.stereotype.Component;

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
 * The provider's circuit breaker, rate limiter, bulkhead and retry, configured from {@link AiProperties}
 * and exported as metrics (resilience4j_* meters, tagged with the provider's name).
 */
@Component
class AiResilience {

    static final String PROVIDER = "openai-compatible";

    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final Retry retry;

    AiResilience(AiProperties properties, MeterRegistry meters) {
        CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
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
        RateLimiterRegistry rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.requestsPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls()).maxWaitDuration(Duration.ZERO).build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .retryOnException(AiGateway::retryable)
                .intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> outcome.isLeft()
                        ? retryDelay(properties, attempt, outcome.getLeft()) : properties.retryBackoff().toMillis())
                .build());

        circuitBreaker = circuitBreakers.circuitBreaker(PROVIDER);
        rateLimiter = rateLimiters.rateLimiter(PROVIDER);
        bulkhead = bulkheads.bulkhead(PROVIDER);
        retry = retries.retry(PROVIDER);

        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    private static long retryDelay(AiProperties properties, int attempt, Throwable error) {
        return AiGateway.retryAfter(error)
                .orElse(properties.retryBackoff().multipliedBy(1L << Math.max(0, attempt - 1))).toMillis();
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    Bulkhead bulkhead() {
        return bulkhead;
    }

    Retry retry() {
        return retry;
    }
}
