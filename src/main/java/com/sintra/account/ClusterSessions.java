package com.sintra.account;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;

/**
 * Cluster profile: a user's sessions end on every node, not only the one that deactivated them or signed them
 * out elsewhere. Sessions stay in each node's memory (sticky at the balancer, docs/decisions/0022), so the
 * word travels instead: a message on one Redis channel, which every node follows on one connection.
 * <p>
 * Word sent while Redis is away is lost; a node whose subscription was cut therefore looks up, once back, which
 * of its signed-in users were deactivated meanwhile and ends their sessions (a sign-out elsewhere missed then
 * is not repeated: those sessions end at their expiry or at the user's next sign-out).
 */
@Component
@Profile("cluster")
class ClusterSessions {

    static final String CHANNEL = "sintra:account:sessions-ended";
    private static final Logger log = LoggerFactory.getLogger(ClusterSessions.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String node = "node-" + UUID.randomUUID();
    private final Consumer<UserId> endAll;
    private final Runnable endInactive;
    private final RedisClient client;
    private final ScheduledExecutorService retries;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile boolean missed;
    private volatile boolean closed;

    @Autowired
    ClusterSessions(AccountProperties properties, UserSessions sessions) {
        this(properties.redisUrl(), sessions::endAll, sessions::endInactive);
    }

    ClusterSessions(String redisUrl, Consumer<UserId> endAll, Runnable endInactive) {
        this.endAll = endAll;
        this.endInactive = endInactive;
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setClientName("sintra-sessions-" + node);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cluster-sessions");
            thread.setDaemon(true);
            return thread;
        });
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && !closed) {
                    missed = true;
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                // Lettuce subscribes again by itself; what was said meanwhile is looked up instead.
                if (connection == subscriber && missed && !closed) {
                    missed = false;
                    retries.execute(endInactive);
                }
            }
        });
        retries.execute(this::connect);
    }

    @TransactionalEventListener
    void on(UserDeactivated event) {
        publish(event.user());
    }

    @TransactionalEventListener
    void on(UserSignedOutElsewhere event) {
        // Elsewhere is every other node: the session kept, if any, is the caller's, on this node.
        publish(event.user());
    }

    void publish(UserId user) {
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null) {
            log.warn("Redis unreachable: {}'s sessions on other nodes end when they reconnect (deactivation) or expire",
                    user.value());
            return;
        }
        connection.async().publish(CHANNEL, node + " " + user.value()).exceptionally(failed -> {
            log.warn("Could not tell other nodes to end {}'s sessions: {}", user.value(), failed.toString());
            return null;
        });
    }

    /** Connected: subscribed and able to publish. */
    boolean connected() {
        return subscriber != null && subscriber.isOpen() && publisher != null && publisher.isOpen();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<String, String> listening = client.connectPubSub();
            listening.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received(message);
                }
            });
            subscriber = listening;
            listening.sync().subscribe(CHANNEL);
            publisher = client.connect();
            if (missed) {
                missed = false;
                endInactive.run();
            }
        } catch (RuntimeException unreachable) {
            missed = true;
            closeConnections();
            if (!closed) {
                retries.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void received(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(node)) {
            return;
        }
        UserId user;
        try {
            user = new UserId(UUID.fromString(message.substring(space + 1)));
        } catch (IllegalArgumentException malformed) {
            log.warn("Ignored a malformed message on {}: {}", CHANNEL, message);
            return;
        }
        // Off Lettuce's event loop: invalidating a session runs the container's and Vaadin's listeners.
        retries.execute(() -> endAll.accept(user));
    }

    private void closeConnections() {
        if (subscriber != null) {
            subscriber.closeAsync();
            subscriber = null;
        }
        if (publisher != null) {
            publisher.closeAsync();
            publisher = null;
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        retries.shutdownNow();
        closeConnections();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
