package com.sintra.collaboration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of a collaboration's feed and what waits for it. Events are merged as they come; a delivery
 * takes all of them at once, at most one per interval and never two at a time, on a delivery thread: a slow
 * subscriber delays only its own next delivery, and its backlog is bounded (past the bound it is told to catch
 * up from the database instead).
 */
final class FeedSubscriber {

    private static final Logger log = LoggerFactory.getLogger(FeedSubscriber.class);

    private final Viewer viewer;
    private final Consumer<FeedUpdate> listener;
    private final ScheduledExecutorService deliveries;
    private final long intervalNanos;
    /** How far ahead of the steady pace a delivery may start: (burst − 1) intervals. */
    private final long toleranceNanos;
    private final int maxPending;

    // All below guarded by this.
    /** The highest revision delivered, or covered by a catch-up the subscriber was told to make. */
    private long delivered;
    private final TreeSet<Long> revisions = new TreeSet<>();
    /** By sequence: a message changed twice since the last delivery is delivered once, as it is now. */
    private final Map<Long, CollaborationMessage> messages = new LinkedHashMap<>();
    private final Map<Long, StreamedText> streamed = new LinkedHashMap<>();
    private CollaborationStatus status;
    private boolean participantsChanged;
    private List<Viewer> viewers;
    private List<Viewer> typing;
    private long catchUpAfter = -1;
    private boolean ending;
    private boolean closed;
    private boolean scheduled;
    private boolean inFlight;
    /** When the next delivery is due at the steady pace (the generic cell rate algorithm's theoretical arrival time). */
    private long dueAt;
    private boolean deliveredOnce;
    private ScheduledFuture<?> timer;

    FeedSubscriber(Viewer viewer, long afterRevision, Consumer<FeedUpdate> listener, ScheduledExecutorService deliveries,
                   long intervalNanos, int burst, int maxPending) {
        this.viewer = viewer;
        this.delivered = afterRevision;
        this.listener = listener;
        this.deliveries = deliveries;
        this.intervalNanos = intervalNanos;
        this.toleranceNanos = Math.max(0, burst - 1) * intervalNanos;
        this.maxPending = maxPending;
    }

    Viewer viewer() {
        return viewer;
    }

    synchronized void changed(CollaborationMessage message) {
        if (closed || message.revision() <= delivered || !revisions.add(message.revision())) {
            return;
        }
        CollaborationMessage pending = messages.get(message.sequence());
        if (pending == null || pending.revision() < message.revision()) {
            messages.put(message.sequence(), message);
        }
        if (!message.streaming()) {
            streamed.remove(message.sequence());
        }
        if (messages.size() > maxPending) {
            // Too far behind to hold it all: the database has it, in order.
            catchUp();
            delivered = revisions.last();
            revisions.clear();
            messages.clear();
        }
        schedule();
    }

    synchronized void streamed(StreamedText text) {
        if (closed) {
            return;
        }
        CollaborationMessage finished = messages.get(text.sequence());
        if (finished != null && !finished.streaming()) {
            return;
        }
        StreamedText pending = streamed.get(text.sequence());
        if (pending != null && pending.offset() + pending.text().length() == text.offset()) {
            streamed.put(text.sequence(), new StreamedText(text.sequence(), pending.offset(), pending.text() + text.text()));
        } else {
            streamed.put(text.sequence(), text);
        }
        schedule();
    }

    synchronized void status(CollaborationStatus changed) {
        status = changed;
        schedule();
    }

    synchronized void participantsChanged() {
        participantsChanged = true;
        schedule();
    }

    synchronized void viewers(List<Viewer> now) {
        viewers = now;
        schedule();
    }

    synchronized void typing(List<Viewer> now) {
        typing = now;
        schedule();
    }

    /** Whatever was missed is in the database after the revision delivered last. */
    synchronized void catchUp() {
        if (catchUpAfter < 0) {
            catchUpAfter = delivered;
        }
        schedule();
    }

    /** The feed ends: one last delivery says so, then nothing. */
    synchronized void end() {
        ending = true;
        schedule();
    }

    /** No more deliveries, not even one already due. */
    synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    private void schedule() {
        if (closed || scheduled || inFlight) {
            return;
        }
        // A steady pace of one delivery per interval, of which up to `burst` may come at once after a quiet spell:
        // a message arriving just after another is not held back a whole interval, a stream still gets the pace.
        long delay = deliveredOnce ? Math.max(0, dueAt - toleranceNanos - System.nanoTime()) : 0;
        scheduled = true;
        timer = deliveries.schedule(this::deliver, delay, TimeUnit.NANOSECONDS);
    }

    private void deliver() {
        FeedUpdate update;
        synchronized (this) {
            scheduled = false;
            if (closed) {
                return;
            }
            update = take();
            inFlight = true;
            long now = System.nanoTime();
            dueAt = (deliveredOnce ? Math.max(dueAt, now) : now) + intervalNanos;
            deliveredOnce = true;
        }
        try {
            listener.accept(update);
        } catch (RuntimeException e) {
            log.warn("A collaboration feed's subscriber failed on a delivery: {}", e.toString());
        } finally {
            synchronized (this) {
                inFlight = false;
                if (update.ended()) {
                    close();
                } else if (pending()) {
                    schedule();
                }
            }
        }
    }

    /** Everything pending, as one update; the revisions are checked for gaps on the way. */
    private FeedUpdate take() {
        long position = delivered;
        for (long revision : revisions) {
            if (revision > position + 1 && catchUpAfter < 0) {
                catchUpAfter = position;
            }
            position = revision;
        }
        delivered = Math.max(delivered, position);
        List<CollaborationMessage> changes = new ArrayList<>(messages.values());
        changes.sort(Comparator.comparingLong(CollaborationMessage::revision));
        FeedUpdate update = new FeedUpdate(changes, new ArrayList<>(streamed.values()), status, participantsChanged,
                viewers, typing, catchUpAfter, delivered, ending);
        revisions.clear();
        messages.clear();
        streamed.clear();
        status = null;
        participantsChanged = false;
        viewers = null;
        typing = null;
        catchUpAfter = -1;
        return update;
    }

    private boolean pending() {
        return !revisions.isEmpty() || !streamed.isEmpty() || status != null || participantsChanged || viewers != null
                || typing != null || catchUpAfter >= 0 || ending;
    }
}
