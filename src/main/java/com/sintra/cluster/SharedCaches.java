package com.sintra.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Where features make their caches that the nodes share ({@link TwoLevelCache}) and tell each other what went
 * stale. On one node a two-level cache is its Caffeine cache alone and an announcement reaches no one; under the
 * {@code cluster} profile Redis is the second level and announcements travel on the node's one subscriber
 * connection ({@link ClusterMessaging}), each feature on a channel of its own (docs/decisions/0023).
 * <p>
 * Every cache made here is also registered by name: its statistics are recorded and bound to Micrometer
 * ({@code cache.gets}, {@code cache.evictions}, {@code cache.size}, tagged {@code cache=<name>}), an administrator
 * can clear it on every node, and under memory pressure a node sheds its memory of them. They only save work:
 * dropping one costs time, never correctness (docs/decisions/0028-caches-registry-and-shedding.md).
 */
@Component
public class SharedCaches implements MeterBinder {

    /** A cache made here: a two-level one, or one kept in this node's memory only. */
    public record Registered(String name, boolean shared, Cache<?, ?> local) {
    }

    /** What a feature does with the other nodes' announcements. */
    public interface Invalidations {

        /** Another node's announcement (this node's own are not heard: it acted on them already). */
        void announced(String message);

        /** Announcements may have been lost (Redis was away): forget whatever they could have concerned. */
        void missed();
    }

    private static final String CHANNEL_PREFIX = "sintra:cache:";
    /** Announcements that a cache was cleared: the cache's name. */
    private static final String CLEARED = "cleared";

    private final ClusterMessaging cluster;
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();
    private final Map<String, TwoLevelCache<?, ?>> twoLevel = new ConcurrentHashMap<>();
    private volatile MeterRegistry meters;

    public SharedCaches(Optional<ClusterMessaging> cluster) {
        this.cluster = cluster.orElse(null);
        listen(CLEARED, new Invalidations() {
            @Override
            public void announced(String name) {
                Optional.ofNullable(registered.get(name)).ifPresent(cache -> cache.local().invalidateAll());
            }

            @Override
            public void missed() {
                // A lost "cleared" leaves values that are still correct (keys name what makes them stale).
            }
        });
    }

    /**
     * A cache of {@code local} in front of Redis, where values live for {@code ttl}, under keys
     * {@code sintra:cache:<name>:<redisKey>}.
     */
    public <K, V> TwoLevelCache<K, V> twoLevel(String name, Caffeine<Object, Object> local, Duration ttl,
                                               Function<? super K, String> redisKey, CacheCodec<V> codec) {
        TwoLevelCache<K, V> cache = new TwoLevelCache<>(local.recordStats().build(), name, ttl, redisKey, codec, cluster);
        twoLevel.put(name, cache);
        register(new Registered(name, true, cache.local()));
        return cache;
    }

    /** A cache in this node's memory only, registered as the two-level ones are (statistics, clearing, shedding). */
    public <K, V> Cache<K, V> local(String name, Caffeine<Object, Object> builder) {
        Cache<K, V> cache = builder.recordStats().build();
        register(new Registered(name, false, cache));
        return cache;
    }

    /** The caches made here, by name. */
    public List<Registered> registered() {
        return List.copyOf(new ArrayList<>(registered.values()));
    }

    /**
     * Clears the cache on every node: this node's memory and Redis (for a two-level cache) at once, the other
     * nodes' memory when they hear of it. Returns false for a name never registered.
     */
    public boolean clear(String name) {
        Registered cache = registered.get(name);
        if (cache == null) {
            return false;
        }
        TwoLevelCache<?, ?> shared = twoLevel.get(name);
        if (shared != null) {
            shared.clearAll();
        } else {
            cache.local().invalidateAll();
        }
        announce(CLEARED, name);
        return true;
    }

    /** Empties this node's memory of every cache made here (Redis is not this node's heap); returns their names. */
    public List<String> shedLocally() {
        List<String> shed = new ArrayList<>();
        registered.values().forEach(cache -> {
            cache.local().invalidateAll();
            shed.add(cache.name());
        });
        return shed;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters = registry;
        registered.values().forEach(cache -> CaffeineCacheMetrics.monitor(registry, cache.local(), cache.name()));
    }

    private void register(Registered cache) {
        // A name made again (a feature's test building its own) takes the place of the earlier one.
        registered.put(cache.name(), cache);
        MeterRegistry registry = meters;
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, cache.local(), cache.name());
        }
    }

    /** Tells the other nodes' listeners of this topic; never blocks, never throws. */
    public void announce(String topic, String message) {
        if (cluster != null) {
            cluster.publish(CHANNEL_PREFIX + topic, cluster.node() + " " + message);
        }
    }

    /** Listens to the other nodes' announcements of this topic; the listener must be quick (see {@link ClusterMessaging#listen}). */
    public void listen(String topic, Invalidations listener) {
        if (cluster == null) {
            return;
        }
        String own = cluster.node() + " ";
        cluster.listen(CHANNEL_PREFIX + topic, message -> {
            if (!message.startsWith(own)) {
                int space = message.indexOf(' ');
                listener.announced(space < 0 ? message : message.substring(space + 1));
            }
        });
        cluster.whenReconnected(listener::missed);
    }

    /** Whether these caches cross nodes (the cluster profile). */
    public boolean shared() {
        return cluster != null;
    }
}
