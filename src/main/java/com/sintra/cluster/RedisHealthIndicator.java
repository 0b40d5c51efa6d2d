package com.sintra.cluster;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The {@code redis} health component under the {@code cluster} profile, part of readiness: a PING on the node's
 * own command connection, waited for at most the commands' timeout. It opens no connection and, unlike a
 * feature's command, does not make the features leave Redis alone when it fails: a probe only reports.
 */
@Component
@Profile("cluster")
class RedisHealthIndicator implements HealthIndicator {

    private final ClusterMessaging redis;

    RedisHealthIndicator(ClusterMessaging redis) {
        this.redis = redis;
    }

    @Override
    public Health health() {
        StatefulRedisConnection<String, byte[]> connection = redis.commands().filter(StatefulRedisConnection::isOpen)
                .orElse(null);
        if (connection == null) {
            return Health.down().withDetail("node", redis.node()).withDetail("reason", "not connected").build();
        }
        long started = System.nanoTime();
        try {
            String pong = connection.async().ping().get(redis.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return Health.status("PONG".equals(pong) ? "UP" : "DOWN").withDetail("node", redis.node())
                    .withDetail("pingMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).withDetail("node", redis.node()).build();
        } catch (Exception e) {
            return Health.down().withDetail("node", redis.node()).withDetail("reason", e.toString()).build();
        }
    }
}
