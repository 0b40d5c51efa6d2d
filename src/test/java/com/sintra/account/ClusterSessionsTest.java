package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two nodes' {@link ClusterSessions} on a Redis of the test's own, which it stops and starts again. */
class ClusterSessionsTest {

    private final int port = freePort();
    private Process redis;
    private final List<ClusterSessions> nodes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        nodes.forEach(ClusterSessions::close);
        stopRedis();
    }

    @Test
    void a_user_whose_sessions_end_on_one_node_loses_them_on_the_others_and_the_first_does_not_end_them_twice()
            throws Exception {
        startRedis();
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
        startRedis();
        AtomicInteger lookups = new AtomicInteger();
        ClusterSessions a = node(user -> { }, lookups::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(a::connected);
        int before = lookups.get();

        stopRedis();
        await().atMost(Duration.ofSeconds(10)).until(() -> !a.connected());
        startRedis();

        await().atMost(Duration.ofSeconds(30)).until(() -> lookups.get() > before);
    }

    private ClusterSessions node(java.util.function.Consumer<UserId> endAll, Runnable endInactive) {
        ClusterSessions node = new ClusterSessions("redis://127.0.0.1:" + port, endAll, endInactive);
        nodes.add(node);
        return node;
    }

    private void startRedis() throws IOException {
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    private void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor();
            }
            redis = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
