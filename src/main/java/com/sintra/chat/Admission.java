package com.sintra.chat;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * At most so many questions prepared (embedded, grounded, stored) at once, first come first served. The
 * rest wait, parked: with virtual threads a thousand simultaneous questions would otherwise all hold a
 * place on two cores and queue for twenty database connections, and the last would time out. A fair
 * semaphore bulkhead of Resilience4j, exported as {@code resilience4j_bulkhead_*} meters tagged
 * {@code name=chat-questions} (docs/decisions/0016).
 */
final class Admission {

    static final String NAME = "chat-questions";

    private final Bulkhead bulkhead;
    private final Duration maxWait;
    /** Closing a turn only gives its permit back, so one turn serves all: entering allocates nothing. */
    private final Turn turn;
    private final Counter refusals;

    Admission(int concurrent, Duration maxWait, MeterRegistry meters) {
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(Math.max(1, concurrent))
                .maxWaitDuration(maxWait)
                .fairCallHandlingStrategyEnabled(true)
                // A refusal becomes a BusyException at once; its own stack trace would never be read.
                .writableStackTraceEnabled(false)
                .build());
        this.bulkhead = bulkheads.bulkhead(NAME);
        this.maxWait = maxWait;
        this.turn = bulkhead::onComplete;
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        this.refusals = Counter.builder("sintra.refusals").description("Requests refused by a limit of Sintra's own")
                .tag("limit", "chat-admission").tag("provider", "none").register(meters);
    }

    /** A turn, to be closed when done; a {@link BusyException} when none came within the wait. */
    Turn enter() {
        try {
            bulkhead.acquirePermission();
        } catch (BulkheadFullException | AcquirePermissionCancelledException refused) {
            // Cancelled means interrupted while waiting: the bulkhead has set the thread's flag again.
            refusals.increment();
            throw new BusyException(maxWait);
        }
        return turn;
    }

    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
