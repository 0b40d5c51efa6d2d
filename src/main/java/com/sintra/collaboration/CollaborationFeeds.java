package com.sintra.collaboration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.account.UserDeactivated;
import com.sintra.account.UserId;
import com.sintra.base.Subscription;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PreDestroy;

/**
 * The live feeds of collaborations on this node, keyed by collaboration id: an event of one collaboration
 * reaches the subscribers of that collaboration only, here and (through the {@link FeedRelay}) on every other
 * node. A collaboration is kept while it has subscribers and forgotten with its last. Subscribers are checked
 * by {@link CollaborationService#subscribe}, never here.
 * <p>
 * Stored changes are announced only once committed (the transactional listeners below): a subscriber never
 * sees what a rollback undid, and what it sees, it finds again in the database. Streamed text, presence and
 * typing are not stored and go out at once.
 * <p>
 * The text so far of each answer being written is kept here until the answer is finished (by the node writing
 * it, and by nodes that followed it from its start), so a subscriber that joins mid-answer is handed it first
 * and the answer goes on growing in its view instead of appearing only once stored; a node that starts following
 * a collaboration is sent the drafts the others hold (docs/decisions/0024-answer-drafts-in-the-feeds.md).
 */
@Component
class CollaborationFeeds implements FeedRelay.Receiver, MeterBinder {

    /** Expired typing and presence are swept this often. */
    private static final long SWEEP_MILLIS = 500;
    /**
     * A draft not extended for this long is forgotten: its answer ended without a finish reaching this node (a
     * stream pausing longer than the AI gateway's idle timeout fails anyway, and is finished as interrupted).
     */
    private static final long DRAFT_EXPIRY_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Map<CollaborationId, Room> rooms = new ConcurrentHashMap<>();
    /**
     * The answers being written, by collaboration and sequence. A collaboration's entry is changed only inside
     * {@code drafts.compute}, and so is its streamed text handed to subscribers: a new subscriber's draft and
     * the text that follows it never cross.
     */
    private final Map<CollaborationId, Map<Long, Draft>> drafts = new ConcurrentHashMap<>();
    private final FeedRelay relay;
    private final CollaborationProperties properties;
    private final ScheduledThreadPoolExecutor deliveries;

    CollaborationFeeds(CollaborationProperties properties, FeedRelay relay) {
        this.properties = properties;
        this.relay = relay;
        this.deliveries = new ScheduledThreadPoolExecutor(Math.max(1, properties.deliveryThreads()), daemonThreads());
        // A cancelled delivery (its subscriber left) must not wait in the queue until it would have been due.
        deliveries.setRemoveOnCancelPolicy(true);
        deliveries.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        long heartbeat = properties.presenceHeartbeat().toMillis();
        deliveries.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        relay.start(this);
    }

    /**
     * Delivers the collaboration's events to {@code listener} from now on, coalesced, starting after
     * {@code afterRevision}. The listener runs on a delivery thread and must not block for long (a Vaadin view
     * hands the update to {@code ui.access}, which does not wait). {@code latestRevision} is read once the
     * subscriber is registered: whatever was committed before (and so announced before it listened) is then
     * known, and the subscriber is told to catch up on it.
     */
    Subscription subscribe(CollaborationId id, Viewer viewer, long afterRevision, Consumer<FeedUpdate> listener,
                           LongSupplier latestRevision) {
        FeedSubscriber subscriber = new FeedSubscriber(viewer, afterRevision, listener, deliveries,
                properties.deliveryInterval().toNanos(), properties.deliveryBurst(), properties.maxPendingChanges());
        boolean[] first = {false};
        Room room = rooms.compute(id, (key, existing) -> {
            Room joined = existing;
            if (joined == null) {
                joined = new Room(key);
                relay.follow(key);
                first[0] = true;
            }
            joined.subscribers.add(subscriber);
            return joined;
        });
        synchronized (room) {
            subscriber.typing(room.typingNow());
            presenceChanged(room, first[0]);
            subscriber.viewers(room.viewersNow());
        }
        drafts.computeIfPresent(id, (key, answers) -> {
            answers.forEach((sequence, draft) -> subscriber.streamed(draft.text(sequence)));
            return answers;
        });
        if (latestRevision.getAsLong() > afterRevision) {
            subscriber.catchUp();
        }
        return () -> cancel(id, subscriber);
    }

