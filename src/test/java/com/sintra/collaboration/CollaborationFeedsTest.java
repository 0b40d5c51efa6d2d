package com.sintra.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sintra.account.UserId;
import com.sintra.base.Subscription;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;

/** The registry on its own: one node, no database; messages are made up with the numbers the database would give. */
class CollaborationFeedsTest {

    private final SingleNodeRelay relay = new SingleNodeRelay();
    private final CollaborationFeeds feeds = new CollaborationFeeds(FeedsForTests.properties(Duration.ofMillis(340), 1000),
            relay);

    @AfterEach
    void close() {
        feeds.close();
    }

    @Test
    void an_event_reaches_the_subscribers_of_its_collaboration_and_no_one_else() {
        CollaborationId first = newId();
        CollaborationId second = newId();
        List<FeedUpdate> firstFeed = new CopyOnWriteArrayList<>();
        List<FeedUpdate> secondFeed = new CopyOnWriteArrayList<>();
        Subscription a = subscribe(first, firstFeed::add);
        Subscription b = subscribe(second, secondFeed::add);

        feeds.publish(first, new FeedEvent.Changed(message(first, 1, 1, "For the first")));
        feeds.publish(first, new FeedEvent.Streamed(new StreamedText(1, 0, "tokens")));

        await().atMost(Duration.ofSeconds(5)).until(() -> contents(firstFeed).contains("For the first"));
        sleep(400);
        assertThat(secondFeed).allSatisfy(update -> {
            assertThat(update.messages()).isEmpty();
            assertThat(update.streamed()).isEmpty();
        });
        a.cancel();
        b.cancel();
    }

    @Test
    void after_ten_thousand_subscribe_and_unsubscribe_cycles_the_registry_holds_nothing() {
        CollaborationId busy = newId();
        Subscription staying = subscribe(busy, update -> {
        });
        for (int i = 0; i < 10_000; i++) {
            CollaborationId id = i % 2 == 0 ? busy : newId();
            Subscription subscription = subscribe(id, update -> {
            });
            feeds.publish(id, new FeedEvent.Changed(message(id, i + 1, i + 1, "Message " + i)));
            subscription.cancel();
        }
        assertThat(feeds.rooms()).isEqualTo(1);
        staying.cancel();

        assertThat(feeds.rooms()).isZero();
        assertThat(feeds.subscribers()).isZero();
        assertThat(relay.following()).isZero();
        // Only the registry's two sweeps remain scheduled: no delivery of a gone subscriber waits in the queue.
        await().atMost(Duration.ofSeconds(5)).until(() -> feeds.queued() == 2);
    }

