package com.sintra.observability;

import java.time.Instant;

/**
 * One node's figures over one sampling window ({@code sintra.observability.sample-interval}, 5 s by default):
 * rates and percentiles count only what happened in that window; gauges are read at its end. A percentile is
 * null when nothing was measured in the window. Times in milliseconds, shares 0..1.
 *
 * @param node                   this node's name (under the cluster profile the Redis node id, else "local")
 * @param windowSeconds          the window's length
 * @param queryP95Millis         named hot queries ({@code sintra.db.query}), all names together
 * @param apiP95Millis           requests to /api/**
 * @param errorRate              share of HTTP requests answered 5xx
 * @param cacheHitRate           hits over requests of every cache, in the window (null when none was asked)
 * @param poolAcquireP95Millis   waiting for a database connection
 * @param gcPauseP95Millis       collector pauses
 * @param threads                live JVM threads
 * @param cpuUsage               this process's share of the machine's CPU (null when the JVM cannot tell)
 * @param pushConnections        live-feed subscribers (collaboration views and event streams) on this node
 * @param maxPushPerCollaboration subscribers of this node's busiest collaboration
 * @param bytesP95               bytes a page load transferred
 * @param viewRoundTripP95Millis server time of Vaadin round trips, all views together
 * @param samplerCpuMicros       CPU the sampler spent taking this snapshot
 */
public record VitalsSnapshot(Instant at, String node, double windowSeconds,
                             Double queryP95Millis, Double apiP95Millis,
                             Double httpP50Millis, Double httpP95Millis, Double httpP99Millis,
                             double errorRate, double requestsPerSecond, Double cacheHitRate,
                             int poolActive, int poolIdle, int poolPending, int poolMax, Double poolAcquireP95Millis,
                             long heapUsedBytes, long heapMaxBytes, Double gcPauseP95Millis, int threads, Double cpuUsage,
                             int vaadinSessions, int vaadinUis, int pushConnections, int maxPushPerCollaboration,
                             Double fcpP75Millis, Double fcpP95Millis, Double ttiP75Millis, Double ttiP95Millis,
                             Double bytesP95, Double viewRoundTripP95Millis, long samplerCpuMicros) {
}