    /** The most subscribers any one collaboration has on this node. */
    int mostSubscribers() {
        return rooms.values().stream().mapToInt(room -> room.subscribers.size()).max().orElse(0);
    }

    /** Totals only: a tag per collaboration would grow the meters without bound. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("sintra.collaboration.subscribers", this, CollaborationFeeds::subscribers)
                .description("Live-feed subscribers on this node, all collaborations").register(registry);
        Gauge.builder("sintra.collaboration.subscribers.max", this, CollaborationFeeds::mostSubscribers)
                .description("Live-feed subscribers of the busiest collaboration on this node").register(registry);
    }

    /** Hands the event to this node's subscribers of the collaboration and to the other nodes. */
    void publish(CollaborationId id, FeedEvent event) {
        deliver(id, event);
        relay.publish(id, event);
    }

    @Override
    public void received(CollaborationId id, FeedEvent event) {
        deliver(id, event);
    }

    @Override
    public void reconnected() {
        for (Room room : rooms.values()) {
            room.subscribers.forEach(FeedSubscriber::catchUp);
            synchronized (room) {
                relay.publish(room.id, new FeedEvent.Presence(relay.node(), room.localViewers(), true));
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CollaborationMessageAdded event) {
        publish(event.message().collaborationId(), new FeedEvent.Changed(event.message()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CollaborationAnswerFinished event) {
        publish(event.message().collaborationId(), new FeedEvent.Changed(event.message()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CollaborationStatusChanged event) {
        publish(event.id(), new FeedEvent.StatusChanged(event.status()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CollaborationParticipantsChanged event) {
        publish(event.id(), new FeedEvent.ParticipantsChanged(event.removedUsers()));
    }

    /** A deactivated user's feeds on this node end with their sessions. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(UserDeactivated event) {
        for (Room room : rooms.values()) {
            end(room, List.of(event.user()));
        }
    }

    /** Collaborations with subscribers on this node. */
    int rooms() {
        return rooms.size();
    }

    /** Subscribers on this node, of all collaborations. */
    int subscribers() {
        return rooms.values().stream().mapToInt(room -> room.subscribers.size()).sum();
    }

    /** Deliveries and timers waiting to run. */
    int queued() {
        return deliveries.getQueue().size();
    }

    @PreDestroy
    void close() {
        deliveries.shutdownNow();
    }

    // --- delivery ----------------------------------------------------------------------------

    private void deliver(CollaborationId id, FeedEvent event) {
        if (event instanceof FeedEvent.Streamed streamed) {
            // Kept even while no one here views the collaboration: someone may open it before the answer is finished.
            streamed(id, streamed.text());
            return;
        }
        if (event instanceof FeedEvent.Changed changed && !changed.message().streaming()) {
            finished(id, changed.message().sequence());
        }
        Room room = rooms.get(id);
        if (room == null) {
            return;
        }
        // Java 17: no pattern matching in switch yet.
        if (event instanceof FeedEvent.Changed changed) {
            room.subscribers.forEach(s -> s.changed(changed.message()));
            UserId author = changed.message().authorUser();
            if (author != null) {
                synchronized (room) {
                    if (room.typing.remove(author) != null) {
                        typingChanged(room);
                    }
                }
            }
        } else if (event instanceof FeedEvent.StatusChanged status) {
            room.subscribers.forEach(s -> s.status(status.status()));
        } else if (event instanceof FeedEvent.ParticipantsChanged participants) {
            end(room, participants.removed());
            room.subscribers.forEach(FeedSubscriber::participantsChanged);
        } else if (event instanceof FeedEvent.Presence presence) {
            remotePresence(room, presence);
        } else if (event instanceof FeedEvent.Typing typing) {
            synchronized (room) {
                if (typing.millis() > 0) {
                    room.typing.put(typing.viewer().user(),
                            new TypingUntil(typing.viewer(), System.nanoTime() + typing.millis() * 1_000_000));
                } else {
                    room.typing.remove(typing.viewer().user());
                }
                typingChanged(room);
            }
        }
    }

    /** The users' feeds of the room end: a last delivery says so, and they leave. */
    private void end(Room room, Collection<UserId> users) {
        for (FeedSubscriber subscriber : room.subscribers) {
            if (users.contains(subscriber.viewer().user())) {
                subscriber.end();
                leave(room.id, subscriber);
            }
        }
    }

    private void cancel(CollaborationId id, FeedSubscriber subscriber) {
        leave(id, subscriber);
        subscriber.close();
    }

    private void leave(CollaborationId id, FeedSubscriber subscriber) {
        boolean[] last = {false};
        Room room = rooms.computeIfPresent(id, (key, existing) -> {
            if (!existing.subscribers.remove(subscriber)) {
                return existing;
            }
            if (existing.subscribers.isEmpty()) {
                relay.unfollow(key);
                last[0] = true;
                return null;
            }
            return existing;
        });
        if (last[0]) {
            // The others drop this node's viewers at once instead of when they expire.
            relay.publish(id, new FeedEvent.Presence(relay.node(), List.of(), false));
        } else if (room != null) {
            synchronized (room) {
                presenceChanged(room, false);
            }
        }
    }

    // --- drafts of answers being written -----------------------------------------------------

    /** Extends the answer's draft (text it has already is skipped) and hands the text to the subscribers. */
    private void streamed(CollaborationId id, StreamedText text) {
        drafts.compute(id, (key, existing) -> {
            Map<Long, Draft> answers = existing == null ? new ConcurrentHashMap<>() : existing;
            Draft draft = answers.get(text.sequence());
            if (draft == null && text.offset() == 0) {
                answers.put(text.sequence(), new Draft(text.text()));
            } else if (draft != null) {
                draft.extend(text);
            }
            Room room = rooms.get(key);
            if (room != null) {
                room.subscribers.forEach(s -> s.streamed(text));
            }
            return answers.isEmpty() ? null : answers;
        });
    }

    private void finished(CollaborationId id, long sequence) {
        drafts.computeIfPresent(id, (key, answers) -> {
            answers.remove(sequence);
            return answers.isEmpty() ? null : answers;
        });
    }

    /** Sends the drafts held here to the other nodes, one of which has just started following the collaboration. */
    private void shareDrafts(CollaborationId id) {
        drafts.computeIfPresent(id, (key, answers) -> {
            answers.forEach((sequence, draft) -> relay.publish(key, new FeedEvent.Streamed(draft.text(sequence))));
            return answers;
        });
    }

    /** Answers being written, on this node; for tests. */
    int drafts() {
        return drafts.values().stream().mapToInt(Map::size).sum();
    }

    // --- presence and typing -----------------------------------------------------------------

    /** Tells the other nodes this node's viewers when they changed (or when asked), and the room's subscribers. */
    private void presenceChanged(Room room, boolean askOthers) {
        List<Viewer> local = room.localViewers();
        if (askOthers || !local.equals(room.lastLocal)) {
            room.lastLocal = local;
            relay.publish(room.id, new FeedEvent.Presence(relay.node(), local, askOthers));
        }
        viewersChanged(room);
    }

    private void remotePresence(Room room, FeedEvent.Presence presence) {
        if (presence.node().equals(relay.node())) {
            return;
        }
        synchronized (room) {
            if (presence.viewers().isEmpty()) {
                room.remote.remove(presence.node());
            } else {
                room.remote.put(presence.node(), new NodeViewers(presence.viewers(),
                        System.nanoTime() + properties.presenceExpiry().toNanos()));
            }
            if (presence.reply()) {
                relay.publish(room.id, new FeedEvent.Presence(relay.node(), room.localViewers(), false));
                shareDrafts(room.id);
            }
            viewersChanged(room);
        }
    }

    /** Holding the room's lock. */
    private static void viewersChanged(Room room) {
        List<Viewer> now = room.viewersNow();
        if (!now.equals(room.lastViewers)) {
            room.lastViewers = now;
            room.subscribers.forEach(s -> s.viewers(now));
        }
    }

    /** Holding the room's lock. */
    private static void typingChanged(Room room) {
        List<Viewer> now = room.typingNow();
        room.subscribers.forEach(s -> s.typing(now));
    }

    private void sweep() {
        long now = System.nanoTime();
        for (CollaborationId id : drafts.keySet()) {
            drafts.computeIfPresent(id, (key, answers) -> {
                answers.values().removeIf(draft -> draft.extendedAt() - now + DRAFT_EXPIRY_NANOS <= 0);
                return answers.isEmpty() ? null : answers;
            });
        }
        for (Room room : rooms.values()) {
            synchronized (room) {
                if (room.typing.values().removeIf(t -> t.expiresAt() - now <= 0)) {
                    typingChanged(room);
                }
                if (room.remote.values().removeIf(v -> v.expiresAt() - now <= 0)) {
                    viewersChanged(room);
                }
            }
        }
    }

    private void heartbeat() {
        for (Room room : rooms.values()) {
            synchronized (room) {
                relay.publish(room.id, new FeedEvent.Presence(relay.node(), room.localViewers(), false));
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "collaboration-feed-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record TypingUntil(Viewer viewer, long expiresAt) {
    }

    /** The text of an answer so far; changed only inside {@code drafts.compute} for its collaboration. */
    private static final class Draft {

        private final StringBuilder text;
        private long extendedAt = System.nanoTime();

        Draft(String start) {
            text = new StringBuilder(start);
        }

        /** Takes what continues the text; text it has is skipped, and text after a gap cannot be placed. */
        void extend(StreamedText more) {
            int have = text.length();
            if (more.offset() <= have && more.offset() + more.text().length() > have) {
                text.append(more.text(), have - more.offset(), more.text().length());
                extendedAt = System.nanoTime();
            }
        }

        long extendedAt() {
            return extendedAt;
        }

        StreamedText text(long sequence) {
            return new StreamedText(sequence, 0, text.toString());
        }
    }

    private record NodeViewers(List<Viewer> viewers, long expiresAt) {
    }

    /** One collaboration's subscribers on this node, and who views or writes in it on any node. */
    private static final class Room {

        final CollaborationId id;
        // Copied on write: delivering iterates it far more often than people come and go.
        final Set<FeedSubscriber> subscribers = new CopyOnWriteArraySet<>();
        // Guarded by the room's lock.
        final Map<String, NodeViewers> remote = new LinkedHashMap<>();
        final Map<UserId, TypingUntil> typing = new LinkedHashMap<>();
        List<Viewer> lastLocal = List.of();
        List<Viewer> lastViewers = List.of();

        Room(CollaborationId id) {
            this.id = id;
        }

        /** This node's viewers, each person once (two tabs are one viewer), in the order they came. */
        List<Viewer> localViewers() {
            Map<UserId, Viewer> distinct = new LinkedHashMap<>();
            subscribers.forEach(s -> distinct.putIfAbsent(s.viewer().user(), s.viewer()));
            return List.copyOf(distinct.values());
        }

        List<Viewer> viewersNow() {
            Map<UserId, Viewer> distinct = new LinkedHashMap<>();
            localViewers().forEach(v -> distinct.putIfAbsent(v.user(), v));
            remote.values().forEach(node -> node.viewers().forEach(v -> distinct.putIfAbsent(v.user(), v)));
            return List.copyOf(distinct.values());
        }

        List<Viewer> typingNow() {
            List<Viewer> now = new ArrayList<>();
            typing.values().forEach(t -> now.add(t.viewer()));
            return List.copyOf(now);
        }
    }
}
