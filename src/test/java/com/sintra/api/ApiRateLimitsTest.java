package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sintra.OwnRedis;
import com.sintra.account.ApiKeyId;
import com.sintra.cluster.ClusterMessaging;
import com.sintra.cluster.ClusterProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** In memory on one node; with the cluster profile against the real Redis (a fresh key each test, so no clash). */
class ApiRateLimitsTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("SINTRA_REDIS_URL", "redis://localhost:6379");

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void a_key_makes_its_burst_at_once_then_is_told_how_long_until_the_next_token() {
        // 60 a minute: one token a second.
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 3, 1));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(key)).as("request %d of the burst", i + 1).isEmpty();
        }
        OptionalLong wait = limits.acquire(key);

        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).isBetween(500L, 1000L);
    }

    @Test
    void each_refusal_is_counted_for_the_dashboard_and_prometheus() {
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 1, 1));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        limits.bindTo(meters);
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        limits.acquire(key);
        limits.acquire(key);
        limits.acquire(key);

        assertThat(meters.get(ApiRateLimits.REFUSALS).tag("limit", "api-rate-limit").counter().count()).isEqualTo(2);
    }

    @Test
    void after_waiting_as_long_as_it_was_told_the_key_goes_on() throws InterruptedException {
        // 6,000 a minute: a token every 10 ms.
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(6000, 1, 1));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        assertThat(limits.acquire(key)).isEmpty();
        OptionalLong wait = limits.acquire(key);
        assertThat(wait).isPresent();

        Thread.sleep(wait.getAsLong());

        assertThat(limits.acquire(key)).isEmpty();
    }

    @Test
    void each_key_has_a_bucket_of_its_own() {
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 1, 1));
        ApiKeyId busy = new ApiKeyId(UUID.randomUUID());
        assertThat(limits.acquire(busy)).isEmpty();
        assertThat(limits.acquire(busy)).isPresent();

        assertThat(limits.acquire(new ApiKeyId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void under_the_cluster_profile_requests_split_across_two_nodes_draw_on_one_budget() {
        ApiProperties properties = new ApiProperties(60, 4, 1);
        ApiRateLimits a = new ApiRateLimits(properties, Optional.of(node(REDIS_URL)));
        ApiRateLimits b = new ApiRateLimits(properties, Optional.of(node(REDIS_URL)));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        assertThat(a.acquire(key)).isEmpty();
        assertThat(b.acquire(key)).isEmpty();
        assertThat(a.acquire(key)).isEmpty();
        assertThat(b.acquire(key)).isEmpty();

        assertThat(a.acquire(key)).as("the burst of 4 is spent, whichever node counted it").isPresent();
        assertThat(b.acquire(key)).isPresent();
        assertThat(b.acquire(new ApiKeyId(UUID.randomUUID()))).as("another key's budget").isEmpty();
    }

    @Test
    void when_redis_fails_each_node_counts_on_its_own_at_once_and_refuses_nothing_for_redis_sake() throws Exception {
        OwnRedis redis = OwnRedis.onFreePort();
        closing.add(redis);
        redis.start();
        ClusterMessaging node = node(redis.url());
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 3, 1), Optional.of(node));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(key)).isEmpty();
        }
        assertThat(limits.acquire(key)).as("the shared budget is spent").isPresent();

        redis.stop();
        long started = System.nanoTime();
        List<OptionalLong> during = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            during.add(limits.acquire(key));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(during.subList(0, 3)).as("this node's own bucket, full").allMatch(OptionalLong::isEmpty);
        assertThat(during.get(3)).as("and still limited").isPresent();
    }

    private ClusterMessaging node(String url) {
        ClusterMessaging node = new ClusterMessaging(ClusterProperties.of(url));
        closing.add(node);
        await().atMost(Duration.ofSeconds(10)).until(node::connected);
        return node;
    }
}
