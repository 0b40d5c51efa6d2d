package com.sintra.account;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.cluster.ClusterMessaging;

import jakarta.annotation.PreDestroy;

/**
 * Cluster profile: a user's sessions end on every node, not only the one that deactivated them or signed them
 * out elsewhere. Sessions stay in each node's memory (sticky at the balancer, docs/decisions/0022), so the
 * word travels instead: a message on one Redis channel, which every node listens to on its one subscriber
 * connection ({@link ClusterMessaging}, docs/decisions/0023).
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

    private final ClusterMessaging messaging;
    private final Consumer<UserId> endAll;
    private final ExecutorService work;

    @Autowired
    ClusterSessions(ClusterMessaging messaging, UserSessions sessions) {
        this(messaging, sessions::endAll, sessions::endInactive);
    }

    ClusterSessions(ClusterMessaging messaging, Consumer<UserId> endAll, Runnable endInactive) {
        this.messaging = messaging;
        this.endAll = endAll;
        this.work = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "cluster-sessions");
            thread.setDaemon(true);
            return thread;
        });
        // Lettuce subscribes again by itself; what was said meanwhile is looked up instead.
        messaging.whenReconnected(() -> work.execute(endInactive));
        messaging.listen(CHANNEL, this::received);
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
        if (!messaging.connected()) {
            log.warn("Redis unreachable: {}'s sessions on other nodes end when they reconnect (deactivation) or expire",
                    user.value());
            return;
        }
        messaging.publishCounted(CHANNEL, messaging.node() + " " + user.value()).thenAccept(heard -> {
            if (heard == 0) {
                log.warn("Could not tell other nodes to end {}'s sessions", user.value());
            }
        });
    }

    /** Connected: listening and able to publish. */
    boolean connected() {
        return messaging.connected();
    }

    private void received(String message) {
        int space = message.indexOf(' ');
        if (space < 0 || message.substring(0, space).equals(messaging.node())) {
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
        work.execute(() -> endAll.accept(user));
    }

    @PreDestroy
    void close() {
        messaging.unlisten(CHANNEL);
        work.shutdownNow();
    }
}
