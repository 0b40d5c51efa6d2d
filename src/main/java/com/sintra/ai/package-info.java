/**
 * The AI gateway: every call to a language model goes through {@link com.sintra.ai.AiGateway}, behind a
 * circuit breaker, a rate limiter, a bulkhead, timeouts and retries, with a response cache and single
 * flight for identical requests. Streams are reactive, so no thread waits on a model.
 */
package com.sintra.ai;
