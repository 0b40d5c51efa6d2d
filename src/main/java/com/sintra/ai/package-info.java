/**
 * The AI gateway: every call to a language model goes through {@link com.sintra.ai.AiGateway}, to the prompt's
 * provider (the environment's or one an admin added in {@link com.sintra.ai.AiProviders}: OpenAI-compatible or
 * Anthropic), each behind its own circuit breaker, rate limiter, bulkhead, timeouts and retries, with a fallback
 * while its circuit is open, a response cache and single flight for identical requests. Every call is counted
 * for its workspace and agent ({@link com.sintra.ai.AiUsageService}). Streams are reactive, so no thread waits on
 * a model.
 */
package com.sintra.ai;
