package com.sintra.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;

/**
 * A feature's cache: this node's Caffeine cache, and under the {@code cluster} profile Redis behind it. A miss
 * in memory looks in Redis (waiting at most the command timeout); a value computed here is kept in both, in
 * Redis for {@code ttl}. Without the profile, or while Redis fails, it is the Caffeine cache alone. Keys name
 * what makes a value stale (a version, a model, a hash of the input), so a value is never overwritten with a
 * different one and an invalidation is a new key; other nodes drop the old keys from memory when told
 * ({@link SharedCaches#announce}). Made by {@link SharedCaches#twoLevel}.
 */
public final class TwoLevelCache<K, V> {

    private static final Logger log = LoggerFactory.getLogger(TwoLevelCache.class);

    private final Cache<K, V> local;
    private final String prefix;
    private final String feature;
    private final Duration ttl;
    private final Function<? super K, String> redisKey;
    private final CacheCodec<V> codec;
    private final ClusterMessaging cluster;

    TwoLevelCache(Cache<K, V> local, String name, Duration ttl, Function<? super K, String> redisKey, CacheCodec<V> codec,
                  ClusterMessaging cluster) {
        this.local = local;
        this.prefix = "sintra:cache:" + name + ":";
        this.feature = "the " + name + " cache serves";
        this.ttl = ttl;
        this.redisKey = redisKey;
        this.codec = codec;
        this.cluster = cluster;
    }

    /** The value, from memory, Redis, or {@code compute} (once per key at a time on this node), in that order. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        return local.get(key, k -> {
            V shared = fromRedis(k);
            if (shared != null) {
                return shared;
            }
            V computed = compute.apply(k);
            toRedis(k, computed);
            return computed;
        });
    }

    /** As {@link #get} for many keys: one Redis round trip for those not in memory, one {@code compute} for the rest. */
    public Map<K, V> getAll(Iterable<? extends K> keys, Function<Set<K>, Map<K, V>> compute) {
        return local.getAll(keys, missing -> {
            List<K> wanted = new ArrayList<>(missing);
            Map<K, V> found = new HashMap<>(fromRedis(wanted));
            Set<K> rest = new LinkedHashSet<>(wanted);
            rest.removeAll(found.keySet());
            if (!rest.isEmpty()) {
                Map<K, V> computed = compute.apply(rest);
                computed.forEach(this::toRedis);
                found.putAll(computed);
            }
            return found;
        });
    }

    /** The value in memory or Redis, if any (one from Redis is kept in memory too). */
    public V getIfPresent(K key) {
        V value = local.getIfPresent(key);
        if (value == null) {
            value = fromRedis(key);
            if (value != null) {
                local.put(key, value);
            }
        }
        return value;
    }

    public void put(K key, V value) {
        local.put(key, value);
        toRedis(key, value);
    }

    /** Drops from this node's memory the keys that match (in Redis they are never asked for again, and expire). */
    public void forgetLocally(Predicate<? super K> stale) {
        local.asMap().keySet().removeIf(stale);
    }

    /** This node's memory; for the observability module's figures (hits, misses, evictions, size). */
    public Cache<K, V> local() {
        return local;
    }

    /**
     * Empties this node's memory and deletes the cache's keys from Redis (SCAN and UNLINK in batches, each
     * command within the command timeout); returns how many keys went from Redis (0 on one node or without Redis).
     */
    long clearAll() {
        local.invalidateAll();
        if (cluster == null) {
            return 0;
        }
        long deleted = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs matching = ScanArgs.Builder.matches(prefix + "*").limit(500);
        do {
            ScanCursor from = cursor;
            KeyScanCursor<String> page = cluster.call(feature, redis -> redis.scan(from, matching)).orElse(null);
            if (page == null) {
                break;
            }
            if (!page.getKeys().isEmpty()) {
                String[] keys = page.getKeys().toArray(String[]::new);
                deleted += cluster.call(feature, redis -> redis.unlink(keys)).orElse(0L);
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }

    /** Values in this node's memory; for tests. */
    public long localSize() {
        local.cleanUp();
        return local.estimatedSize();
    }

    private V fromRedis(K key) {
        if (cluster == null) {
            return null;
        }
        return cluster.call(feature, redis -> redis.get(prefix + redisKey.apply(key))).map(this::decode).orElse(null);
    }

    private Map<K, V> fromRedis(List<K> keys) {
        if (cluster == null || keys.isEmpty()) {
            return Map.of();
        }
        String[] names = keys.stream().map(k -> prefix + redisKey.apply(k)).toArray(String[]::new);
        List<KeyValue<String, byte[]>> values = cluster.call(feature, redis -> redis.mget(names)).orElse(List.of());
        Map<K, V> found = new LinkedHashMap<>();
        for (int i = 0; i < values.size() && i < keys.size(); i++) {
            KeyValue<String, byte[]> value = values.get(i);
            V decoded = value.hasValue() ? decode(value.getValue()) : null;
            if (decoded != null) {
                found.put(keys.get(i), decoded);
            }
        }
        return found;
    }

    private void toRedis(K key, V value) {
        if (cluster == null || value == null) {
            return;
        }
        byte[] bytes;
        try {
            bytes = codec.encode(value);
        } catch (RuntimeException e) {
            log.warn("A value of {} could not be encoded for Redis: {}", prefix, e.toString());
            return;
        }
        cluster.send(feature, redis -> redis.set(prefix + redisKey.apply(key), bytes, SetArgs.Builder.px(ttl.toMillis())));
    }

    private V decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (RuntimeException e) {
            log.debug("An unreadable value in {} was taken for a miss: {}", prefix, e.toString());
            return null;
        }
    }
}
