package com.sintra.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.cluster.CacheCodec;
import com.sintra.cluster.SharedCaches;
import com.sintra.cluster.TwoLevelCache;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Every model call goes through here. A call is rate limited, then admitted by the bulkhead, then
 * guarded by the circuit breaker, and retried (429 and 5xx, honouring Retry-After) only while no token
 * has been sent on. Identical requests in flight share one upstream call and one stream; finished
 * answers may be cached under a key the caller gives (under the {@code cluster} profile shared by the nodes
 * through Redis: the key names the agent's version and the whole context, so an answer never goes stale and
 * is never invalidated, docs/decisions/0023). Streams are reactive: no thread waits on a model.
 */
@Component
public class AiGateway {

    private final AiProperties properties;
    private final AiResilience resilience;
    private final OpenAiApi api;
    private final TwoLevelCache<String, ChatChunk> answers;
    private final ConcurrentMap<String, Flux<ChatChunk>> inFlight = new ConcurrentHashMap<>();
    private final Counter upstreamCalls;
    private final Counter cacheHits;

    AiGateway(AiProperties properties, AiResilience resilience, MeterRegistry meters, SharedCaches caches, ObjectMapper json) {
        this.properties = properties;
        this.resilience = resilience;
        this.api = properties.providerConfigured() ? api(properties) : null;
        this.answers = caches.twoLevel("ai-answer", Caffeine.newBuilder().maximumSize(properties.cacheSize())
                        .expireAfterWrite(properties.cacheTtl()), properties.cacheTtl(), key -> key,
                CacheCodec.json(json, json.constructType(ChatChunk.class)));
        this.upstreamCalls = Counter.builder("sintra.ai.upstream.calls").description("Calls made to the model provider").register(meters);
        this.cacheHits = Counter.builder("sintra.ai.cache.hits").description("Answers served from the response cache").register(meters);
    }

