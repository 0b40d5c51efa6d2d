package com.sintra.collaboration;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PreDestroy;

/**
 * Relays collaboration events between nodes through Redis pub/sub: one channel per collaboration, all of a
 * node's channels on its one subscriber connection, and one more connection for publishing. A node subscribes to
 * a collaboration's channel while it has subscribers of it (docs/decisions/0018-collaboration-relay.md).
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

    private final String node = "node-" + UUID.randomUUID();
    private final String prefix;
    private final Duration retry;
    private final ObjectMapper json;
    private final ClientResources resources;
    private final RedisClient client;
    private final ScheduledExecutorService scheduler;
    /** The channels this node wants; guarded by this, as are the subscribe commands sent for them. */
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private volatile Receiver receiver;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, String> publisher;
    /** The subscriber connection was lost (or never made): whatever others published meanwhile is missed. */
    private volatile boolean missed;
    private volatile boolean closed;

    RedisRelay(CollaborationProperties properties, ObjectMapper json) {
        this.prefix = properties.redisChannelPrefix();
        this.retry = properties.redisRetry();
        this.json = json;
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), retry, 2, TimeUnit.MILLISECONDS)).build();
        RedisURI uri = RedisURI.create(properties.redisUrl());
        uri.setClientName("sintra-" + node);
        this.client = RedisClient.create(resources, uri);
        // Commands while disconnected fail at once: a publish queued during an outage would arrive late and
        // out of place, and subscribers are told to catch up from the database instead.
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && !closed) {
                    missed = true;
                    log.warn("Lost Redis: collaboration events of other nodes do not reach this node until it is back");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscriber && missed && !closed) {
                    scheduler.execute(RedisRelay.this::resubscribe);
                }
            }
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "collaboration-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start(Receiver receiver) {
        this.receiver = receiver;
        scheduler.execute(this::connect);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public void publish(CollaborationId id, FeedEvent event) {
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null) {
            return;
        }
        try {
            connection.async().publish(prefix + id, json.writeValueAsString(new Envelope(node, event)))
                    .exceptionally(failed -> {
                        log.debug("A collaboration event was not relayed: {}", failed.toString());
                        return 0L;
                    });
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("A collaboration event was not relayed: {}", e.toString());
        }
    }

    @Override
    public synchronized void follow(CollaborationId id) {
        String channel = prefix + id;
        wanted.add(channel);
        Optional.ofNullable(subscriber).ifPresent(connection -> connection.async().subscribe(channel));
    }

    @Override
    public synchronized void unfollow(CollaborationId id) {
        String channel = prefix + id;
        wanted.remove(channel);
        Optional.ofNullable(subscriber).ifPresent(connection -> connection.async().unsubscribe(channel));
    }

    @Override
    public int following() {
        return wanted.size();
    }

    /** Both connections are up; for tests and health. */
    boolean connected() {
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        StatefulRedisConnection<String, String> pub = publisher;
        return sub != null && pub != null && sub.isOpen() && pub.isOpen();
    }

    /** This node's name as its Redis connections carry it ({@code CLIENT LIST}). */
    String clientName() {
        return "sintra-" + node;
    }

    @PreDestroy
    void close() {
        closed = true;
        scheduler.shutdownNow();
        Optional.ofNullable(subscriber).ifPresent(StatefulRedisPubSubConnection::close);
        Optional.ofNullable(publisher).ifPresent(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // --- connecting --------------------------------------------------------------------------

    /** Lettuce reconnects a connection it once made by itself; the first one is tried until it is made. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            if (subscriber == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
                connection.addListener(new Messages());
                subscriber = connection;
            }
            if (publisher == null) {
                publisher = client.connect();
            }
            if (!wanted.isEmpty()) {
                // Subscribers came before the connection: what other nodes said before it is in the database.
                missed = true;
            }
            resubscribe();
        } catch (RuntimeException unreachable) {
            missed = true;
            log.warn("Redis is unreachable ({}): trying again in {}", unreachable.getMessage(), retry);
            scheduler.schedule(this::connect, retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Subscribes to every wanted channel again; if events may have been missed, subscribers catch up. */
    private void resubscribe() {
        synchronized (this) {
            if (!wanted.isEmpty()) {
                subscriber.async().subscribe(wanted.toArray(String[]::new));
            }
        }
        if (missed) {
            missed = false;
            log.info("Redis is back: collaboration feeds on this node catch up from the database");
            receiver.reconnected();
        }
    }

    private final class Messages extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String channel, String message) {
            Optional<CollaborationId> id = channel.startsWith(prefix)
                    ? CollaborationId.parse(channel.substring(prefix.length())) : Optional.empty();
            if (id.isEmpty()) {
                return;
            }
            try {
                Envelope envelope = json.readValue(message, Envelope.class);
                if (!node.equals(envelope.node())) {
                    receiver.received(id.get(), envelope.event());
                }
            } catch (JsonProcessingException | RuntimeException e) {
                log.warn("Dropped an unreadable collaboration event on {}: {}", channel, e.toString());
            }
        }

        /**
         * Lettuce subscribes again by itself after a reconnect, to what it knew: a channel given up while Redis
         * was away is given up again here.
         */
        @Override
        public void subscribed(String channel, long count) {
            synchronized (RedisRelay.this) {
                if (!wanted.contains(channel)) {
                    subscriber.async().unsubscribe(channel);
                }
            }
        }
    }
}
