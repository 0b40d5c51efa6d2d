/**
 * Collaborations: live sessions where several people and several agents of a workspace work on one goal. Each
 * has one ordered stream in PostgreSQL, every change numbered from the collaboration's own counter in the
 * transaction that stores it; read markers give unread counts. Live feeds are kept per collaboration, reach its
 * participants only, coalesce to a few deliveries a second, and announce only what is committed; with several
 * nodes (the {@code cluster} profile) a Redis relay carries them between nodes, one subscriber connection per
 * node. A client that missed something (a reconnect, an outage between nodes) loads it from the database by
 * revision. Agents take part through runs ({@code AgentTurns}): a person's message starts one, the next
 * speaker is the one named with @ or the collaboration's mode's choice, each answer streams through the AI
 * gateway grounded in the agent's own knowledge, and a run ends at its turn cap, the token budget, a goal met,
 * a pause or a stop, saying why (docs/decisions/0020-agent-turns.md).
 */
package com.sintra.collaboration;
