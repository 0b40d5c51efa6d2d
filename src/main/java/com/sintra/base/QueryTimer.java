package com.sintra.base;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times a named hot query as the application runs it: a {@code sintra.db.query} timer tagged {@code query=<name>}.
 * Repositories wrap the JdbcClient call of their hottest statements (the ones the hot-query plan tests check), so
 * the dashboard shows what they cost in production, not only how they are planned. The names are fixed strings in
 * code, so the tag stays bounded. Here, in the shared kernel, because every feature's repository may use it and
 * the observability module, which reads the timers, depends on those features.
 */
@Component
public class QueryTimer {

    public static final String METER = "sintra.db.query";

    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public QueryTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Runs the query and records how long it took, failures included. */
    public <T> T time(String name, Supplier<T> query) {
        long start = System.nanoTime();
        try {
            return query.get();
        } finally {
            timer(name).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String name) {
        return timers.computeIfAbsent(name, n -> Timer.builder(METER).tag("query", n)
                .description("Time of a named hot query, from the call to its mapped result").register(meters));
    }
}
