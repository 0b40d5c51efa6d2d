package com.sintra.ai;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl              the OpenAI-compatible server (OpenAI, Ollama, vLLM, LM Studio); empty: no provider, agents answer offline
 * @param apiKey               its key, from the environment (SINTRA_AI_API_KEY)
 * @param model                the model agents use unless they name another
 * @param firstTokenTimeout    how long to wait for a stream's first token
 * @param idleTimeout          how long a started stream may pause between tokens
 * @param maxConcurrentCalls   bulkhead: model calls in flight at once; more are refused at once, not queued
 * @param requestsPerSecond    rate limiter: calls started per second
 * @param failureRateThreshold circuit breaker: percentage of failed or slow calls that opens it
 * @param slowCallThreshold    circuit breaker: a call slower than this to its first token counts as slow
 * @param minimumCalls         circuit breaker: calls needed before the failure rate counts
 * @param openStateWait        circuit breaker: how long it stays open before probing
 * @param retryAttempts        attempts per call, for 429 and 5xx answers (Retry-After is honoured)
 * @param retryBackoff         first back-off when the answer gives no Retry-After; doubles per attempt
 * @param cacheTtl             how long a cached answer is served
 * @param cacheSize            answers kept in the cache
 * @param secretKey            base64 of the 32-byte key that encrypts stored providers' API keys (SINTRA_SECRET_KEY)
 * @param prices               USD per million tokens by model name ({@code sintra.ai.prices.gpt-4o-mini.input=0.15});
 *                             a model not listed costs 0 and is shown as unpriced
 * @param usageFlushInterval   how often counted usage is written to the hourly table
 * @param connectionTimeout    testing a connection or listing models waits this long at most
 */
@ConfigurationProperties("sintra.ai")
public record AiProperties(@DefaultValue("") String baseUrl,
                           @DefaultValue("") String apiKey,
                           @DefaultValue("gpt-4o-mini") String model,
                           @DefaultValue("30s") Duration firstTokenTimeout,
                           @DefaultValue("30s") Duration idleTimeout,
                           @DefaultValue("500") int maxConcurrentCalls,
                           @DefaultValue("50") int requestsPerSecond,
                           @DefaultValue("50") int failureRateThreshold,
                           @DefaultValue("20s") Duration slowCallThreshold,
                           @DefaultValue("5") int minimumCalls,
                           @DefaultValue("30s") Duration openStateWait,
                           @DefaultValue("3") int retryAttempts,
                           @DefaultValue("500ms") Duration retryBackoff,
                           @DefaultValue("5m") Duration cacheTtl,
                           @DefaultValue("10000") long cacheSize,
                           @DefaultValue("") String secretKey,
                           Map<String, Price> prices,
                           @DefaultValue("5s") Duration usageFlushInterval,
                           @DefaultValue("5s") Duration connectionTimeout) {

    public AiProperties {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    /** USD per million tokens. */
    public record Price(BigDecimal input, BigDecimal output) {

        public Price {
            input = input == null ? BigDecimal.ZERO : input;
            output = output == null ? BigDecimal.ZERO : output;
        }
    }

    boolean providerConfigured() {
        return !baseUrl.isBlank();
    }
}
