package com.sintra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import com.sintra.OwnRedis;

class RedisHealthIndicatorTest {

    @Test
    void redis_is_up_while_the_command_connection_answers_and_down_within_the_timeout_when_redis_stops() throws Exception {
        try (OwnRedis redis = OwnRedis.onFreePort()) {
            redis.start();
            try (ClusterMessaging messaging = new ClusterMessaging(ClusterProperties.of(redis.url()))) {
                RedisHealthIndicator health = new RedisHealthIndicator(messaging);
                await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
                long clients = redis.clients().size();
                assertThat(health.health().getDetails()).containsKey("pingMillis");
                assertThat(redis.clients()).as("no connection of its own").hasSize((int) clients);

                redis.stop();
                long started = System.nanoTime();
                Health down = health.health();
                assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }
}
