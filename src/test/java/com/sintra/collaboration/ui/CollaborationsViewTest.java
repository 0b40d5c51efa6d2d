package com.sintra.collaboration.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.base.Subscription;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.chat.ChatSetup;
import com.sintra.collaboration.AnswerSteps;
import com.sintra.collaboration.Collaboration;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.CollaborationStatus;
import com.sintra.collaboration.ListedCollaboration;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;

class CollaborationsViewTest extends KaribuTest {

    private static final Duration LIVE = Duration.ofSeconds(10);

    @Autowired
    CollaborationService collaborations;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AgentService agents;

    @Autowired
    ApplicationContext context;

    @Test
    void the_dashboard_lists_the_callers_collaborations_newest_first_and_filters_them_by_status() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        CollaborationId first = start(user, workspace, "First");
        start(user, workspace, "Second");
        fixtures.as(user, () -> collaborations.pause(first));
        User stranger = fixtures.newUser();
        start(stranger, fixtures.newWorkspace(stranger), "Theirs");
        openAs(user);

        UI.getCurrent().navigate("collaborations");
        assertThat(titles()).containsExactly("Second", "First");
        @SuppressWarnings("unchecked")
        Select<String> status = _get(Select.class, spec -> spec.withId("collaboration-status-filter"));
        _setValue(status, "Paused");
        assertThat(titles()).containsExactly("First");
        _setValue(status, "Completed");
        assertThat(titles()).isEmpty();
    }

    @Test
    void the_dashboard_counts_what_others_wrote_since_the_caller_last_read_it() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        User colleague = member(workspace, user);
        CollaborationId id = start(user, workspace, "Busy", colleague);
        fixtures.as(colleague, () -> collaborations.post(id, "One"));
        fixtures.as(colleague, () -> collaborations.post(id, "Two"));
        openAs(user);

        UI.getCurrent().navigate("collaborations");

        @SuppressWarnings("unchecked")
        Grid<ListedCollaboration> grid = _get(Grid.class, spec -> spec.withId("collaborations-grid"));
        assertThat(text(GridKt._getCellComponent(grid, 0, "unread"))).isEqualTo("2");
    }

    @Test
    void an_editor_creates_a_collaboration_with_the_dialog_and_it_opens() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        User colleague = member(workspace, user);
        openAs(user);
        UI.getCurrent().navigate("collaborations");

        _click(_get(Button.class, spec -> spec.withId("new-collaboration")));
        _setValue(_get(TextField.class, spec -> spec.withId("collaboration-title")), "Launch plan");
        _setValue(_get(TextArea.class, spec -> spec.withId("collaboration-goal")), "A plan for the launch");
        _click(_get(Button.class, spec -> spec.withId("create-collaboration")));

        List<ListedCollaboration> mine = mine(user, workspace);
        assertThat(mine).extracting(l -> l.collaboration().title()).containsExactly("Launch plan");
        assertThat(_get(Paragraph.class, spec -> spec.withId("collaboration-goal-text")).getText())
                .isEqualTo("A plan for the launch");
        assertThat(text(_get(Component.class, spec -> spec.withId("collaboration-participants"))))
                .contains(user.displayName()).doesNotContain(colleague.displayName());
    }

    @Test
    void a_collaboration_without_a_title_is_refused_next_to_the_field_and_nothing_is_stored() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("collaborations");

        _click(_get(Button.class, spec -> spec.withId("new-collaboration")));
        _click(_get(Button.class, spec -> spec.withId("create-collaboration")));

        TextField title = _get(TextField.class, spec -> spec.withId("collaboration-title"));
        assertThat(title.isInvalid()).isTrue();
        assertThat(title.getErrorMessage()).isEqualTo("A title is required");
        assertThat(mine(user, workspace)).isEmpty();
    }

    @Test
    void a_posted_message_appears_in_the_feed_and_an_empty_one_is_refused_without_storing_anything() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        CollaborationId id = start(user, workspace, "Notes");
        openAs(user);
        open(id);

        _setValue(_get(TextArea.class, spec -> spec.withId("collaboration-message")), "   ");
        _click(_get(Button.class, spec -> spec.withId("collaboration-send")));
        TextArea composer = _get(TextArea.class, spec -> spec.withId("collaboration-message"));
        assertThat(composer.isInvalid()).isTrue();
        assertThat(composer.getErrorMessage()).isEqualTo("Write a message first");
        assertThat(fixtures.as(user, () -> collaborations.messages(id, null, 10)).messages()).isEmpty();

        _setValue(composer, "Hello, everyone");
        _click(_get(Button.class, spec -> spec.withId("collaboration-send")));

        assertThat(feedText()).contains("Hello, everyone");
        assertThat(composer.getValue()).isEmpty();
        assertThat(fixtures.as(user, () -> collaborations.messages(id, null, 10)).messages())
                .extracting(m -> m.content()).containsExactly("Hello, everyone");
    }

    @Test
    void another_participants_message_reaches_the_open_view_live_and_a_view_of_another_collaboration_never() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        User colleague = member(workspace, user);
        CollaborationId shared = start(user, workspace, "Shared", colleague);
        CollaborationId other = start(colleague, workspace, "Other", user);
        openAs(user);
        open(shared);
        await(() -> text(_get(Component.class, spec -> spec.withId("collaboration-participants")))
                .contains(user.displayName()));

        fixtures.as(colleague, () -> collaborations.post(other, "Meant for the other one"));
        fixtures.as(colleague, () -> collaborations.post(shared, "Live from a colleague"));

        await(() -> feedText().contains("Live from a colleague"));
        assertThat(feedText()).contains(colleague.displayName()).doesNotContain("Meant for the other one");

        // The colleague opens it too and starts writing: the first view shows both.
        Subscription colleagueViews = fixtures.as(colleague, () -> collaborations.subscribe(shared, 0, update -> { }));
        try {
            fixtures.as(colleague, () -> collaborations.typing(shared, true));
            // Shown only while someone writes: found only then.
            await(() -> _find(Span.class, spec -> spec.withId("collaboration-typing")).stream()
                    .anyMatch(line -> line.getText().equals(colleague.displayName() + " is writing…")));
            await(() -> _find(Span.class, spec -> spec.withClasses(CollaborationPane.PRESENT)).stream()
                    .map(Span::getText).toList().contains(colleague.displayName()));
        } finally {
            colleagueViews.cancel();
        }
        // Shown is read: the dashboard counts nothing unread for it.
        assertThat(mine(user, workspace)).filteredOn(l -> l.collaboration().id().equals(shared))
                .extracting(ListedCollaboration::unread).containsExactly(0);
    }

    @Test
    void an_answer_being_written_when_the_collaboration_is_opened_shows_its_text_so_far_and_goes_on_growing() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        AgentId scribe = fixtures.as(user, () -> agents.create(workspace, ChatSetup.draft("Scribe",
                new BigDecimal("0.7"), false, List.of())));
        User colleague = member(workspace, user);
        CollaborationId id = fixtures.as(user, () -> collaborations.create(NewCollaboration.of(workspace, "Notes", "",
                List.of(colleague.id()), List.of(scribe)))).id();
        AnswerSteps answer = new AnswerSteps(context);
        long sequence = answer.start(id, scribe, "Scribe");
        answer.stream(id, sequence, 0, "Half");
        answer.stream(id, sequence, 4, " of");
        openAs(user);

        open(id);

        await(() -> feedText().contains("Answering… Half of"));
        answer.stream(id, sequence, 7, " the answer");
        await(() -> feedText().contains("Answering… Half of the answer"));
        answer.finish(id, sequence, "Half of the answer, and the rest.", "Scribe");
        await(() -> feedText().contains("Half of the answer, and the rest.") && !feedText().contains("Answering…"));
        // Text that comes late, after the answer is finished (a stale draft), does not reopen it; the feed delivers
        // in order, so once the message after it is shown, it has been seen.
        answer.stream(id, sequence, 0, "Late");
        fixtures.as(colleague, () -> collaborations.post(id, "After the answer"));
        await(() -> feedText().contains("After the answer"));
        assertThat(feedText()).doesNotContain("Answering…").doesNotContain("Late");
    }

    @Test
    void someone_removed_by_an_editor_is_told_so_and_can_write_no_more() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        User colleague = member(workspace, user);
        CollaborationId id = start(colleague, workspace, "Short stay", user);
        openAs(user);
        open(id);

        fixtures.as(colleague, () -> collaborations.remove(id, user.id()));

        await(() -> _find(TextArea.class, spec -> spec.withId("collaboration-message")).isEmpty());
        expectNotifications("You no longer take part in this collaboration.");
        assertThat(_find(Button.class, spec -> spec.withId("collaboration-leave"))).isEmpty();
    }

    @Test
    void a_completed_collaboration_is_read_only() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        CollaborationId id = start(user, workspace, "Done soon");
        openAs(user);
        open(id);

        _click(_get(Button.class, spec -> spec.withId("collaboration-complete")));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        // The summary is written off the UI thread; the view shows the outcome once it is stored.
        await(() -> fixtures.as(user, () -> collaborations.get(id)).status() == CollaborationStatus.COMPLETED
                && _find(TextArea.class, spec -> spec.withId("collaboration-message")).isEmpty());
        assertThat(_get(Span.class, spec -> spec.withId("collaboration-status")).getText()).isEqualTo("Completed");
        assertThat(_get(Paragraph.class, spec -> spec.withId("collaboration-read-only")).isVisible()).isTrue();
        assertThat(_find(TextArea.class, spec -> spec.withId("collaboration-message"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("collaboration-pause"))).isEmpty();

        // Reopened later, it stays so.
        open(id);
        assertThat(_find(TextArea.class, spec -> spec.withId("collaboration-message"))).isEmpty();
        assertThat(_get(Paragraph.class, spec -> spec.withId("collaboration-read-only")).isVisible()).isTrue();
    }

    @Test
    void an_unknown_collaboration_in_the_address_is_reported_and_the_dashboard_shown() {
        User user = fixtures.newUser();
        fixtures.newWorkspace(user);
        User stranger = fixtures.newUser();
        CollaborationId theirs = start(stranger, fixtures.newWorkspace(stranger), "Private");
        openAs(user);

        for (String unknown : List.of(theirs.toString(), "not-an-id")) {
            UI.getCurrent().navigate("collaborations", QueryParameters.of("collaboration", unknown));
            expectNotifications("No collaboration with that id.");
            assertThat(_find(Grid.class, spec -> spec.withId("collaborations-grid"))).hasSize(1);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private CollaborationId start(User user, WorkspaceId workspace, String title, User... others) {
        Collaboration created = fixtures.as(user, () -> collaborations.create(NewCollaboration.of(workspace, title, "",
                Stream.of(others).map(User::id).toList(), List.of())));
        return created.id();
    }

    private User member(WorkspaceId workspace, User owner) {
        User member = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, member.email(), WorkspaceRole.EDITOR));
        return member;
    }

    private List<ListedCollaboration> mine(User user, WorkspaceId workspace) {
        return fixtures.as(user, () -> collaborations.mine(workspace, Set.of(), null, 50)).items();
    }

    private static void open(CollaborationId id) {
        UI.getCurrent().navigate("collaborations", QueryParameters.of("collaboration", id.toString()));
    }

    @SuppressWarnings("unchecked")
    private static List<String> titles() {
        Grid<ListedCollaboration> grid = _get(Grid.class, spec -> spec.withId("collaborations-grid"));
        return GridKt._fetch(grid, 0, 50).stream().map(l -> l.collaboration().title()).toList();
    }

    private static String feedText() {
        return text(_get(Component.class, spec -> spec.withId("messages")));
    }

    /** Feed updates come on a delivery thread and wait in the session's queue until run here. */
    private static void await(BooleanSupplier condition) {
        Awaitility.await("the feed").atMost(LIVE).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    MockVaadin.runUIQueue();
                    return condition.getAsBoolean();
                });
    }

    private static String text(Component component) {
        return Jsoup.parse(component.getElement().getOuterHTML()).text().strip();
    }
}
