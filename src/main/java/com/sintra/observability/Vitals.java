package com.sintra.observability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.sintra.account.AuditLog;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.cluster.SharedCaches;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the dashboard reads, for administrators only: the node's vitals now and over the last hour, every node's
 * latest (cluster profile), the slowest requests, the caches (and clearing one, audited), and the episodes of
 * memory pressure. Figures come from the sampler's snapshots, so reading them costs nothing and every reader sees
 * the same window.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class Vitals {

    private final VitalsSampler sampler;
    private final SlowRequests slow;
    private final MemoryWatchdog watchdog;
    private final SharedCaches caches;
    private final MeterRegistry meters;
    private final AuditLog audit;

    Vitals(VitalsSampler sampler, SlowRequests slow, MemoryWatchdog watchdog, SharedCaches caches, MeterRegistry meters,
           AuditLog audit) {
        this.sampler = sampler;
        this.slow = slow;
        this.watchdog = watchdog;
        this.caches = caches;
        this.meters = meters;
        this.audit = audit;
    }

    /** This node's latest snapshot (at most one sampling window old). */
    @PreAuthorize("hasRole('ADMIN')")
    public VitalsSnapshot now() {
        return sampler.latest();
    }

    /**
     * Tells the listener of each new sample of this node, on the sampler's thread (hand the work on, as a view does
     * with {@code ui.access}), until the subscription is cancelled.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public Subscription onSample(Consumer<VitalsSnapshot> listener) {
        return sampler.onSample(listener);
    }

    /** This node's snapshots, oldest first: the last hour at the default interval. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<VitalsSnapshot> lastHour() {
        return sampler.kept();
    }

    /** Every node's latest snapshot by node name; on one node, this node's alone. */
    @PreAuthorize("hasRole('ADMIN')")
    public Map<String, VitalsSnapshot> nodes() {
        return sampler.nodes();
    }

    /** This node's latest slow requests and round trips, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<SlowRequest> slowRequests() {
        return slow.latest();
    }

    /** This node's episodes of memory pressure, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<MemoryEvent> memoryEvents() {
        return watchdog.events();
    }

    /**
     * Every cache on this node, by name: those that only save work (clearable, shed under memory pressure) and
     * the essential ones, limits and throttles (docs/decisions/0028), which are only shown.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public List<CacheFigures> caches() {
        List<CacheFigures> figures = new ArrayList<>();
        Set<String> registered = new LinkedHashSet<>();
        for (SharedCaches.Registered cache : caches.registered()) {
            registered.add(cache.name());
            CacheStats stats = cache.local().stats();
            figures.add(new CacheFigures(cache.name(), false, cache.shared(), cache.local().estimatedSize(),
                    stats.hitCount(), stats.missCount(), stats.evictionCount(), stats.hitRate()));
        }
        Set<String> essential = new LinkedHashSet<>();
        meters.find("cache.size").meters().forEach(meter -> essential.add(meter.getId().getTag("cache")));
        essential.removeAll(registered);
        essential.remove(null);
        for (String name : essential) {
            long hits = (long) counted(name, "hit");
            long misses = (long) counted(name, "miss");
            double evictions = meters.find("cache.evictions").tag("cache", name).functionCounters().stream()
                    .mapToDouble(FunctionCounter::count).sum();
            Gauge size = meters.find("cache.size").tag("cache", name).gauge();
            figures.add(new CacheFigures(name, true, false, size == null ? 0 : (long) size.value(), hits, misses,
                    (long) evictions, hits + misses == 0 ? 1.0 : (double) hits / (hits + misses)));
        }
        figures.sort(Comparator.comparing(CacheFigures::name));
        return figures;
    }

    /**
     * Clears a cache on every node (and its Redis level), audited as {@code cache_cleared}. Essential caches cannot
     * be cleared: forgetting a throttle or a limit is not a cache operation.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void clearCache(String name) {
        boolean known = caches.registered().stream().anyMatch(cache -> cache.name().equals(name));
        if (!known) {
            boolean essential = meters.find("cache.size").tag("cache", String.valueOf(name)).meter() != null;
            if (essential) {
                throw new InvalidInputException("name", "The " + name + " cache is a limit, not a cache of work: it is never cleared");
            }
            throw new NotFoundException("No cache named " + name);
        }
        caches.clear(name);
        audit.record("cache_cleared", "cache", name, null,
                Map.of("nodes", caches.shared() ? "every node and Redis" : "this node"));
    }

    private double counted(String cache, String result) {
        return meters.find("cache.gets").tag("cache", cache).tag("result", result).meters().stream()
                .filter(FunctionCounter.class::isInstance).map(FunctionCounter.class::cast)
                .mapToDouble(FunctionCounter::count).sum();
    }
}
