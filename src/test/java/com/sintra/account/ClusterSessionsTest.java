package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sintra.OwnRedis;
import com.sintra.cluster.ClusterMessaging;
import com.sintra.cluster.ClusterProperties;

/** Two nodes' {@link ClusterSessions}, each on its node's {@link ClusterMessaging}, on a Redis of the test's own, which it stops and starts again. */
class ClusterSessionsTest {

    private final OwnRedis redis = OwnRedis.onFreePort();
    private final List<ClusterSessions> nodes = new CopyOnWriteArrayList<>();
    private final List<ClusterMessaging> messaging = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        nodes.forEach(ClusterSessions::close);
        messaging.forEach(ClusterMessaging::close);
        redis.stop();
    }

    @Test
    void a_user_whose_sessions_end_on_one_node_loses_them_on_the_others_and_the_first_does_not_end_them_twice()
            throws Exception {
        redis.start();
        List<UserId> endedOnA = new CopyOnWriteArrayList<>();
        List<UserId> endedOnB = new CopyOnWriteArrayList<>();
        ClusterSessions a = node(endedOnA::add, () -> { });
        ClusterSessions b = node(endedOnB::add, () -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> a.connected() && b.connected());
        UserId ana = new UserId(UUID.randomUUID());

        a.publish(ana);

        await().atMost(Duration.ofSeconds(5)).until(() -> endedOnB.contains(ana));
        Thread.sleep(200);
        assertThat(endedOnA).isEmpty();
        assertThat(endedOnB).containsExactly(ana);
    }

    @Test
    void a_node_cut_off_from_redis_looks_up_deactivated_users_once_it_is_back() throws Exception {
        redis.start();
        AtomicInteger lookups = new AtomicInteger();
        ClusterSessions a = node(user -> { }, lookups::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(a::connected);
        int before = lookups.get();

        redis.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.connected());
        redis.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> lookups.get() > before);
    }

    private ClusterSessions node(java.util.function.Consumer<UserId> endAll, Runnable endInactive) {
        ClusterMessaging own = new ClusterMessaging(ClusterProperties.of(redis.url()));
        messaging.add(own);
        ClusterSessions node = new ClusterSessions(own, endAll, endInactive);
        nodes.add(node);
        return node;
    }
}
