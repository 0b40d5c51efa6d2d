package com.sintra.ai;

/**
 * One provider's circuit breaker as the dashboard shows it.
 *
 * @param state          CLOSED, OPEN, HALF_OPEN, FORCED_OPEN or DISABLED (Resilience4j's names)
 * @param failureRate    percentage of failed calls in the window; -1 until enough calls were made
 * @param slowCallRate   percentage of slow calls in the window; -1 until enough calls were made
 * @param notPermitted   calls refused while the circuit was open
 */
public record CircuitStatus(AiProviderId providerId, String provider, String state, float failureRate,
                            float slowCallRate, int bufferedCalls, int failedCalls, long notPermitted) {
}
