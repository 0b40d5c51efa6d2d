package com.sintra.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param redisUrl       the Redis every node shares (SINTRA_REDIS_URL)
 * @param commandTimeout a Redis command that takes longer fails, and the feature goes on without Redis: a
 *                       request never waits long on it
 * @param retry          how often a node tries again to reach Redis while it cannot; after a failed command,
 *                       how long features leave Redis alone
 */
@ConfigurationProperties("sintra.cluster")
public record ClusterProperties(@DefaultValue("redis://localhost:6379") String redisUrl,
                                @DefaultValue("250ms") Duration commandTimeout,
                                @DefaultValue("2s") Duration retry) {

    /** For tests: this Redis, and quick retries. */
    public static ClusterProperties of(String redisUrl) {
        return new ClusterProperties(redisUrl, Duration.ofMillis(250), Duration.ofMillis(300));
    }
}