    /** Whether a model can be asked now: a provider is configured and its circuit is not open. */
    boolean online() {
        return api != null && resilience.circuitBreaker().getState() != CircuitBreaker.State.OPEN
                && resilience.circuitBreaker().getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /** Why no model can be asked now, in words for the person waiting; empty while {@link #online()}. */
    public Optional<String> offlineReason() {
        if (api == null) {
            return Optional.of("no AI provider is configured");
        }
        return online() ? Optional.empty()
                : Optional.of("the AI provider has been failing, so Sintra is not calling it for a while");
    }

    /** The answer cached under this key, if any; counts as a cache hit. */
    public Optional<ChatChunk> cached(String cacheKey) {
        ChatChunk cached = cacheKey == null ? null : answers.getIfPresent(cacheKey);
        if (cached == null) {
            return Optional.empty();
        }
        cacheHits.increment();
        return Optional.of(cached);
    }

    /**
     * Streams the answer to a prompt.
     *
     * @param cacheKey where a completed answer is cached and looked up; null for answers that must not be cached
     * @throws AiUnavailableException (as the stream's error) when the model cannot be asked
     */
    public Flux<ChatChunk> stream(ChatPrompt prompt, String cacheKey) {
        if (api == null) {
            return Flux.error(new AiUnavailableException(AiUnavailableException.Reason.NOT_CONFIGURED,
                    "No AI provider is configured", null));
        }
        Optional<ChatChunk> cached = cached(cacheKey);
        if (cached.isPresent()) {
            return Flux.just(cached.get());
        }
        String flight = requestKey(prompt);
        return Flux.defer(() -> inFlight.computeIfAbsent(flight, key -> shared(key, prompt, cacheKey)));
    }

    /**
     * The whole answer to a short prompt (choosing a speaker, writing a summary), waited for on the caller's
     * thread, which must not be a network event loop; never cached. Its usage is the provider's, or null when
     * the provider reported none.
     *
     * @throws AiUnavailableException when the model cannot be asked; a timeout's exception when it takes longer
     */
    public ChatChunk answer(ChatPrompt prompt, Duration timeout) {
        ChatChunk whole = stream(prompt, null)
                .reduce(new ChatChunk("", null), (sum, chunk) -> new ChatChunk(sum.text() + chunk.text(),
                        chunk.usage() != null ? chunk.usage() : sum.usage()))
                .block(timeout);
        return whole == null ? new ChatChunk("", null) : whole;
    }

    CircuitBreaker circuitBreaker() {
        return resilience.circuitBreaker();
    }

    /**
     * One upstream call whose tokens every subscriber receives (late ones get a replay). When the last
     * subscriber cancels, the upstream request is cancelled too.
     */
    private Flux<ChatChunk> shared(String key, ChatPrompt prompt, String cacheKey) {
        StringBuilder text = new StringBuilder();
        AtomicReference<ChatChunk.Usage> usage = new AtomicReference<>();
        return protectedCall(prompt)
                .doOnNext(chunk -> {
                    text.append(chunk.text());
                    if (chunk.usage() != null) {
                        usage.set(chunk.usage());
                    }
                })
                .doOnComplete(() -> {
                    if (cacheKey != null) {
                        answers.put(cacheKey, new ChatChunk(text.toString(), usage.get()));
                    }
                })
                .doFinally(signal -> inFlight.remove(key))
                .replay()
                .refCount(1);
    }

    private Flux<ChatChunk> protectedCall(ChatPrompt prompt) {
        return Flux.defer(() -> attempt(prompt))
                .transformDeferred(RetryOperator.of(resilience.retry()))
                .transformDeferred(CircuitBreakerOperator.of(resilience.circuitBreaker()))
                .transformDeferred(BulkheadOperator.of(resilience.bulkhead()))
                .transformDeferred(RateLimiterOperator.of(resilience.rateLimiter()))
                .onErrorMap(AiGateway::readable);
    }

    /** One attempt; an error after the first token is marked so it is not retried (tokens were sent on). */
    private Flux<ChatChunk> attempt(ChatPrompt prompt) {
        AtomicBoolean started = new AtomicBoolean();
        upstreamCalls.increment();
        return api.chatCompletionStream(OpenAiRequests.streaming(prompt))
                .timeout(Mono.delay(properties.firstTokenTimeout()), item -> Mono.delay(properties.idleTimeout()))
                .map(OpenAiRequests::chunk)
                .filter(chunk -> !chunk.text().isEmpty() || chunk.usage() != null)
                .doOnNext(chunk -> started.set(true))
                .onErrorMap(e -> started.get() ? new StreamInterruptedException(e) : e);
    }

    private static Throwable readable(Throwable e) {
        if (e instanceof AiUnavailableException) {
            return e;
        }
        if (e instanceof CallNotPermittedException) {
            return new AiUnavailableException(AiUnavailableException.Reason.CIRCUIT_OPEN,
                    "The AI provider is failing, so Sintra stopped calling it for a while", e);
        }
        if (e instanceof RequestNotPermitted) {
            return new AiUnavailableException(AiUnavailableException.Reason.RATE_LIMITED,
                    "Too many requests to the AI provider right now; try again in a moment", e);
        }
        if (e instanceof BulkheadFullException) {
            return new AiUnavailableException(AiUnavailableException.Reason.TOO_MANY_CALLS,
                    "Too many answers are being written right now; try again in a moment", e);
        }
        Throwable cause = e instanceof StreamInterruptedException ? e.getCause() : e;
        String detail = cause instanceof WebClientResponseException response
                ? "answered " + response.getStatusCode().value()
                : cause instanceof java.util.concurrent.TimeoutException ? "took too long" : "failed";
        return new AiUnavailableException(AiUnavailableException.Reason.UPSTREAM_FAILED, "The AI provider " + detail, e);
    }

    private static OpenAiApi api(AiProperties properties) {
        // Reactor Netty's shared pool holds 16 connections (2 x max(cores, 8)): streams beyond that would queue
        // behind slow answers. One connection per admitted call instead; the bulkhead caps them.
        ConnectionProvider connections = ConnectionProvider.builder("sintra-ai")
                .maxConnections(properties.maxConcurrentCalls())
                .pendingAcquireMaxCount(properties.maxConcurrentCalls())
                .maxIdleTime(Duration.ofSeconds(30)).build();
        WebClient.Builder webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)));
        return OpenAiApi.builder().baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey().isBlank() ? "none" : properties.apiKey())
                .webClientBuilder(webClient).build();
    }

    /** Identical prompts, to the character, are the same request. */
    static String requestKey(ChatPrompt prompt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(prompt.model(), prompt.systemPrompt(), prompt.userMessage(),
                    Double.toString(prompt.temperature()), Integer.toString(prompt.maxTokens()))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            for (ChatPrompt.Turn turn : prompt.history()) {
                digest.update((byte) (turn.fromUser() ? 1 : 2));
                digest.update(turn.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An upstream error after tokens were already streamed on: never retried, so nothing is sent twice. */
    static final class StreamInterruptedException extends RuntimeException {
        StreamInterruptedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
