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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;
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

/**
 * Every model call goes through here. A call goes to the prompt's provider (the default one when it names none),
 * or to that provider's fallback while its circuit is open (docs/decisions/0025). It is rate limited, then admitted by the bulkhead, then
 * guarded by the circuit breaker, and retried (429 and 5xx, honouring Retry-After) only while no token
 * has been sent on. Identical requests in flight share one upstream call and one stream; finished
 * answers may be cached under a key the caller gives (under the {@code cluster} profile shared by the nodes
 * through Redis: the key names the agent's version and the whole context, so an answer never goes stale and
 * is never invalidated, docs/decisions/0023). Every call's end is counted, with its tokens and cost, for the
 * workspace and agent it was made for (docs/decisions/0026). Streams are reactive: no thread waits on a model.
 */
@Component
public class AiGateway {

    private final LiveProviders providers;
    private final AiUsage usage;
    private final String fallbackModel;
    private final TwoLevelCache<String, ChatChunk> answers;
    private final ConcurrentMap<String, Flux<ChatChunk>> inFlight = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Counter upstreamCalls;
    private final Counter cacheHits;

    AiGateway(AiProperties properties, LiveProviders providers, AiUsage usage, MeterRegistry meters, SharedCaches caches,
              ObjectMapper json) {
        this.providers = providers;
        this.usage = usage;
        this.meters = meters;
        this.fallbackModel = properties.model();
        this.answers = caches.twoLevel("ai-answer", Caffeine.newBuilder().maximumSize(properties.cacheSize())
                        .expireAfterWrite(properties.cacheTtl()), properties.cacheTtl(), key -> key,
                CacheCodec.json(json, json.constructType(ChatChunk.class)));
        this.upstreamCalls = Counter.builder("sintra.ai.upstream.calls").description("Calls made to the model provider").register(meters);
        this.cacheHits = Counter.builder("sintra.ai.cache.hits").description("Answers served from the response cache").register(meters);
    }

    /** Whether the default provider, or one of its fallbacks, can be asked now. */
    boolean online() {
        return offlineReason().isEmpty();
    }

    /** Why no model can be asked now for calls to the default provider; empty while one can. */
    public Optional<String> offlineReason() {
        return offlineReason(null);
    }

