package com.sintra.ai;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;

/**
 * Counts every finished model call (completed, failed, cancelled): Micrometer meters tagged by provider and model
 * only (workspaces and agents are unbounded, docs/decisions/0026), and hourly sums per workspace, agent, provider
 * and model in {@code ai_usage}. The sums are kept in memory and upserted every few seconds on a thread of their
 * own, so a stream's event loop never waits on the database.
 */
@Component
class AiUsage {

    private static final Logger log = LoggerFactory.getLogger(AiUsage.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    enum Outcome { COMPLETE, ERROR, CANCELLED }

    /** One hour's sums for one workspace, agent, provider and model. */
    record Key(Instant hour, UUID workspaceId, UUID agentId, String provider, String model) {
    }

    static final class Sums {
        long calls;
        long promptTokens;
        long completionTokens;
        BigDecimal cost = BigDecimal.ZERO;
    }

    private final AiProperties properties;
    private final MeterRegistry meters;
    private final ObjectProvider<JdbcClient> jdbc;
    private Map<Key, Sums> pending = new HashMap<>();
    private final Object writing = new Object();
    private final ScheduledExecutorService flusher;

    AiUsage(AiProperties properties, MeterRegistry meters, ObjectProvider<JdbcClient> jdbc) {
        this.properties = properties;
        this.meters = meters;
        this.jdbc = jdbc;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sintra-ai-usage");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, properties.usageFlushInterval().toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** What the model's price table says these tokens cost, in USD; zero for a model it does not list. */
    BigDecimal cost(String model, ChatChunk.Usage usage) {
        AiProperties.Price price = properties.prices().get(model);
        if (price == null || usage == null) {
            return BigDecimal.ZERO;
        }
        return price.input().multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(price.output().multiply(BigDecimal.valueOf(usage.completionTokens())))
                .divide(MILLION, MathContext.DECIMAL64);
    }

    boolean priced(String model) {
        return properties.prices().containsKey(model);
    }

    /**
     * @param firstTokenNanos time to the first token; negative when none came
     * @param usage           the provider's, or an estimate when it reported none
     */
    void record(String provider, String model, ChatPrompt.Attribution attribution, Outcome outcome,
                long firstTokenNanos, long totalNanos, ChatChunk.Usage usage) {
        BigDecimal cost = cost(model, usage);
        Counter.builder("sintra.ai.calls").description("Model calls, by how they ended")
                .tag("provider", provider).tag("model", model).tag("outcome", outcome.name().toLowerCase())
                .register(meters).increment();
        if (firstTokenNanos >= 0) {
            latency(provider, model, "first_token").record(firstTokenNanos, TimeUnit.NANOSECONDS);
        }
        latency(provider, model, "total").record(totalNanos, TimeUnit.NANOSECONDS);
        tokens(provider, model, "prompt").increment(usage.promptTokens());
        tokens(provider, model, "completion").increment(usage.completionTokens());
        Counter.builder("sintra.ai.cost").description("What model calls cost, from the price table").baseUnit("usd")
                .tag("provider", provider).tag("model", model).tag("priced", Boolean.toString(priced(model)))
                .register(meters).increment(cost.doubleValue());
        Key key = new Key(Instant.now().truncatedTo(ChronoUnit.HOURS), attribution.workspaceId(), attribution.agentId(),
                provider, model);
        synchronized (this) {
            Sums sums = pending.computeIfAbsent(key, k -> new Sums());
            sums.calls++;
            sums.promptTokens += usage.promptTokens();
            sums.completionTokens += usage.completionTokens();
            sums.cost = sums.cost.add(cost);
        }
    }

    private Timer latency(String provider, String model, String phase) {
        return Timer.builder("sintra.ai.latency").description("Model calls' time to the first token and in total")
                .tag("provider", provider).tag("model", model).tag("phase", phase).register(meters);
    }

    private Counter tokens(String provider, String model, String kind) {
        return Counter.builder("sintra.ai.tokens").description("Tokens sent to and written by models")
                .tag("provider", provider).tag("model", model).tag("kind", kind).register(meters);
    }

    /**
     * Writes the sums counted so far; a failed write puts them back for the next one. Waits for a write under
     * way, so that when it returns, everything counted before it was called is stored.
     */
    void flush() {
        synchronized (writing) {
            write();
        }
    }

    private void write() {
        Map<Key, Sums> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new HashMap<>();
        }
        JdbcClient client = jdbc.getIfAvailable();
        if (client == null) {
            return;
        }
        try {
            List<Map.Entry<Key, Sums>> entries = new ArrayList<>(batch.entrySet());
            for (Map.Entry<Key, Sums> entry : entries) {
                Key key = entry.getKey();
                Sums sums = entry.getValue();
                client.sql("""
                                INSERT INTO ai_usage (hour, workspace_id, agent_id, provider, model, calls, prompt_tokens,
                                                      completion_tokens, cost)
                                VALUES (:hour, :workspace, :agent, :provider, :model, :calls, :prompt, :completion, :cost)
                                ON CONFLICT ON CONSTRAINT ai_usage_key DO UPDATE SET
                                    calls = ai_usage.calls + excluded.calls,
                                    prompt_tokens = ai_usage.prompt_tokens + excluded.prompt_tokens,
                                    completion_tokens = ai_usage.completion_tokens + excluded.completion_tokens,
                                    cost = ai_usage.cost + excluded.cost""")
                        .param("hour", Timestamp.from(key.hour())).param("workspace", key.workspaceId())
                        .param("agent", key.agentId()).param("provider", key.provider()).param("model", key.model())
                        .param("calls", sums.calls).param("prompt", sums.promptTokens)
                        .param("completion", sums.completionTokens).param("cost", sums.cost)
                        .update();
                batch.remove(key);
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                batch.forEach((key, sums) -> pending.merge(key, sums, (a, b) -> {
                    a.calls += b.calls;
                    a.promptTokens += b.promptTokens;
                    a.completionTokens += b.completionTokens;
                    a.cost = a.cost.add(b.cost);
                    return a;
                }));
            }
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("AI usage could not be written, will try again: {}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        flushQuietly();
    }
}
