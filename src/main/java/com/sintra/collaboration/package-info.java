/**
 * Collaborations: live sessions where several people and several agents of a workspace work on one goal. Each
 * has one ordered stream in PostgreSQL, every change numbered from the collaboration's own counter in the
 * transaction that stores it; read markers give unread counts. Live feeds are kept per collaboration, reach its
 * participants only, coalesce to a few deliveries a second, and announce only what is committed; with several
 * nodes (the {@code cluster} profile) a Redis relay carries them between nodes, one subscriber connection per
 * node. A client that missed something (a reconnect, an outage between nodes) loads it from the database by
 * revision.
 */
package com.sintra.collaboration;