    /**
     * Why no model can be asked now for calls to that provider (null: the default one), in words for the person
     * waiting; empty while it, or one of its fallbacks, can be asked.
     */
    public Optional<String> offlineReason(AiProviderId provider) {
        Optional<LiveProviders.Live> primary = providers.resolve(provider);
        if (primary.isEmpty()) {
            return Optional.of("no AI provider is configured");
        }
        if (providers.askable(primary.get()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(primary.get().provider().enabled()
                ? "the AI provider has been failing, so Sintra is not calling it for a while"
                : "the agent's AI provider is switched off");
    }

    /**
     * The prompt's model, or (when it names none) the provider's default, or Sintra's; a fallback answers with its
     * own default model, since the prompt's may be unknown to it.
     */
    private String model(ChatPrompt prompt, LiveProviders.Live primary, LiveProviders.Live asked) {
        String own = asked.provider().defaultModel();
        if (asked != primary && !own.isBlank()) {
            return own;
        }
        return !prompt.model().isBlank() ? prompt.model() : !own.isBlank() ? own : fallbackModel;
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
        Optional<LiveProviders.Live> primary = providers.resolve(prompt.provider());
        if (primary.isEmpty()) {
            return Flux.error(new AiUnavailableException(AiUnavailableException.Reason.NOT_CONFIGURED,
                    "No AI provider is configured", null));
        }
        Optional<ChatChunk> cached = cached(cacheKey);
        if (cached.isPresent()) {
            return Flux.just(cached.get());
        }
        // While the primary's circuit is open its fallback answers; with none, the primary's guards refuse.
        LiveProviders.Live asked = providers.askable(primary.get()).orElse(primary.get());
        String model = model(prompt, primary.get(), asked);
        String flight = requestKey(prompt, asked.name(), model);
        return Flux.defer(() -> inFlight.computeIfAbsent(flight, key -> shared(key, asked, model, prompt, cacheKey)));
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

    /** The default provider's circuit (tests put it in a state). */
    CircuitBreaker circuitBreaker() {
        return providers.defaultProvider().orElseThrow().guards().circuitBreaker();
    }

    /**
     * One upstream call whose tokens every subscriber receives (late ones get a replay). When the last
     * subscriber cancels, the upstream request is cancelled too.
     */
    private Flux<ChatChunk> shared(String key, LiveProviders.Live provider, String model, ChatPrompt prompt,
                                   String cacheKey) {
        StringBuilder text = new StringBuilder();
        AtomicReference<ChatChunk.Usage> reported = new AtomicReference<>();
        AtomicLong started = new AtomicLong();
        AtomicLong firstToken = new AtomicLong(-1);
        return protectedCall(provider, model, prompt)
                .doOnSubscribe(subscription -> started.set(System.nanoTime()))
                .doOnNext(chunk -> {
                    if (firstToken.get() < 0) {
                        firstToken.set(System.nanoTime() - started.get());
                    }
                    text.append(chunk.text());
                    if (chunk.usage() != null) {
                        reported.set(chunk.usage());
                    }
                })
                .doOnComplete(() -> {
                    if (cacheKey != null) {
                        answers.put(cacheKey, new ChatChunk(text.toString(), reported.get()));
                    }
                })
                .doFinally(signal -> {
                    inFlight.remove(key);
                    AiUsage.Outcome outcome = switch (signal) {
                        case ON_COMPLETE -> AiUsage.Outcome.COMPLETE;
                        case CANCEL -> AiUsage.Outcome.CANCELLED;
                        default -> AiUsage.Outcome.ERROR;
                    };
                    // Refused before any request was sent (circuit, limits): nothing was spent.
                    ChatChunk.Usage spent = reported.get() != null ? reported.get()
                            : firstToken.get() < 0 && outcome == AiUsage.Outcome.ERROR ? new ChatChunk.Usage(0, 0)
                            : ChatChunk.Usage.estimate(prompt, text.toString());
                    usage.record(provider.name(), model, prompt.attribution(), outcome, firstToken.get(),
                            System.nanoTime() - started.get(), spent);
                })
                .replay()
                .refCount(1);
    }

    private Flux<ChatChunk> protectedCall(LiveProviders.Live provider, String model, ChatPrompt prompt) {
        AiResilience.Guards guards = provider.guards();
        return Flux.defer(() -> attempt(provider.client(), model, prompt))
                .transformDeferred(RetryOperator.of(guards.retry()))
                .transformDeferred(CircuitBreakerOperator.of(guards.circuitBreaker()))
                .transformDeferred(BulkheadOperator.of(guards.bulkhead()))
                .transformDeferred(RateLimiterOperator.of(guards.rateLimiter()))
                .onErrorMap(e -> counted(provider, readable(e)));
    }

    /** Refusals by the provider's own guards (not the provider's failures), counted per provider and reason. */
    private Throwable counted(LiveProviders.Live provider, Throwable e) {
        if (e instanceof AiUnavailableException unavailable && unavailable.reason() != AiUnavailableException.Reason.UPSTREAM_FAILED
                && unavailable.reason() != AiUnavailableException.Reason.NOT_CONFIGURED) {
            Counter.builder("sintra.refusals").description("Requests refused by a limit of Sintra's own")
                    .tag("limit", "ai-" + unavailable.reason().name().toLowerCase().replace('_', '-'))
                    .tag("provider", provider.name()).register(meters).increment();
        }
        return e;
    }

    /** One attempt; an error after the first token is marked so it is not retried (tokens were sent on). */
    private Flux<ChatChunk> attempt(ModelClient client, String model, ChatPrompt prompt) {
        AtomicBoolean started = new AtomicBoolean();
        upstreamCalls.increment();
        return client.stream(prompt, model)
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

    /** Identical prompts, to the character, are the same request. */
    static String requestKey(ChatPrompt prompt, String provider, String model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(provider, model, prompt.systemPrompt(), prompt.userMessage(),
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
