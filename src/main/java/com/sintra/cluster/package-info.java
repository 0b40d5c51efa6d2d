/**
 * Running several nodes (the {@code cluster} profile): each node's one way to Redis, shared by every feature
 * that crosses nodes. {@link com.sintra.cluster.ClusterMessaging} holds the node's only pub/sub subscriber
 * connection, with every feature's channels multiplexed on it, and one command connection, both named after the
 * node; {@link com.sintra.cluster.SharedCaches} makes a feature's cache two-level (Caffeine in front of Redis)
 * and carries its invalidations to the other nodes. What crosses nodes, and what to do with it, stays in the
 * features. Without the profile nothing here touches Redis (docs/decisions/0023-shared-redis-connections-and-two-level-caches.md).
 */
package com.sintra.cluster;
