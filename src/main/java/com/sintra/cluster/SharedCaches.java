package com.sintra.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where features make their caches that the nodes share ({@link TwoLevelCache}) and tell each other what went
 * stale. On one node a two-level cache is its Caffeine cache alone and an announcement reaches no one; under the
 * {@code cluster} profile Redis is the second level and announcements travel on the node's one subscriber
 * connection ({@link ClusterMessaging}), each feature on a channel of its own (docs/decisions/0023).
 */
@Component
public class SharedCaches {

    /** What a feature does with the other nodes' announcements. */
    public interface Invalidations {

        /** Another node's announcement (this node's own are not heard: it acted on them already). */
        void announced(String message);

        /** Announcements may have been lost (Redis was away): forget whatever they could have concerned. */
        void missed();
    }

    private static final String CHANNEL_PREFIX = "sintra:cache:";

    private final ClusterMessaging cluster;

    public SharedCaches(Optional<ClusterMessaging> cluster) {
        this.cluster = cluster.orElse(null);
    }

    /**
     * A cache of {@code local} in front of Redis, where values live for {@code ttl}, under keys
     * {@code sintra:cache:<name>:<redisKey>}.
     */
    public <K, V> TwoLevelCache<K, V> twoLevel(String name, Caffeine<Object, Object> local, Duration ttl,
                                               Function<? super K, String> redisKey, CacheCodec<V> codec) {
        return new TwoLevelCache<>(local.build(), name, ttl, redisKey, codec, cluster);
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
