package com.sintra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.OwnRedis;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Two nodes' caches in one test, each with its own {@link ClusterMessaging}, against the real Redis
 * (SINTRA_REDIS_URL); every test names its caches and topics afresh, so tests never share keys or channels.
 * The outage test runs a Redis of its own.
 */
class SharedCachesTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("SINTRA_REDIS_URL", "redis://localhost:6379");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name = "test-" + UUID.randomUUID();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    record Answer(String text, int tokens) {
    }

    @Test
    void a_value_computed_on_one_node_is_served_on_the_other_from_redis_without_computing_it_again() {
        TwoLevelCache<String, Answer> a = answers(new SharedCaches(Optional.of(node(REDIS_URL))));
        TwoLevelCache<String, Answer> b = answers(new SharedCaches(Optional.of(node(REDIS_URL))));
        AtomicInteger computed = new AtomicInteger();

        Answer onA = a.get("refunds", key -> new Answer("Five days, " + computed.incrementAndGet(), 42));
        awaitInRedis("refunds");
        Answer onB = b.get("refunds", key -> new Answer("Computed again, " + computed.incrementAndGet(), 0));

        assertThat(onB).isEqualTo(onA).isEqualTo(new Answer("Five days, 1", 42));
        assertThat(computed).hasValue(1);
        assertThat(b.getIfPresent("refunds")).isEqualTo(onA);
        assertThat(b.getIfPresent("unknown")).isNull();
    }

    @Test
    void embeddings_travel_as_four_bytes_a_float_and_a_batch_computes_only_what_no_node_has() {
        TwoLevelCache<String, float[]> a = vectors(new SharedCaches(Optional.of(node(REDIS_URL))));
        TwoLevelCache<String, float[]> b = vectors(new SharedCaches(Optional.of(node(REDIS_URL))));
        float[] vector = {0.25f, -1.5f, 3.0e-7f};
        a.put("one", vector);
        awaitInRedis("one");
        List<String> computed = new CopyOnWriteArrayList<>();

        Map<String, float[]> found = b.getAll(List.of("one", "two"), missing -> {
            Map<String, float[]> made = new LinkedHashMap<>();
            missing.forEach(key -> {
                computed.add(key);
                made.put(key, new float[] {9f});
            });
            return made;
        });

        assertThat(computed).containsExactly("two");
        assertThat(found.get("one")).containsExactly(vector);
        assertThat(withRedis(REDIS_URL, redis -> redis.sync().strlen(key("one"))).longValue()).isEqualTo(12);
    }

    @Test
    void redis_keeps_a_value_as_long_as_memory_does() {
        TwoLevelCache<String, Answer> a = answers(new SharedCaches(Optional.of(node(REDIS_URL))));
        a.put("ttl", new Answer("kept", 1));
        awaitInRedis("ttl");

        long ttl = withRedis(REDIS_URL, redis -> redis.sync().pttl(key("ttl")));

        assertThat(ttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
    }

    @Test
    void an_announcement_on_one_node_reaches_the_other_nodes_at_once_and_not_its_own() {
        SharedCaches a = new SharedCaches(Optional.of(node(REDIS_URL)));
        SharedCaches b = new SharedCaches(Optional.of(node(REDIS_URL)));
        List<String> heardOnA = new CopyOnWriteArrayList<>();
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        a.listen(name, listener(heardOnA, new AtomicInteger()));
        b.listen(name, listener(heardOnB, new AtomicInteger()));
        await().atMost(Duration.ofSeconds(5)).until(() -> numsub(REDIS_URL, "sintra:cache:" + name) == 2);

        long started = System.nanoTime();
        a.announce(name, "workspace-1 7");

        await().atMost(Duration.ofSeconds(2)).until(() -> heardOnB.contains("workspace-1 7"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(heardOnA).isEmpty();
    }

    @Test
    void without_redis_caches_work_on_their_node_at_once_and_when_it_returns_listeners_forget_what_they_may_have_missed()
            throws Exception {
        OwnRedis redis = OwnRedis.onFreePort();
        closing.add(redis);
        redis.start();
        ClusterMessaging node = node(redis.url());
        SharedCaches caches = new SharedCaches(Optional.of(node));
        TwoLevelCache<String, Answer> cache = answers(caches);
        AtomicInteger missed = new AtomicInteger();
        caches.listen(name, listener(new CopyOnWriteArrayList<>(), missed));
        int missedBefore = missed.get();

        redis.stop();
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertThat(cache.get("during " + n, key -> new Answer("local " + n, n)).text()).isEqualTo("local " + n);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no request waits on Redis")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(cache.getIfPresent("during 3")).isEqualTo(new Answer("local 3", 3));

        redis.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> missed.get() > missedBefore);
        await().atMost(Duration.ofSeconds(5)).until(node::usable);
        cache.put("after", new Answer("shared again", 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> withRedis(redis.url(), r -> r.sync().exists(key("after"))) == 1);
    }

    @Test
    void on_one_node_a_cache_is_its_memory_alone() {
        SharedCaches caches = new SharedCaches(Optional.empty());
        TwoLevelCache<String, Answer> cache = answers(caches);

        cache.put("alone", new Answer("here", 1));
        caches.announce(name, "to no one");

        assertThat(cache.getIfPresent("alone")).isEqualTo(new Answer("here", 1));
        assertThat(caches.shared()).isFalse();
        assertThat(withRedis(REDIS_URL, redis -> redis.sync().exists(key("alone"))).longValue()).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------

    @Test
    void clearing_a_cache_on_one_node_empties_redis_and_the_other_nodes_memory_and_shedding_stays_on_its_node() {
        SharedCaches onA = new SharedCaches(Optional.of(node(REDIS_URL)));
        SharedCaches onB = new SharedCaches(Optional.of(node(REDIS_URL)));
        TwoLevelCache<String, Answer> a = answers(onA);
        TwoLevelCache<String, Answer> b = answers(onB);
        await().atMost(Duration.ofSeconds(5)).until(() -> numsub(REDIS_URL, "sintra:cache:cleared") >= 2);
        a.put("refunds", new Answer("Five days", 42));
        awaitInRedis("refunds");
        assertThat(b.getIfPresent("refunds")).isNotNull();
        assertThat(onB.registered()).extracting(SharedCaches.Registered::name).containsExactly(name);

        assertThat(onA.clear(name)).isTrue();

        assertThat(a.localSize()).isZero();
        assertThat((long) withRedis(REDIS_URL, redis -> redis.sync().exists(key("refunds")))).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.localSize() == 0);
        assertThat(onA.clear("no-such-cache")).isFalse();

        a.put("again", new Answer("Still here", 1));
        b.put("again", new Answer("Still here", 1));
        assertThat(onA.shedLocally()).containsExactly(name);
        assertThat(a.localSize()).isZero();
        assertThat(b.localSize()).as("shedding is this node's own").isEqualTo(1);
    }

    private TwoLevelCache<String, Answer> answers(SharedCaches caches) {
        return caches.twoLevel(name, Caffeine.newBuilder().maximumSize(100), Duration.ofMinutes(5), key -> key,
                CacheCodec.json(JSON, JSON.constructType(Answer.class)));
    }

    private TwoLevelCache<String, float[]> vectors(SharedCaches caches) {
        return caches.twoLevel(name, Caffeine.newBuilder().maximumSize(100), Duration.ofMinutes(5), key -> key,
                CacheCodec.floats(values -> values, values -> values));
    }

    private static SharedCaches.Invalidations listener(List<String> heard, AtomicInteger missed) {
        return new SharedCaches.Invalidations() {
            @Override
            public void announced(String message) {
                heard.add(message);
            }

            @Override
            public void missed() {
                missed.incrementAndGet();
            }
        };
    }

    private ClusterMessaging node(String url) {
        ClusterMessaging node = new ClusterMessaging(ClusterProperties.of(url));
        closing.add(node);
        await().atMost(Duration.ofSeconds(10)).until(node::connected);
        return node;
    }

    private String key(String key) {
        return "sintra:cache:" + name + ":" + key;
    }

    private void awaitInRedis(String key) {
        await().atMost(Duration.ofSeconds(5)).until(() -> withRedis(REDIS_URL, redis -> redis.sync().exists(key(key))) == 1);
    }

    private static long numsub(String url, String channel) {
        return withRedis(url, redis -> redis.sync().pubsubNumsub(channel).values().iterator().next());
    }

    private static <T> T withRedis(String url, java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        return OwnRedis.at(url, action);
    }
}
