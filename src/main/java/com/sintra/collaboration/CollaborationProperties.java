package com.sintra.collaboration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxMessageLength   characters a person's message may have
 * @param maxParticipants    people and agents together
 * @param maxAgentTurns      a new collaboration's agent turns per run
 * @param tokenBudget        a new collaboration's token budget
 * @param pageSize           messages per page of the feed
 * @param catchUpBatch       changes returned per catch-up call at most
 * @param deliveryInterval   a feed subscriber's steady pace: one delivery per interval, each carrying everything
 *                           new since the last (340 ms with a burst of 2: never more than 4 in any second, what
 *                           Vaadin advises for push at most; docs/decisions/0019)
 * @param deliveryBurst      deliveries that may come at once after a quiet spell, so that a message just behind
 *                           another is not held back a whole interval
 * @param deliveryThreads    threads that deliver to subscribers; a slow subscriber holds one of them, never the rest
 * @param maxPendingChanges  changes kept for a subscriber that has not taken its last delivery yet; beyond
 *                           them it is told to catch up from the database instead
 * @param typingTimeout      how long "is typing" shows after the last keystroke reported
 * @param presenceHeartbeat  how often a node tells the others who views its collaborations (cluster profile)
 * @param presenceExpiry     a node's viewers count until this long after its last word (it may have died)
 * @param redisChannelPrefix each collaboration's Redis channel is this prefix and its id (cluster profile; Redis is
 *                           {@code sintra.cluster.redis-url})
 * @param agentRuns          agents' runs going on at once on a node; more wait their turn
 * @param agentHistory       the latest messages an agent reads before it answers
 * @param eventHeartbeat     a comment line on each API event stream this often: within HAProxy's
 *                           {@code timeout server 60s} (docker/haproxy.cfg), and it notices clients gone away
 * @param abandonedAfter     cluster profile: an answer left streaming this long untouched by the node writing it
 *                           (which touches it every quarter of this) is stored interrupted by any node: its node died
 */
@ConfigurationProperties("sintra.collaboration")
public record CollaborationProperties(@DefaultValue("8000") int maxMessageLength,
                                      @DefaultValue("50") int maxParticipants,
                                      @DefaultValue("8") int maxAgentTurns,
                                      @DefaultValue("100000") int tokenBudget,
                                      @DefaultValue("50") int pageSize,
                                      @DefaultValue("500") int catchUpBatch,
                                      @DefaultValue("340ms") Duration deliveryInterval,
                                      @DefaultValue("2") int deliveryBurst,
                                      @DefaultValue("4") int deliveryThreads,
                                      @DefaultValue("1000") int maxPendingChanges,
                                      @DefaultValue("6s") Duration typingTimeout,
                                      @DefaultValue("15s") Duration presenceHeartbeat,
                                      @DefaultValue("45s") Duration presenceExpiry,
                                      @DefaultValue("sintra:collaboration:") String redisChannelPrefix,
                                      @DefaultValue("16") int agentRuns,
                                      @DefaultValue("20") int agentHistory,
                                      @DefaultValue("20s") Duration eventHeartbeat,
                                      @DefaultValue("2m") Duration abandonedAfter) {
}
