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
 * The provider's circuit breaker, rate limiter, bulkhead and retry, configured from {@link AiProperties}
 * and exported as metrics (resilience4j_* meters, tagged with the provider's name). Also what is retried
 * and after how long: the provider's Retry-After when it sends one, else an exponential back-off.
 */
@Component
class AiResilience {

    static final String PROVIDER = "openai-compatible";

    /** The longest wait a provider's Retry-After can ask for; a longer one is cut to this. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);

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
                .retryOnException(AiResilience::retryable)
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
