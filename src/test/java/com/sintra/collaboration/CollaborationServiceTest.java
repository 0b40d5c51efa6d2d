package com.sintra.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.chat.ChatSetup;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

class CollaborationServiceTest extends IntegrationTest {

    @Autowired
    CollaborationService collaborations;
    @Autowired
    Transcript transcript;
    @Autowired
    CollaborationFeeds feeds;
    @Autowired
    WorkspaceService workspaces;
    @Autowired
    AgentService agents;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    CollaborationProperties properties;

    User ana;
    User bo;
    User viewer;
    User outsider;
    WorkspaceId workspace;
    AgentId researcher;
    AgentId researchLead;
    AgentId absent;

    @BeforeEach
    void team() {
        ana = fixtures.newUser();
        bo = fixtures.newUser();
        viewer = fixtures.newUser();
        outsider = fixtures.newUser();
        workspace = fixtures.newWorkspace(ana);
        fixtures.newWorkspace(outsider);
        fixtures.as(ana, () -> {
            workspaces.addMember(workspace, bo.email(), WorkspaceRole.EDITOR);
            workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER);
        });
        researcher = agent("Researcher");
        researchLead = agent("Research Lead");
        absent = agent("Critic");
    }

    // --- creating and taking part ------------------------------------------------------------

    @Test
    void a_collaboration_starts_with_its_creator_and_the_invited_members_and_agents_taking_part() {
        Collaboration created = create(Visibility.WORKSPACE, List.of(bo), List.of(researcher));

        assertThat(created.status()).isEqualTo(CollaborationStatus.ACTIVE);
        assertThat(created.maxAgentTurns()).isEqualTo(8);
        assertThat(created.lastSequence()).isZero();
        assertThat(fixtures.as(bo, () -> collaborations.participants(created.id()))).extracting(Participant::name)
                .containsExactly(ana.displayName(), bo.displayName(), "Researcher");
    }

    @Test
    void inviting_people_or_agents_from_outside_the_workspace_is_refused_and_stores_nothing() {
        long before = count("collaborations");
        assertThatThrownBy(() -> create(Visibility.WORKSPACE, List.of(outsider), List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("members of this workspace");
        AgentId foreign = fixtures.as(outsider, () -> agents.create(fixtures.as(outsider,
                () -> workspaces.myWorkspaces(false)).get(0).id(), ChatSetup.draft("Foreign", BigDecimal.ZERO, false, List.of())));
        assertThatThrownBy(() -> create(Visibility.WORKSPACE, List.of(), List.of(foreign)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("agents of this workspace");
        assertThat(count("collaborations")).isEqualTo(before);

        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(), List.of());
        assertThatThrownBy(() -> fixtures.as(ana, () -> collaborations.invite(collaboration.id(), List.of(outsider.id()),
                List.of()))).isInstanceOf(InvalidInputException.class);
        assertThat(fixtures.as(ana, () -> collaborations.participants(collaboration.id()))).hasSize(1);
        assertThat(messages(ana, collaboration)).isEmpty();
    }

    @Test
    void viewers_of_a_workspace_may_take_part_but_not_start_or_manage_collaborations() {
        assertThatThrownBy(() -> fixtures.as(viewer, () -> collaborations.create(
                NewCollaboration.of(workspace, "Mine", "", List.of(), List.of())))).isInstanceOf(AccessDeniedException.class);
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(viewer), List.of());

        fixtures.as(viewer, () -> collaborations.post(collaboration.id(), "Hello from a viewer"));
        assertThatThrownBy(() -> fixtures.as(viewer, () -> collaborations.invite(collaboration.id(), List.of(bo.id()),
                List.of()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> collaborations.complete(collaboration.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(fixtures.as(viewer, () -> collaborations.pause(collaboration.id()))).isTrue();
    }

    @Test
    void outsiders_get_not_found_and_members_who_do_not_take_part_must_join_an_open_one_first() {
        Collaboration open = create(Visibility.WORKSPACE, List.of(), List.of());
        Collaboration invited = create(Visibility.INVITED, List.of(), List.of());
        fixtures.as(ana, () -> collaborations.post(open.id(), "Only for those taking part"));

        assertThatThrownBy(() -> fixtures.as(outsider, () -> collaborations.messages(open.id(), null, 50)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.messages(open.id(), null, 50)))
                .isInstanceOf(NotParticipantException.class);
        assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.post(open.id(), "Let me in")))
                .isInstanceOf(NotParticipantException.class);
        assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.messages(invited.id(), null, 50)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.join(invited.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.subscribe(open.id(), 0, update -> {
        }))).isInstanceOf(NotParticipantException.class);
        assertThat(fixtures.as(bo, () -> collaborations.joinable(workspace, CollaborationStatus.ACTIVE, null, 50).items()))
                .extracting(Collaboration::id).contains(open.id()).doesNotContain(invited.id());
    }

    @Test
    void a_member_who_joins_an_open_collaboration_reads_its_whole_history() {
        Collaboration open = create(Visibility.WORKSPACE, List.of(), List.of());
        fixtures.as(ana, () -> collaborations.post(open.id(), "Before Bo came"));

        assertThat(fixtures.as(bo, () -> collaborations.join(open.id()))).isTrue();
        assertThat(fixtures.as(bo, () -> collaborations.join(open.id()))).isFalse();

        assertThat(messages(bo, open)).extracting(CollaborationMessage::content)
                .containsExactly("Before Bo came", bo.displayName() + " joined");
        assertThat(fixtures.as(bo, () -> collaborations.joinable(workspace, CollaborationStatus.ACTIVE, null, 50).items()))
                .extracting(Collaboration::id).doesNotContain(open.id());
    }

    // --- the stream --------------------------------------------------------------------------

    @Test
    void every_message_gets_the_next_number_of_its_collaboration_even_when_posted_at_once() throws Exception {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());
        ExecutorService posters = Executors.newFixedThreadPool(4);
        try {
            List<Future<CollaborationMessage>> posted = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                User author = i % 2 == 0 ? ana : bo;
                String text = "Message " + i;
                posted.add(posters.submit(() -> fixtures.as(author, () -> collaborations.post(collaboration.id(), text))));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<CollaborationMessage> future : posted) {
                sequences.add(future.get().sequence());
            }
            Collections.sort(sequences);
            assertThat(sequences).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList());
        } finally {
            posters.shutdown();
        }
        assertThat(fixtures.as(ana, () -> collaborations.get(collaboration.id())).lastSequence()).isEqualTo(24);
    }

    @Test
    void empty_over_long_and_completed_posts_are_refused_and_store_nothing() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(), List.of());
        String tooLong = "x".repeat(properties.maxMessageLength() + 1);

        assertThatThrownBy(() -> post(ana, collaboration, "  \n ")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Write a message first");
        assertThatThrownBy(() -> post(ana, collaboration, tooLong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 8,000 characters");
        assertThat(messages(ana, collaboration)).isEmpty();

        fixtures.as(ana, () -> collaborations.complete(collaboration.id()));
        assertThatThrownBy(() -> post(ana, collaboration, "Too late")).isInstanceOf(CollaborationCompletedException.class);
        assertThat(messages(ana, collaboration)).extracting(CollaborationMessage::kind).containsExactly(Kind.SUMMARY,
                Kind.NOTICE);
    }

    @Test
    void mentions_name_participating_agents_by_their_longest_name_and_an_absent_one_is_refused() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(), List.of(researcher, researchLead));

        CollaborationMessage posted = post(ana, collaboration,
                "@research lead, ask @Researcher. Mail ana@Researcher.example, not @Researchers.");
        assertThat(posted.mentions()).containsExactly(researchLead, researcher);

        assertThatThrownBy(() -> post(ana, collaboration, "What does @Critic think?"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Critic is not taking part in this collaboration: invite it first");
        // The named agents answer the first message meanwhile; the refused one is not stored.
        assertThat(messages(ana, collaboration)).filteredOn(m -> m.authorKind() == AuthorKind.USER).hasSize(1);
    }

    @Test
    void pages_go_back_by_sequence_oldest_first_without_overlap() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(), List.of());
        for (int i = 1; i <= 7; i++) {
            post(ana, collaboration, "Message " + i);
        }

        MessagePage newest = fixtures.as(ana, () -> collaborations.messages(collaboration.id(), null, 3));
        MessagePage earlier = fixtures.as(ana, () -> collaborations.messages(collaboration.id(),
                newest.messages().get(0).sequence(), 3));
        MessagePage first = fixtures.as(ana, () -> collaborations.messages(collaboration.id(),
                earlier.messages().get(0).sequence(), 3));

        assertThat(newest.messages()).extracting(CollaborationMessage::sequence).containsExactly(5L, 6L, 7L);
        assertThat(newest.throughRevision()).isEqualTo(7);
        assertThat(earlier.messages()).extracting(CollaborationMessage::sequence).containsExactly(2L, 3L, 4L);
        assertThat(first.messages()).extracting(CollaborationMessage::sequence).containsExactly(1L);
        assertThat(List.of(newest.hasEarlier(), earlier.hasEarlier(), first.hasEarlier())).containsExactly(true, true, false);
        assertThat(newest.messages().get(0).authorName()).isEqualTo(ana.displayName());
    }

    @Test
    void an_answer_keeps_its_place_while_it_streams_and_comes_back_in_the_catch_up_when_finished() {
        // Mentioned-only, and not named: no run of its own answers while the test writes one by hand.
        Collaboration collaboration = fixtures.as(ana, () -> collaborations.create(new NewCollaboration(workspace,
                "Launch plan", "Plan the launch", CollaborationMode.MENTIONED_ONLY, Visibility.WORKSPACE, null, null,
                List.of(), List.of(researcher))));
        post(ana, collaboration, "Researcher, what do we know?");
        CollaborationMessage started = transcript.startAnswer(collaboration.id(), researcher, "Researcher", "fake-model")
                .orElseThrow();
        post(ana, collaboration, "Take your time");
        Changes beforeFinish = fixtures.as(ana, () -> collaborations.changesSince(collaboration.id(), 0));

        CollaborationMessage finished = transcript.finish(collaboration.id(), started.sequence(), State.COMPLETE,
                "We know a lot.", List.of(), "fake-model", 120, 30, "Researcher").orElseThrow();
        var second = transcript.finish(collaboration.id(), started.sequence(), State.STOPPED, "We know", List.of(),
                "fake-model", 0, 0, "Researcher");
        Changes afterFinish = fixtures.as(ana, () -> collaborations.changesSince(collaboration.id(), beforeFinish.throughRevision()));

        assertThat(started.sequence()).isEqualTo(2);
        assertThat(started.state()).isEqualTo(State.STREAMING);
        assertThat(beforeFinish.messages()).extracting(CollaborationMessage::revision).containsExactly(1L, 2L, 3L);
        assertThat(finished.sequence()).isEqualTo(2);
        assertThat(finished.revision()).isEqualTo(4);
        assertThat(second).isEmpty();
        assertThat(afterFinish.messages()).extracting(CollaborationMessage::content).containsExactly("We know a lot.");
        assertThat(afterFinish.throughRevision()).isEqualTo(4);
        Collaboration now = fixtures.as(ana, () -> collaborations.get(collaboration.id()));
        assertThat(now.tokensUsed()).isEqualTo(150);
        assertThat(now.lastSequence()).isEqualTo(4);
        assertThat(messages(ana, collaboration)).extracting(CollaborationMessage::authorKind)
                .containsExactly(AuthorKind.USER, AuthorKind.AGENT, AuthorKind.USER);
    }

    @Test
    void catching_up_comes_in_batches_in_the_order_of_change_without_duplicates() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(), List.of());
        int total = properties.catchUpBatch() + 20;
        jdbc.sql("""
                WITH next AS (UPDATE collaborations SET last_sequence = :total WHERE id = :id RETURNING id, workspace_id)
                INSERT INTO collaboration_messages (collaboration_id, workspace_id, sequence, revision, author_user_id, content)
                SELECT id, workspace_id, s, s, :user, 'Bulk ' || s FROM next CROSS JOIN generate_series(1, :total) s""")
                .param("id", collaboration.id().value()).param("user", ana.id().value()).param("total", total).update();

        List<Long> seen = new ArrayList<>();
        long position = 0;
        Changes batch;
        do {
            long after = position;
            batch = fixtures.as(ana, () -> collaborations.changesSince(collaboration.id(), after));
            batch.messages().forEach(m -> seen.add(m.revision()));
            position = batch.throughRevision();
        } while (batch.more());

        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(fixtures.as(ana, () -> collaborations.changesSince(collaboration.id(), total).messages())).isEmpty();
    }

    // --- dashboard and unread ----------------------------------------------------------------

    @Test
    void the_dashboard_lists_my_collaborations_by_status_newest_first_in_keyset_pages() {
        Collaboration first = create(Visibility.WORKSPACE, List.of(bo), List.of());
        Collaboration second = create(Visibility.WORKSPACE, List.of(bo), List.of());
        Collaboration third = create(Visibility.WORKSPACE, List.of(bo), List.of());
        Collaboration notMine = create(Visibility.WORKSPACE, List.of(), List.of());
        fixtures.as(ana, () -> collaborations.pause(second.id()));
        fixtures.as(ana, () -> collaborations.complete(third.id()));

        CollaborationPage<ListedCollaboration> page1 = fixtures.as(bo, () -> collaborations.mine(workspace, Set.of(), null, 2));
        CollaborationPage<ListedCollaboration> page2 = fixtures.as(bo, () -> collaborations.mine(workspace, Set.of(),
                page1.next(), 2));
        CollaborationPage<ListedCollaboration> open = fixtures.as(bo, () -> collaborations.mine(workspace,
                Set.of(CollaborationStatus.ACTIVE, CollaborationStatus.PAUSED), null, 10));

        assertThat(ids(page1)).containsExactly(third.id(), second.id());
        assertThat(ids(page2)).containsExactly(first.id());
        assertThat(page2.next()).isNull();
        assertThat(ids(open)).containsExactly(second.id(), first.id()).doesNotContain(notMine.id());
        assertThat(open.items().get(0).collaboration().status()).isEqualTo(CollaborationStatus.PAUSED);
    }

    @Test
    void unread_counts_leave_out_my_own_messages_and_fall_as_i_read_but_never_rise_back() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());
        post(ana, collaboration, "One");
        post(ana, collaboration, "Two");
        CollaborationMessage three = post(ana, collaboration, "Three");
        post(bo, collaboration, "Mine");

        assertThat(unread(bo, collaboration)).isEqualTo(3);
        assertThat(unread(ana, collaboration)).isEqualTo(1);

        fixtures.as(bo, () -> collaborations.markRead(collaboration.id(), three.sequence() - 1));
        assertThat(unread(bo, collaboration)).isEqualTo(1);
        fixtures.as(bo, () -> collaborations.markRead(collaboration.id(), 1));
        assertThat(unread(bo, collaboration)).isEqualTo(1);
        fixtures.as(bo, () -> collaborations.markRead(collaboration.id(), Long.MAX_VALUE));
        assertThat(unread(bo, collaboration)).isZero();
        assertThat(listed(bo, collaboration).lastReadSequence()).isEqualTo(4);
    }

    // --- status and participants -------------------------------------------------------------

    @Test
    void pausing_resuming_and_completing_say_so_in_the_stream_and_completed_is_for_good() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());

        assertThat(fixtures.as(bo, () -> collaborations.pause(collaboration.id()))).isTrue();
        assertThat(fixtures.as(bo, () -> collaborations.pause(collaboration.id()))).isFalse();
        post(ana, collaboration, "People may still write while paused");
        assertThat(fixtures.as(ana, () -> collaborations.resume(collaboration.id()))).isTrue();
        assertThat(fixtures.as(ana, () -> collaborations.complete(collaboration.id()))).isTrue();
        assertThat(fixtures.as(ana, () -> collaborations.complete(collaboration.id()))).isFalse();

        assertThatThrownBy(() -> fixtures.as(ana, () -> collaborations.resume(collaboration.id())))
                .isInstanceOf(CollaborationCompletedException.class);
        assertThat(messages(ana, collaboration)).extracting(CollaborationMessage::content).containsExactly(
                bo.displayName() + " paused the collaboration: agents wait until it is resumed",
                "People may still write while paused",
                ana.displayName() + " resumed the collaboration",
                CompletionSummary.EXTRACTIVE_LABEL + "\n\n**Goal:** Plan the launch\n\nNo agent answered.",
                ana.displayName() + " completed the collaboration");
        assertThat(listed(bo, collaboration).collaboration().status()).isEqualTo(CollaborationStatus.COMPLETED);
    }

    @Test
    void a_removed_person_stops_receiving_at_once_and_the_last_person_cannot_leave() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of(researcher));
        List<FeedUpdate> bosFeed = new CopyOnWriteArrayList<>();
        Subscription subscription = fixtures.as(bo, () -> collaborations.subscribe(collaboration.id(), 0, bosFeed::add));
        try {
            fixtures.as(ana, () -> collaborations.remove(collaboration.id(), bo.id()));
            await().atMost(Duration.ofSeconds(5)).until(() -> bosFeed.stream().anyMatch(FeedUpdate::ended));
            int delivered = bosFeed.size();
            post(ana, collaboration, "Bo must not see this");

            assertThatThrownBy(() -> fixtures.as(bo, () -> collaborations.messages(collaboration.id(), null, 10)))
                    .isInstanceOf(NotParticipantException.class);
            assertThatThrownBy(() -> fixtures.as(ana, () -> {
                collaborations.leave(collaboration.id());
                return null;
            })).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one person");
            fixtures.as(ana, () -> collaborations.remove(collaboration.id(), researcher));
            Thread.sleep(400);
            assertThat(bosFeed).hasSize(delivered);
            assertThat(fixtures.as(ana, () -> collaborations.participants(collaboration.id())))
                    .extracting(Participant::name).containsExactly(ana.displayName());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            subscription.cancel();
        }
    }

    // --- live ----------------------------------------------------------------------------------

    @Test
    void a_message_reaches_the_feeds_only_once_committed() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());
        List<FeedUpdate> bosFeed = new CopyOnWriteArrayList<>();
        Subscription subscription = fixtures.as(bo, () -> collaborations.subscribe(collaboration.id(), 0, bosFeed::add));
        try {
            fixtures.as(ana, () -> {
                transaction.executeWithoutResult(tx -> {
                    collaborations.post(collaboration.id(), "Rolled back");
                    tx.setRollbackOnly();
                });
            });
            CollaborationMessage kept = post(ana, collaboration, "Committed");

            await().atMost(Duration.ofSeconds(5)).until(() -> received(bosFeed).contains("Committed"));
            assertThat(received(bosFeed)).containsExactly("Committed");
            // The rolled-back number was never taken: the committed message is the first.
            assertThat(kept.sequence()).isEqualTo(1);
            assertThat(bosFeed).noneMatch(FeedUpdate::needsCatchUp);
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void a_subscriber_following_from_an_older_revision_is_told_to_catch_up_from_it() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());
        post(ana, collaboration, "Before anyone followed");
        post(ana, collaboration, "Also before");
        List<FeedUpdate> feed = new CopyOnWriteArrayList<>();

        Subscription subscription = fixtures.as(bo, () -> collaborations.subscribe(collaboration.id(), 1, feed::add));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> feed.stream().anyMatch(FeedUpdate::needsCatchUp));
            FeedUpdate told = feed.stream().filter(FeedUpdate::needsCatchUp).findFirst().orElseThrow();
            assertThat(told.catchUpAfter()).isEqualTo(1);
            assertThat(fixtures.as(bo, () -> collaborations.changesSince(collaboration.id(), told.catchUpAfter()))
                    .messages()).extracting(CollaborationMessage::content).containsExactly("Also before");
        } finally {
            subscription.cancel();
        }
        assertThat(feeds.rooms()).isZero();
    }

    @Test
    void viewers_and_writers_show_in_the_feed_and_writing_stops_when_the_message_is_posted() {
        Collaboration collaboration = create(Visibility.WORKSPACE, List.of(bo), List.of());
        List<FeedUpdate> anasFeed = new CopyOnWriteArrayList<>();
        Subscription anas = fixtures.as(ana, () -> collaborations.subscribe(collaboration.id(), 0, anasFeed::add));
        Subscription bos = fixtures.as(bo, () -> collaborations.subscribe(collaboration.id(), 0, update -> {
        }));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> lastViewers(anasFeed).size() == 2);
            fixtures.as(bo, () -> collaborations.typing(collaboration.id(), true));
            await().atMost(Duration.ofSeconds(5)).until(() -> lastTyping(anasFeed).stream()
                    .anyMatch(v -> v.user().equals(bo.id())));
            post(bo, collaboration, "Done writing");
            await().atMost(Duration.ofSeconds(5)).until(() -> lastTyping(anasFeed).isEmpty());
            assertThatThrownBy(() -> fixtures.as(outsider, () -> {
                collaborations.typing(collaboration.id(), true);
                return null;
            })).isInstanceOf(NotFoundException.class);

            bos.cancel();
            await().atMost(Duration.ofSeconds(5)).until(() -> lastViewers(anasFeed).size() == 1);
        } finally {
            anas.cancel();
            bos.cancel();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private AgentId agent(String name) {
        return fixtures.as(ana, () -> agents.create(workspace, ChatSetup.draft(name, BigDecimal.ZERO, false, List.of())));
    }

    private Collaboration create(Visibility visibility, List<User> members, List<AgentId> agentIds) {
        return fixtures.as(ana, () -> collaborations.create(new NewCollaboration(workspace, "Launch plan", "Plan the launch",
                null, visibility, null, null, members.stream().map(User::id).toList(), agentIds)));
    }

    private CollaborationMessage post(User author, Collaboration collaboration, String text) {
        return fixtures.as(author, () -> collaborations.post(collaboration.id(), text));
    }

    private List<CollaborationMessage> messages(User reader, Collaboration collaboration) {
        return fixtures.as(reader, () -> collaborations.messages(collaboration.id(), null, 200)).messages();
    }

    private ListedCollaboration listed(User user, Collaboration collaboration) {
        return fixtures.as(user, () -> collaborations.mine(workspace, Set.of(), null, 200)).items().stream()
                .filter(l -> l.collaboration().id().equals(collaboration.id())).findFirst().orElseThrow();
    }

    private int unread(User user, Collaboration collaboration) {
        return listed(user, collaboration).unread();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static List<CollaborationId> ids(CollaborationPage<ListedCollaboration> page) {
        return page.items().stream().map(l -> l.collaboration().id()).toList();
    }

    private static List<String> received(List<FeedUpdate> feed) {
        return feed.stream().flatMap(u -> u.messages().stream()).map(CollaborationMessage::content).toList();
    }

    private static List<Viewer> lastViewers(List<FeedUpdate> feed) {
        return feed.stream().map(FeedUpdate::viewers).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(List.of());
    }

    private static List<Viewer> lastTyping(List<FeedUpdate> feed) {
        return feed.stream().map(FeedUpdate::typing).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(List.of());
    }
}
