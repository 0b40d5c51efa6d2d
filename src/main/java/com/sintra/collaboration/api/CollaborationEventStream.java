package com.sintra.collaboration.api;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.sintra.base.Subscription;
import com.sintra.collaboration.Changes;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationMessage;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.FeedUpdate;
import com.sintra.collaboration.StreamedText;

/**
 * One client's stream of a collaboration's events. Stored changes go out in revision order, each once, with
 * the revision as the event id: a catch-up from the database comes first whenever the feed says something may
 * have been missed (the client resumed from an older revision, a gap, Redis was away), and a live change
 * already covered by it is skipped. A comment goes out between events so that balancers (HAProxy's
 * {@code timeout server 60s}) keep the connection, and so that a client gone away is noticed: the write fails
 * and the subscription is cancelled.
 */
final class CollaborationEventStream {

    private static final Logger log = LoggerFactory.getLogger(CollaborationEventStream.class);

    private final CollaborationId id;
    private final CollaborationService collaborations;
    private final SseEmitter emitter = new SseEmitter(0L);
    /** Runs catch-ups on the feed's delivery threads as the caller who opened the stream. */
    private final Executor asCaller;
    // Written on one delivery at a time (a feed never delivers two at once), read by the heartbeat.
    private volatile long sent;
    private volatile Subscription subscription;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile boolean closed;
    /** The people last sent as viewing: the feed repeats them when another node reports the same. */
    private List<CollaborationJson.Person> viewers;
    private final Consumer<CollaborationEventStream> onClose;

    CollaborationEventStream(CollaborationId id, CollaborationService collaborations, Executor asCaller, long after,
                             Consumer<CollaborationEventStream> onClose) {
        this.id = id;
        this.asCaller = asCaller;
        this.collaborations = collaborations;
        this.sent = after;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    /** Subscribes as the caller (refusals throw here, before the response starts) and starts the heartbeat. */
    SseEmitter open(ScheduledExecutorService timers, long heartbeatMillis) {
        subscription = collaborations.subscribe(id, sent, this::deliver);
        heartbeat = timers.scheduleWithFixedDelay(() -> send(SseEmitter.event().comment("")),
                heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        if (closed) {
            close();
        }
        return emitter;
    }

    private void deliver(FeedUpdate update) {
        if (update.needsCatchUp() && !catchUp(Math.min(update.catchUpAfter(), sent))) {
            return;
        }
        for (CollaborationMessage message : update.messages()) {
            message(message);
        }
        for (StreamedText text : update.streamed()) {
            send(SseEmitter.event().name("delta").data(CollaborationJson.Delta.of(text)));
        }
        if (update.status() != null) {
            send(SseEmitter.event().name("status").data(new CollaborationJson.Status(update.status())));
        }
        if (update.participantsChanged()) {
            send(SseEmitter.event().name("participants").data(""));
        }
        if (update.viewers() != null && !CollaborationJson.Person.of(update.viewers()).equals(viewers)) {
            viewers = CollaborationJson.Person.of(update.viewers());
            send(SseEmitter.event().name("presence").data(new CollaborationJson.People(viewers)));
        }
        if (update.typing() != null) {
            send(SseEmitter.event().name("typing").data(new CollaborationJson.People(CollaborationJson.Person.of(update.typing()))));
        }
        if (update.ended()) {
            send(SseEmitter.event().name("end").data("You no longer take part in this collaboration"));
            emitter.complete();
        }
    }

    /** Sends what changed after {@code after} from the database, batch by batch; false when the stream ended. */
    private boolean catchUp(long after) {
        boolean[] open = {false};
        asCaller.execute(() -> open[0] = catchUpAsCaller(after));
        return open[0];
    }

    private boolean catchUpAsCaller(long after) {
        try {
            long from = after;
            Changes changes;
            do {
                changes = collaborations.changesSince(id, from);
                changes.messages().forEach(this::message);
                from = changes.throughRevision();
            } while (changes.more() && !closed);
            return !closed;
        } catch (RuntimeException refused) {
            // Removed from it, or the account deactivated, since the stream started.
            log.debug("A collaboration's event stream ended on its catch-up: {}", refused.toString());
            send(SseEmitter.event().name("end").data("You no longer take part in this collaboration"));
            emitter.complete();
            return false;
        }
    }

    private void message(CollaborationMessage message) {
        if (message.revision() <= sent) {
            return;
        }
        if (send(SseEmitter.event().id(Long.toString(message.revision())).name("message")
                .data(CollaborationJson.Message.of(message)))) {
            sent = message.revision();
        }
    }

    private boolean send(SseEmitter.SseEventBuilder event) {
        if (closed) {
            return false;
        }
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException gone) {
            // The client went away (or the response is already complete): nothing more to send to it.
            close();
            emitter.completeWithError(gone);
            return false;
        }
    }

    /** This node stops: the response ends, and the client resumes elsewhere with its Last-Event-ID. */
    void end() {
        close();
        emitter.complete();
    }

    private void close() {
        closed = true;
        onClose.accept(this);
        Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        ScheduledFuture<?> timer = heartbeat;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
