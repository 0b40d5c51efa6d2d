package com.sintra.observability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.sintra.cluster.SharedCaches;

import jakarta.annotation.PreDestroy;

/**
 * Sheds the caches that only save work (those {@link SharedCaches} made) when the heap, as a collection left it,
 * is above {@code heap-threshold} of its maximum: once per episode, logged once, and recorded for the dashboard.
 * The JVM tells it at once through the old generation's collection-usage threshold; the sampler also asks every
 * few seconds ({@link #check}), which covers collectors whose pools have no such threshold. An episode ends when
 * the heap after a collection is back under the threshold less 5 points (so it does not flap at the line).
 */
@Component
class MemoryWatchdog {

    private static final Logger log = LoggerFactory.getLogger(MemoryWatchdog.class);
    private static final int EVENTS_KEPT = 100;
    private static final double HYSTERESIS = 0.05;

    private final SharedCaches caches;
    private final Deque<MemoryEvent> events = new ArrayDeque<>();
    private final NotificationListener notified = (notification, handback) -> {
        if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
            check();
        }
    };
    private volatile double threshold;
    private boolean inEpisode;
    /** The event whose "after" waits for the next collection's figure. */
    private MemoryEvent awaitingAfter;

    MemoryWatchdog(SharedCaches caches, ObservabilityProperties properties) {
        this.caches = caches;
        threshold(properties.heapThreshold());
        if (ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter) {
            emitter.addNotificationListener(notified, null, null);
        }
    }

    /** Sets the share (0..1) of the maximum heap above which caches are shed; tests lower it. */
    void threshold(double share) {
        this.threshold = share;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                long max = pool.getUsage().getMax();
                if (max > 0) {
                    pool.setCollectionUsageThreshold(Math.max(1, (long) (max * share)));
                }
            }
        }
    }

    /** Looks at the heap as the last collection left it; sheds once when an episode starts. */
    synchronized void check() {
        long used = heapAfterCollection();
        long max = heapMax();
        if (max <= 0) {
            return;
        }
        if (awaitingAfter != null) {
            events.remove(awaitingAfter);
            events.addFirst(new MemoryEvent(awaitingAfter.at(), awaitingAfter.heapBeforeBytes(), used,
                    awaitingAfter.heapMaxBytes(), awaitingAfter.shed()));
            awaitingAfter = null;
        }
        double share = (double) used / max;
        if (!inEpisode && share >= threshold) {
            inEpisode = true;
            List<String> shed = caches.shedLocally();
            long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            MemoryEvent event = new MemoryEvent(Instant.now(), used, after, max, shed);
            events.addFirst(event);
            while (events.size() > EVENTS_KEPT) {
                events.removeLast();
            }
            awaitingAfter = event;
            log.warn("Heap at {}% of its maximum after a collection (threshold {}%): shed the caches {}",
                    Math.round(share * 100), Math.round(threshold * 100), shed);
        } else if (inEpisode && share < threshold - HYSTERESIS) {
            inEpisode = false;
            log.info("Heap back at {}% of its maximum after a collection", Math.round(share * 100));
        }
    }

    /** Episodes of memory pressure, newest first. */
    synchronized List<MemoryEvent> events() {
        return new ArrayList<>(events);
    }

    /**
     * The heap used as the last collections left it: the pools' collection usage where the collector reports it
     * (what survives is what the application holds), the current usage of pools that report none.
     */
    static long heapAfterCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) {
                continue;
            }
            MemoryUsage afterGc = pool.isCollectionUsageThresholdSupported() ? pool.getCollectionUsage() : null;
            used += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
        }
        return used;
    }

    static long heapMax() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    @PreDestroy
    void close() {
        if (ManagementFactory.getMemoryMXBean() instanceof NotificationEmitter emitter) {
            try {
                emitter.removeNotificationListener(notified);
            } catch (javax.management.ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