    @Test
    void a_subscriber_gets_at_most_four_deliveries_a_second_each_carrying_everything_new() {
        CollaborationId id = newId();
        List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
        List<Instant> deliveredAt = new CopyOnWriteArrayList<>();
        Subscription subscription = subscribe(id, update -> {
            deliveredAt.add(Instant.now());
            feed.add(update);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !feed.isEmpty());
        feed.clear();
        deliveredAt.clear();

        // A busy second: a message every 10 ms and an answer streaming a token every 5 ms.
        feeds.publish(id, new FeedEvent.Changed(answer(id, 1, 1, State.STREAMING, "")));
        StringBuilder written = new StringBuilder();
        long revision = 1;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int tick = 0;
        while (System.nanoTime() < end) {
            String token = "t" + tick + " ";
            feeds.publish(id, new FeedEvent.Streamed(new StreamedText(1, written.length(), token)));
            written.append(token);
            if (tick++ % 2 == 0) {
                revision++;
                feeds.publish(id, new FeedEvent.Changed(message(id, revision, revision, "Message " + revision)));
            }
            sleep(5);
        }
        long lastRevision = revision;
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.stream()
                .anyMatch(update -> update.throughRevision() == lastRevision));
        sleep(300);

        assertThat(deliveredAt.size()).as("deliveries in a little over a second").isBetween(2, 6);
        for (int i = 4; i < deliveredAt.size(); i++) {
            assertThat(Duration.between(deliveredAt.get(i - 4), deliveredAt.get(i))).as("no five deliveries within a second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
        List<Long> revisions = feed.stream().flatMap(u -> u.messages().stream()).map(CollaborationMessage::revision).toList();
        assertThat(revisions).isSorted().doesNotHaveDuplicates().hasSize((int) lastRevision);
        StringBuilder streamed = new StringBuilder();
        feed.stream().flatMap(u -> u.streamed().stream()).forEach(text -> {
            assertThat(text.offset()).isEqualTo(streamed.length());
            streamed.append(text.text());
        });
        assertThat(streamed.toString()).isEqualTo(written.toString());
        assertThat(feed).noneMatch(FeedUpdate::needsCatchUp);
        subscription.cancel();
    }

    @Test
    void a_slow_subscriber_does_not_hold_up_the_others() throws InterruptedException {
        CollaborationId id = newId();
        CountDownLatch release = new CountDownLatch(1);
        List<FeedUpdate> slow = new CopyOnWriteArrayList<>();
        List<FeedUpdate> fast = new CopyOnWriteArrayList<>();
        List<Subscription> stuck = new ArrayList<>();
        // More stuck subscribers than the registry has delivery threads would still leave none for the rest:
        // one stuck subscriber holds one thread, and only while it is stuck.
        stuck.add(subscribe(id, update -> {
            slow.add(update);
            awaitQuietly(release);
        }));
        Subscription fastOne = subscribe(id, fast::add);

        for (int i = 1; i <= 20; i++) {
            feeds.publish(id, new FeedEvent.Changed(message(id, i, i, "Message " + i)));
            sleep(20);
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(fast).contains("Message 20"));
        assertThat(slow).hasSize(1);

        release.countDown();
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(slow).contains("Message 20"));
        assertThat(slow.size()).as("the backlog arrives merged, not one by one").isLessThan(5);
        stuck.forEach(Subscription::cancel);
        fastOne.cancel();
    }

    @Test
    void a_gap_in_the_revisions_says_where_to_catch_up_from_and_late_or_repeated_ones_are_dropped() {
        CollaborationId id = newId();
        List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
        Subscription subscription = feeds.subscribe(id, viewer("Ana"), 4, feed::add, () -> 4);

        feeds.publish(id, new FeedEvent.Changed(message(id, 5, 5, "Five")));
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(feed).contains("Five"));
        // Seven was committed after six, but announced first.
        feeds.publish(id, new FeedEvent.Changed(message(id, 7, 7, "Seven")));
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(feed).contains("Seven"));
        feeds.publish(id, new FeedEvent.Changed(message(id, 6, 6, "Six")));
        feeds.publish(id, new FeedEvent.Changed(message(id, 7, 7, "Seven")));
        feeds.publish(id, new FeedEvent.Changed(message(id, 8, 8, "Eight")));
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(feed).contains("Eight"));

        FeedUpdate withGap = feed.stream().filter(u -> contents(List.of(u)).contains("Seven")).findFirst().orElseThrow();
        assertThat(withGap.catchUpAfter()).isEqualTo(5);
        assertThat(contents(feed)).containsExactly("Five", "Seven", "Eight");
        assertThat(feed.get(feed.size() - 1).throughRevision()).isEqualTo(8);
        subscription.cancel();
    }

    @Test
    void after_a_quiet_spell_a_message_just_behind_another_is_not_held_back_but_a_third_waits_for_the_pace() {
        CollaborationFeeds slow = new CollaborationFeeds(FeedsForTests.properties(Duration.ofSeconds(3), 1000),
                new SingleNodeRelay());
        try {
            CollaborationId id = newId();
            List<Instant> deliveredAt = new CopyOnWriteArrayList<>();
            Subscription subscription = slow.subscribe(id, viewer("Ana"), 0, update -> deliveredAt.add(Instant.now()), () -> 0);
            // The first delivery (who is viewing) may be followed by another at once: a burst of two.
            await().atMost(Duration.ofSeconds(10)).until(() -> !deliveredAt.isEmpty());
            await().pollDelay(Duration.ofSeconds(7)).until(() -> true); // quiet for longer than two paces
            int before = deliveredAt.size();
            Instant first = Instant.now();
            slow.publish(id, new FeedEvent.Changed(message(id, 1, 1, "One")));
            await().atMost(Duration.ofSeconds(2)).until(() -> deliveredAt.size() == before + 1);
            slow.publish(id, new FeedEvent.Changed(message(id, 2, 2, "Two, just behind")));
            await().atMost(Duration.ofSeconds(2)).until(() -> deliveredAt.size() == before + 2);
            slow.publish(id, new FeedEvent.Changed(message(id, 3, 3, "Three")));
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveredAt.size() == before + 3);

            assertThat(Duration.between(first, deliveredAt.get(before + 1))).as("the second of a burst comes at once")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(Duration.between(first, deliveredAt.get(before + 2))).as("the third keeps the pace of one per 3 s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
            subscription.cancel();
        } finally {
            slow.close();
        }
    }

    @Test
    void a_subscriber_too_far_behind_is_told_to_catch_up_instead_of_being_sent_everything() {
        CollaborationFeeds small = new CollaborationFeeds(FeedsForTests.properties(Duration.ofMillis(250), 10),
                new SingleNodeRelay());
        try {
            CollaborationId id = newId();
            CountDownLatch release = new CountDownLatch(1);
            List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
            Subscription subscription = small.subscribe(id, viewer("Ana"), 0, update -> {
                feed.add(update);
                awaitQuietly(release);
            }, () -> 0);
            await().atMost(Duration.ofSeconds(3)).until(() -> feed.size() == 1);
            for (int i = 1; i <= 50; i++) {
                small.publish(id, new FeedEvent.Changed(message(id, i, i, "Message " + i)));
            }
            small.publish(id, new FeedEvent.Changed(message(id, 51, 51, "After the flood")));
            release.countDown();
            await().atMost(Duration.ofSeconds(3)).until(() -> feed.stream().anyMatch(FeedUpdate::needsCatchUp));

            FeedUpdate told = feed.stream().filter(FeedUpdate::needsCatchUp).findFirst().orElseThrow();
            assertThat(told.catchUpAfter()).isZero();
            assertThat(told.messages().size()).isLessThanOrEqualTo(10);
            subscription.cancel();
        } finally {
            small.close();
        }
    }

    @Test
    void presence_counts_each_person_once_and_typing_expires() {
        CollaborationFeeds quick = new CollaborationFeeds(FeedsForTests.properties(Duration.ofMillis(50), 1000),
                new SingleNodeRelay());
        try {
            CollaborationId id = newId();
            Viewer ana = viewer("Ana");
            Viewer bo = viewer("Bo");
            List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
            Subscription first = quick.subscribe(id, ana, 0, feed::add, () -> 0);
            Subscription secondTab = quick.subscribe(id, ana, 0, update -> {
            }, () -> 0);
            Subscription bos = quick.subscribe(id, bo, 0, update -> {
            }, () -> 0);
            await().atMost(Duration.ofSeconds(3)).until(() -> java.util.Set.copyOf(last(feed, FeedUpdate::viewers)).equals(java.util.Set.of(ana, bo)));

            quick.publish(id, new FeedEvent.Typing(bo, 300));
            await().atMost(Duration.ofSeconds(3)).until(() -> last(feed, FeedUpdate::typing).equals(List.of(bo)));
            await().atMost(Duration.ofSeconds(3)).until(() -> last(feed, FeedUpdate::typing).isEmpty());

            bos.cancel();
            await().atMost(Duration.ofSeconds(3)).until(() -> last(feed, FeedUpdate::viewers).equals(List.of(ana)));
            secondTab.cancel();
            sleep(200);
            assertThat(last(feed, FeedUpdate::viewers)).containsExactly(ana);
            first.cancel();
        } finally {
            quick.close();
        }
    }

    @Test
    void removing_a_person_ends_their_feeds_and_no_one_elses() {
        CollaborationId id = newId();
        Viewer ana = viewer("Ana");
        Viewer bo = viewer("Bo");
        List<FeedUpdate> anas = new CopyOnWriteArrayList<>();
        List<FeedUpdate> bos = new CopyOnWriteArrayList<>();
        Subscription a = feeds.subscribe(id, ana, 0, anas::add, () -> 0);
        feeds.subscribe(id, bo, 0, bos::add, () -> 0);

        feeds.publish(id, new FeedEvent.ParticipantsChanged(List.of(bo.user())));
        await().atMost(Duration.ofSeconds(3)).until(() -> bos.stream().anyMatch(FeedUpdate::ended));
        feeds.publish(id, new FeedEvent.Changed(message(id, 1, 1, "After Bo left")));
        await().atMost(Duration.ofSeconds(3)).until(() -> contents(anas).contains("After Bo left"));

        assertThat(contents(bos)).isEmpty();
        assertThat(anas).anyMatch(FeedUpdate::participantsChanged).noneMatch(FeedUpdate::ended);
        assertThat(feeds.subscribers()).isEqualTo(1);
        a.cancel();
        assertThat(feeds.rooms()).isZero();
    }

    @Test
    void a_subscriber_who_joins_while_an_answer_is_written_is_handed_its_text_so_far_and_then_what_follows() {
        CollaborationId id = newId();
        // Nobody views it yet: the text is kept all the same.
        feeds.publish(id, new FeedEvent.Changed(answer(id, 1, 1, State.STREAMING, "")));
        feeds.publish(id, new FeedEvent.Streamed(new StreamedText(1, 0, "Half")));
        feeds.publish(id, new FeedEvent.Streamed(new StreamedText(1, 4, " of")));
        List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
        Subscription subscription = subscribe(id, feed::add);

        feeds.publish(id, new FeedEvent.Streamed(new StreamedText(1, 7, " the answer")));

        await().atMost(Duration.ofSeconds(5)).until(() -> drafted(feed, 1).equals("Half of the answer"));
        subscription.cancel();
    }

    @Test
    void a_finished_answer_leaves_no_draft_behind_and_a_later_subscriber_is_handed_none() {
        CollaborationId id = newId();
        feeds.publish(id, new FeedEvent.Changed(answer(id, 1, 1, State.STREAMING, "")));
        feeds.publish(id, new FeedEvent.Streamed(new StreamedText(1, 0, "All of it")));
        assertThat(feeds.drafts()).isEqualTo(1);

        feeds.publish(id, new FeedEvent.Changed(answer(id, 1, 2, State.COMPLETE, "All of it")));

        assertThat(feeds.drafts()).isZero();
        List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
        Subscription subscription = subscribe(id, feed::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> !feed.isEmpty());
        sleep(300);
        assertThat(feed).allSatisfy(update -> assertThat(update.streamed()).isEmpty());
        subscription.cancel();
    }

    @Test
    void a_node_that_starts_following_while_an_answer_is_written_is_sent_its_text_so_far_by_the_node_writing_it() {
        try (LinkedRelays nodes = new LinkedRelays()) {
            CollaborationFeeds writing = new CollaborationFeeds(FeedsForTests.properties(Duration.ofMillis(250), 1000),
                    nodes.relay());
            CollaborationFeeds other = new CollaborationFeeds(FeedsForTests.properties(Duration.ofMillis(250), 1000),
                    nodes.relay());
            try {
                CollaborationId id = newId();
                // The writing node's own viewer has it followed; the other node has no viewer yet.
                Subscription here = subscribe(writing, id, update -> { });
                writing.publish(id, new FeedEvent.Changed(answer(id, 1, 1, State.STREAMING, "")));
                writing.publish(id, new FeedEvent.Streamed(new StreamedText(1, 0, "Said")));
                writing.publish(id, new FeedEvent.Streamed(new StreamedText(1, 4, " before")));
                List<FeedUpdate> feed = new CopyOnWriteArrayList<>();
                Subscription there = subscribe(other, id, feed::add);

                await().atMost(Duration.ofSeconds(5)).until(() -> drafted(feed, 1).equals("Said before"));
                writing.publish(id, new FeedEvent.Streamed(new StreamedText(1, 11, " and after")));
                await().atMost(Duration.ofSeconds(5)).until(() -> drafted(feed, 1).equals("Said before and after"));
                here.cancel();
                there.cancel();
            } finally {
                writing.close();
                other.close();
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private Subscription subscribe(CollaborationId id, Consumer<FeedUpdate> listener) {
        return subscribe(feeds, id, listener);
    }

    private static Subscription subscribe(CollaborationFeeds feeds, CollaborationId id, Consumer<FeedUpdate> listener) {
        return feeds.subscribe(id, viewer("Viewer"), 0, listener, () -> 0);
    }

    /** The answer's text as a view builds it from the feed: text it has is skipped, text after a gap dropped. */
    static String drafted(List<FeedUpdate> feed, long sequence) {
        StringBuilder text = new StringBuilder();
        feed.stream().flatMap(u -> u.streamed().stream()).filter(t -> t.sequence() == sequence).forEach(t -> {
            if (t.offset() <= text.length() && t.offset() + t.text().length() > text.length()) {
                text.append(t.text().substring(text.length() - t.offset()));
            }
        });
        return text.toString();
    }

    static CollaborationId newId() {
        return new CollaborationId(UUID.randomUUID());
    }

    static Viewer viewer(String name) {
        return new Viewer(new UserId(UUID.randomUUID()), name);
    }

    static CollaborationMessage message(CollaborationId id, long sequence, long revision, String content) {
        return new CollaborationMessage(id, sequence, revision, AuthorKind.SYSTEM, null, null, "", Kind.MESSAGE,
                State.COMPLETE, content, List.of(), List.of(), null, null, null, Instant.now(), Instant.now());
    }

    static CollaborationMessage answer(CollaborationId id, long sequence, long revision, State state, String content) {
        return new CollaborationMessage(id, sequence, revision, AuthorKind.AGENT, null, null, "Researcher", Kind.MESSAGE,
                state, content, List.of(), List.of(), "fake-model", null, null, Instant.now(), Instant.now());
    }

    static List<String> contents(List<FeedUpdate> feed) {
        return feed.stream().flatMap(u -> u.messages().stream()).map(CollaborationMessage::content).toList();
    }

    static <T> List<T> last(List<FeedUpdate> feed, java.util.function.Function<FeedUpdate, List<T>> part) {
        return feed.stream().map(part).filter(Objects::nonNull).reduce((a, b) -> b).orElse(List.of());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
