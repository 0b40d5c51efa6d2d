package com.sintra.observability;

import java.time.Instant;
import java.util.List;

/**
 * An episode of memory pressure: the heap, after a collection, above {@code sintra.observability.heap-threshold}
 * of its maximum. {@code heapAfterBytes} is the heap used after the caches were shed and a collection ran (until
 * then it is the figure at the moment of shedding: the memory comes back only when the collector runs).
 */
public record MemoryEvent(Instant at, long heapBeforeBytes, long heapAfterBytes, long heapMaxBytes, List<String> shed) {
}
