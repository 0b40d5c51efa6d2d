package com.sintra.cluster;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.annotation.PreDestroy;

/**
 * The node's connections to Redis, for every feature that crosses nodes: one pub/sub subscriber connection, on
 * which every feature's channels are multiplexed (a channel is listened to while a feature wants it), and one
 * command connection (Lettuce multiplexes concurrent commands on it; it also publishes). Both carry the node's
 * name ({@code CLIENT LIST}: {@code name=sintra-node-<uuid>}), so a node has exactly two connections however
 * many collaborations, caches and limits use them (docs/decisions/0023).
 * <p>
 * Redis is never in the way of a request: a command waits at most {@code commandTimeout}, commands fail at once
 * while disconnected (a publish queued in an outage would arrive late and out of place), and after a failure
 * features leave Redis alone for {@code retry} and work on their own node; each feature says so once per outage.
 * Lettuce reconnects by itself (a node that starts without Redis keeps trying) and subscribes again; whatever
 * was published meanwhile is lost, so features hear {@link #whenReconnected} and catch up their own way.
 */
@Component
@Profile("cluster")
public class ClusterMessaging implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterMessaging.class);
    private static final RedisCodec<String, byte[]> COMMAND_CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String node = "node-" + UUID.randomUUID();
    private final ClusterProperties properties;
    private final ClientResources resources;
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESUBSCRIBE_DELAY = Duration.ofMillis(200);

    private final RedisClient client;
    /**
     * The subscriber's own client: its commands (SUBSCRIBE) must not expire as quickly as a cache read may. With
     * the commands' 250 ms, a node opening 500 event streams at once had two thirds of its SUBSCRIBEs expire
     * unsent and its viewers missed the other node's messages (the two-node benchmark).
     */
    private final RedisClient subscriberClient;
    private final java.util.concurrent.atomic.AtomicBoolean resubscribing = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService scheduler;
    /** The channels listened to, each with its one listener; changes and the subscribe commands under this. */
    private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();
    /** The features that said, in this outage, that they work without Redis. */
    private final Set<String> complained = ConcurrentHashMap.newKeySet();
    private volatile long leftAloneUntil = System.nanoTime();
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, byte[]> commands;
    /** The subscriber connection was lost (or not made at once): whatever was published meanwhile is missed. */
    private volatile boolean missed;
    private volatile boolean everConnected;
    private volatile boolean closed;

    public ClusterMessaging(ClusterProperties properties) {
        this.properties = properties;
        Duration retry = properties.retry();
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), retry, 2, TimeUnit.MILLISECONDS)).build();
        RedisURI uri = RedisURI.create(properties.redisUrl());
        uri.setClientName(clientName());
        // The handshake (HELLO, CLIENT SETNAME) of a node still warming up may take longer than a command may.
        uri.setTimeout(properties.retry().compareTo(properties.commandTimeout()) > 0 ? properties.retry()
                : properties.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout())).build());
        this.subscriberClient = RedisClient.create(resources, uri);
        subscriberClient.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(SUBSCRIBE_TIMEOUT)).build());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cluster-messaging");
            thread.setDaemon(true);
            return thread;
        });
        RedisConnectionStateListener states = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && !closed) {
                    missed = true;
                    log.warn("Lost Redis: other nodes' messages do not reach this node until it is back");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (closed) {
                    return;
                }
                if (connection == commands) {
                    back();
                }
                if (connection == subscriber && missed) {
                    scheduler.execute(ClusterMessaging.this::resubscribe);
                }
            }
        };
        client.addListener(states);
        subscriberClient.addListener(states);
        scheduler.execute(this::connect);
    }

    /** This node's name, unique among the nodes. */
    public String node() {
        return node;
    }

    /** The name both of this node's connections carry in {@code CLIENT LIST}. */
    public String clientName() {
        return "sintra-" + node;
    }

    /** Both connections are up. */
    public boolean connected() {
        StatefulRedisPubSubConnection<String, String> sub = subscriber;
        StatefulRedisConnection<String, byte[]> cmd = commands;
        return sub != null && cmd != null && sub.isOpen() && cmd.isOpen();
    }

    // --- pub/sub ---------------------------------------------------------------------------------

    /**
     * Listens to a channel on the node's one subscriber connection until {@link #unlisten}. The listener runs on
     * Lettuce's event loop: it must hand anything slow to a thread of its own. One listener per channel.
     */
    public synchronized void listen(String channel, Consumer<String> listener) {
        channels.put(channel, listener);
        Optional.ofNullable(subscriber).ifPresent(connection -> connection.async().subscribe(channel)
                .exceptionally(failed -> {
                    subscribeFailed(channel, failed);
                    return null;
                }));
    }

    public synchronized void unlisten(String channel) {
        if (channels.remove(channel) != null) {
            Optional.ofNullable(subscriber).ifPresent(connection -> connection.async().unsubscribe(channel));
        }
    }

    /**
     * A SUBSCRIBE that failed (expired, or the connection broke meanwhile) is sent again, with every channel,
     * and the features catch up: what the channel carried meanwhile was missed.
     */
    private void subscribeFailed(String channel, Throwable failed) {
        if (closed || !channels.containsKey(channel)) {
            return;
        }
        missed = true;
        if (resubscribing.compareAndSet(false, true)) {
            log.warn("Subscribing to {} failed ({}): subscribing again", channel, failed.toString());
            scheduler.schedule(() -> {
                resubscribing.set(false);
                resubscribe();
            }, RESUBSCRIBE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Channels listened to; for tests and metrics. */
    public int listening() {
        return channels.size();
    }

    /** Runs after the subscriber connection came back (or was made late): messages may have been missed. */
    public void whenReconnected(Runnable catchUp) {
        reconnected.add(catchUp);
    }

    /** Sends a message to the channel's listeners on every node (this one too); never blocks, never throws. */
    public void publish(String channel, String message) {
        publishCounted(channel, message);
    }

    /** As {@link #publish}, completing with the number of nodes that heard it (0 when it failed). */
    public CompletableFuture<Long> publishCounted(String channel, String message) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null) {
            return CompletableFuture.completedFuture(0L);
        }
        try {
            return connection.async().publish(channel, message.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                    .exceptionally(failed -> {
                        log.debug("A message on {} was not sent: {}", channel, failed.toString());
                        return 0L;
                    });
        } catch (RuntimeException e) {
            log.debug("A message on {} was not sent: {}", channel, e.toString());
            return CompletableFuture.completedFuture(0L);
        }
    }

    // --- commands --------------------------------------------------------------------------------

    /** Whether a feature should try Redis now: connected, and not within {@code retry} of a failed command. */
    public boolean usable() {
        StatefulRedisConnection<String, byte[]> connection = commands;
        return connection != null && connection.isOpen() && System.nanoTime() - leftAloneUntil >= 0;
    }

    /** How long a command may take before features go on without Redis. */
    public Duration commandTimeout() {
        return properties.commandTimeout();
    }

    /** The command connection (keys as text, values as bytes), once made; for libraries that take one. */
    public Optional<StatefulRedisConnection<String, byte[]>> commands() {
        return Optional.ofNullable(commands);
    }

    /**
     * Runs a command and waits for it at most {@code commandTimeout}; empty when Redis is not usable or the
     * command failed ({@link #failed}).
     */
    public <T> Optional<T> call(String feature, Function<RedisAsyncCommands<String, byte[]>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null || !usable()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(connection.async())
                    .get(properties.commandTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            failed(feature, e);
            return Optional.empty();
        }
    }

    /** Sends a command without waiting for it (a write nobody waits on); a failure is {@link #failed}. */
    public void send(String feature, Function<RedisAsyncCommands<String, byte[]>, RedisFuture<?>> command) {
        StatefulRedisConnection<String, byte[]> connection = commands;
        if (connection == null || !usable()) {
            return;
        }
        try {
            command.apply(connection.async()).exceptionally(e -> {
                failed(feature, e);
                return null;
            });
        } catch (RuntimeException e) {
            failed(feature, e);
        }
    }

    /**
     * A feature's Redis command failed: features leave Redis alone for {@code retry}, and the feature says once
     * per outage that it works on this node alone meanwhile ({@code feature} completes "… on this node alone",
     * as in "API rate limits hold").
     */
    public void failed(String feature, Throwable cause) {
        leftAloneUntil = System.nanoTime() + properties.retry().toNanos();
        if (complained.add(feature)) {
            log.warn("Redis failed ({}): {} on this node alone until it is back", cause.toString(), feature);
        }
    }

    /** Commands work again: the next outage is reported afresh. */
    private void back() {
        leftAloneUntil = System.nanoTime();
        if (!complained.isEmpty()) {
            complained.clear();
            log.info("Redis is back: shared caches, limits and messages cross the nodes again");
        }
    }

    @PreDestroy
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        Optional.ofNullable(subscriber).ifPresent(StatefulRedisPubSubConnection::close);
        Optional.ofNullable(commands).ifPresent(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        subscriberClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // --- connecting ------------------------------------------------------------------------------

    /** Lettuce reconnects a connection it once made by itself; the first ones are tried until they are made. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            if (subscriber == null) {
                StatefulRedisPubSubConnection<String, String> connection = subscriberClient.connectPubSub();
                connection.addListener(new Messages());
                subscriber = connection;
            }
            if (commands == null) {
                commands = client.connect(COMMAND_CODEC);
            }
            if (!channels.isEmpty()) {
                // Listeners came before the connection: what was published before it is missed.
                missed = true;
            }
            back();
            resubscribe();
            everConnected = true;
        } catch (RuntimeException unreachable) {
            missed = true;
            log.warn("Redis is unreachable ({}): trying again in {}", unreachable.getMessage(), properties.retry());
            scheduler.schedule(this::connect, properties.retry().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Subscribes to every channel listened to again; if messages may have been missed, features catch up. */
    private void resubscribe() {
        synchronized (this) {
            if (!channels.isEmpty()) {
                String[] all = channels.keySet().toArray(String[]::new);
                subscriber.async().subscribe(all).exceptionally(failed -> {
                    subscribeFailed(all[0], failed);
                    return null;
                });
            }
        }
        if (missed) {
            missed = false;
            if (everConnected) {
                log.info("Redis is back: features on this node catch up on what other nodes said meanwhile");
            }
            everConnected = true;
            for (Runnable catchUp : reconnected) {
                try {
                    catchUp.run();
                } catch (RuntimeException e) {
                    log.warn("Catching up after Redis's return failed", e);
                }
            }
        }
    }

    private final class Messages extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String channel, String message) {
            Consumer<String> listener = channels.get(channel);
            if (listener == null) {
                return;
            }
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("A message on {} could not be handled: {}", channel, e.toString());
            }
        }

        /**
         * Lettuce subscribes again by itself after a reconnect, to what it knew: a channel given up while Redis
         * was away is given up again here.
         */
        @Override
        public void subscribed(String channel, long count) {
            synchronized (ClusterMessaging.this) {
                if (!channels.containsKey(channel)) {
                    subscriber.async().unsubscribe(channel);
                }
            }
        }
    }
}
