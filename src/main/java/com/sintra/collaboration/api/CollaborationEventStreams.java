package com.sintra.collaboration.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.sintra.account.CurrentUser;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationService;

/**
 * The API's open event streams on this node and their heartbeat timer. They end before the web server's
 * graceful shutdown (a higher lifecycle phase stops first): an open stream never ends by itself, so it would
 * hold the shutdown for its whole timeout, and its client reconnects with {@code Last-Event-ID} to another
 * node anyway.
 */
@Component
class CollaborationEventStreams implements SmartLifecycle {

    private final CollaborationService collaborations;
    private final CurrentUser currentUser;
    private final Set<CollaborationEventStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "collaboration-sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;

    CollaborationEventStreams(CollaborationService collaborations, CurrentUser currentUser) {
        this.collaborations = collaborations;
        this.currentUser = currentUser;
    }

    /** Follows the collaboration as the caller after {@code after}; refusals throw before the response starts. */
    SseEmitter open(CollaborationId id, long after) {
        CollaborationEventStream stream = new CollaborationEventStream(id, collaborations, currentUser.callerNow(), after,
                open::remove);
        open.add(stream);
        try {
            return stream.open(heartbeats, collaborations.settings().eventHeartbeat().toMillis());
        } catch (RuntimeException refused) {
            open.remove(stream);
            throw refused;
        }
    }

    /** Streams open on this node. */
    int size() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(CollaborationEventStream::end);
        heartbeats.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
