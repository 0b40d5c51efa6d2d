package com.sintra.collaboration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.cluster.ClusterMessaging;

/**
 * Relays collaboration events between nodes through Redis pub/sub: one channel per collaboration, listened to
 * on the node's one subscriber connection ({@link ClusterMessaging}, shared with every feature that crosses
 * nodes) while this node has subscribers of it (docs/decisions/0018-collaboration-relay.md, 0023).
 * <p>
 * Redis going away costs the other nodes' events and nothing else: each node keeps serving its own subscribers,
 * publishing fails fast instead of queueing stale events, and when the subscriber connection is back the
 * node subscribes again and tells its subscribers to catch up from the database. A node that starts while
 * Redis is down keeps trying to reach it.
 */
@Component
@Profile("cluster")
class RedisRelay implements FeedRelay {

    private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);

    /** What travels on a channel: the event and the node it comes from (a node ignores its own). */
    record Envelope(String node, FeedEvent event) {
    }

    private final String prefix;
    private final ObjectMapper json;
    private final ClusterMessaging messaging;
    /** The collaborations this node follows. */
    private final Set<CollaborationId> followed = ConcurrentHashMap.newKeySet();
    private volatile Receiver receiver;

    RedisRelay(CollaborationProperties properties, ObjectMapper json, ClusterMessaging messaging) {
        this.prefix = properties.redisChannelPrefix();
        this.json = json;
        this.messaging = messaging;
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = receiver;
        messaging.whenReconnected(() -> {
            if (!followed.isEmpty()) {
                log.info("Redis is back: collaboration feeds on this node catch up from the database");
            }
            receiver.reconnected();
        });
    }

    @Override
    public String node() {
        return messaging.node();
    }

    @Override
    public void publish(CollaborationId id, FeedEvent event) {
        try {
            messaging.publish(prefix + id, json.writeValueAsString(new Envelope(node(), event)));
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("A collaboration event was not relayed: {}", e.toString());
        }
    }

    @Override
    public void follow(CollaborationId id) {
        followed.add(id);
        messaging.listen(prefix + id, message -> received(id, message));
    }

    @Override
    public void unfollow(CollaborationId id) {
        followed.remove(id);
        messaging.unlisten(prefix + id);
    }

    @Override
    public int following() {
        return followed.size();
    }

    /** This node's connections to Redis are up; for tests and health. */
    boolean connected() {
        return messaging.connected();
    }

    /** This node's name as its Redis connections carry it ({@code CLIENT LIST}). */
    String clientName() {
        return messaging.clientName();
    }

    private void received(CollaborationId id, String message) {
        try {
            Envelope envelope = json.readValue(message, Envelope.class);
            if (!node().equals(envelope.node()) && receiver != null) {
                receiver.received(id, envelope.event());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("Dropped an unreadable event of collaboration {}: {}", id, e.toString());
        }
    }
}
