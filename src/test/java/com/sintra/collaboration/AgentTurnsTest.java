package com.sintra.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiCircuit;
import com.sintra.ai.AiGateway;
import com.sintra.ai.FakeOpenAiServer;
import com.sintra.chat.ChatSetup;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;
import com.sintra.workspace.WorkspaceId;

/** Agents' runs against the fake OpenAI-compatible server and the real database. */
@SpringBootTest
@ActiveProfiles("test")
@Import(Fixtures.class)
class AgentTurnsTest {

    private static final FakeOpenAiServer PROVIDER = start();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("sintra.ai.base-url", PROVIDER::baseUrl);
        registry.add("sintra.ai.retry-attempts", () -> "1");
    }

    @Autowired
    Fixtures fixtures;
    @Autowired
    CollaborationService collaborations;
    @Autowired
    AgentService agents;
    @Autowired
    AiGateway gateway;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Transcript transcript;
    @Autowired
    InterruptedAnswers interruptedAnswers;
    @Autowired
    CollaborationRepository collaborationRepository;
    @Autowired
    CollaborationProperties properties;

    User ana;
    WorkspaceId workspace;
    AgentId planner;
    AgentId critic;

    @BeforeEach
    void team() {
        PROVIDER.mode(FakeOpenAiServer.Mode.ANSWER).answers(null).answerTime(Duration.ZERO)
                .tokens(List.of("A", " fine", " point."));
        ana = fixtures.newUser();
        workspace = fixtures.newWorkspace(ana);
        planner = agent("Planner", "plans launches, schedules and milestones");
        critic = agent("Critic", "finds risks, flaws and security problems");
    }

    @AfterEach
    void closeCircuit() {
        AiCircuit.close(gateway);
    }

    @Test
    void a_mention_wins_and_only_the_named_agent_answers_when_agents_answer_only_when_named() {
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        post(collaboration, "Nobody named here");
        post(collaboration, "@Critic what could go wrong?");

        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1 && idle(collaboration));
        CollaborationMessage answer = answers(collaboration).get(0);
        assertThat(answer.authorName()).isEqualTo("Critic");
        assertThat(answer.state()).isEqualTo(State.COMPLETE);
        assertThat(answer.content()).isEqualTo("A fine point.");
        assertThat(answer.completionTokens()).isEqualTo(3);
        assertThat(fixtures.as(ana, () -> collaborations.get(collaboration.id())).tokensUsed()).isEqualTo(15);
    }

    @Test
    void a_person_may_write_while_an_agent_answers_and_their_message_plans_the_next_turn() {
        PROVIDER.answerTime(Duration.ofSeconds(2));
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        post(collaboration, "@Planner draft the plan");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1);
        post(collaboration, "@Critic then tell us what is wrong with it");

        await().atMost(Duration.ofSeconds(30)).until(() -> answers(collaboration).size() == 2 && idle(collaboration));
        List<CollaborationMessage> stream = stream(collaboration);
        assertThat(stream).extracting(CollaborationMessage::authorName).containsExactly(ana.displayName(), "Planner",
                ana.displayName(), "Critic");
        assertThat(answers(collaboration)).extracting(CollaborationMessage::state).containsOnly(State.COMPLETE);
    }

    @Test
    void an_answer_left_streaming_by_a_stopped_node_is_marked_interrupted_at_start_up() {
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        CollaborationMessage left = transcript.startAnswer(collaboration.id(), planner, "Planner", "fake").orElseThrow();

        interruptedAnswers.interruptLeftovers();

        assertThat(answers(collaboration)).singleElement().satisfies(answer -> {
            assertThat(answer.sequence()).isEqualTo(left.sequence());
            assertThat(answer.state()).isEqualTo(State.INTERRUPTED);
        });
    }

    @Test
    void with_several_nodes_only_answers_their_node_stopped_touching_are_marked_interrupted() {
        AbandonedAnswers abandoned = new AbandonedAnswers(collaborationRepository, transcript, properties);
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        CollaborationMessage dead = transcript.startAnswer(collaboration.id(), planner, "Planner", "fake").orElseThrow();
        transcript.forget(new Transcript.Writing(collaboration.id(), dead.sequence())); // as if another node wrote it
        CollaborationMessage mine = transcript.startAnswer(collaboration.id(), critic, "Critic", "fake").orElseThrow();
        CollaborationMessage othersFresh = transcript.startAnswer(collaboration.id(), planner, "Planner", "fake").orElseThrow();
        transcript.forget(new Transcript.Writing(collaboration.id(), othersFresh.sequence()));
        jdbc.sql("UPDATE collaboration_messages SET updated_at = now() - interval '1 hour' WHERE collaboration_id = :id "
                + "AND sequence IN (:dead, :mine)").param("id", collaboration.id().value())
                .param("dead", dead.sequence()).param("mine", mine.sequence()).update();

        abandoned.touchMine();
        abandoned.interruptAbandoned();

        assertThat(answers(collaboration)).extracting(CollaborationMessage::sequence, CollaborationMessage::state)
                .containsExactly(tuple(dead.sequence(), State.INTERRUPTED), tuple(mine.sequence(), State.STREAMING),
                        tuple(othersFresh.sequence(), State.STREAMING));
        transcript.finish(collaboration.id(), mine.sequence(), State.COMPLETE, "Done.", List.of(), "fake", 1, 1, "Critic");
        assertThat(transcript.writingHere()).as("a finished answer is no longer touched")
                .doesNotContain(new Transcript.Writing(collaboration.id(), mine.sequence()));
    }

    @Test
    void round_robin_takes_the_agents_in_turn_and_stops_after_the_turn_cap_saying_so() {
        Collaboration collaboration = create(CollaborationMode.ROUND_ROBIN, 3);
        post(collaboration, "Let us plan the launch");

        await().atMost(Duration.ofSeconds(30)).until(() -> hasNotice(collaboration, n -> n.contains("after 3 turns")));
        assertThat(answers(collaboration)).extracting(CollaborationMessage::authorName)
                .containsExactly("Planner", "Critic", "Planner");
    }

    @Test
    void a_single_agent_answers_each_message_once_and_then_waits_for_someone_else_to_write() {
        for (CollaborationMode mode : List.of(CollaborationMode.ROUND_ROBIN, CollaborationMode.ORCHESTRATED)) {
            Collaboration collaboration = create(mode, 8, planner);
            post(collaboration, "Let us plan the launch");
            await().atMost(Duration.ofSeconds(30)).until(() -> answers(collaboration).size() == 1 && idle(collaboration));

            post(collaboration, "And the date?");
            await().atMost(Duration.ofSeconds(30)).until(() -> answers(collaboration).size() == 2 && idle(collaboration));
            assertThat(answers(collaboration)).as(mode.name()).extracting(CollaborationMessage::authorName)
                    .containsExactly("Planner", "Planner");
            assertThat(stream(collaboration)).as("no stop notice: nothing was cut short")
                    .noneMatch(m -> m.kind() == Kind.NOTICE);
        }
    }

    @Test
    void the_orchestrator_never_gives_the_floor_to_the_same_agent_twice_in_a_row() {
        // The model always picks the planner: when the planner spoke last, the choice falls back to the other.
        PROVIDER.answers(request -> request.contains(Orchestrator.SELECTION_QUESTION) ? List.of("Planner")
                : List.of("Noted."));
        Collaboration collaboration = create(CollaborationMode.ORCHESTRATED, 4);
        post(collaboration, "How should we schedule the launch milestones?");

        await().atMost(Duration.ofSeconds(30)).until(() -> hasNotice(collaboration, n -> n.contains("after 4 turns")));
        assertThat(answers(collaboration)).extracting(CollaborationMessage::authorName)
                .containsExactly("Planner", "Critic", "Planner", "Critic");
        // Only the first choice had two candidates: the fake provider reports 12 + 1 tokens for it.
        assertThat(tokensUsed(collaboration) - answerTokens(collaboration)).as("the selection's tokens count too")
                .isEqualTo(13);
    }

    @Test
    void offline_the_orchestrator_chooses_the_agent_whose_description_fits_the_latest_message() {
        AiCircuit.forceOpen(gateway);
        Collaboration collaboration = create(CollaborationMode.ORCHESTRATED, 1);
        post(collaboration, "What security risks and flaws do you see?");

        await().atMost(Duration.ofSeconds(20)).until(() -> hasNotice(collaboration, n -> n.contains("after 1 turns")));
        CollaborationMessage answer = answers(collaboration).get(0);
        assertThat(answer.authorName()).isEqualTo("Critic");
        assertThat(answer.content()).startsWith("**Offline answer**");
        assertThat(answer.model()).isNull();
        assertThat(answer.completionTokens()).isZero();
    }

    @Test
    void an_agent_that_finds_the_goal_met_ends_the_run_and_the_marker_is_not_shown() {
        PROVIDER.tokens(List.of("All", " done.", "\nGOAL", " MET"));
        Collaboration collaboration = create(CollaborationMode.ROUND_ROBIN, 8);
        post(collaboration, "Are we done?");

        await().atMost(Duration.ofSeconds(20)).until(() -> hasNotice(collaboration, n -> n.contains("says the goal is met")));
        assertThat(answers(collaboration)).extracting(CollaborationMessage::content).containsExactly("All done.");
    }

    @Test
    void agents_naming_each_other_stop_at_a_depth_of_four() {
        PROVIDER.answers(request -> request.contains("Planner (agent) — you") ? List.of("Over to @Critic")
                : List.of("Back to @Planner"));
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 20);
        post(collaboration, "@Planner start");

        await().atMost(Duration.ofSeconds(30)).until(() -> hasNotice(collaboration, n -> n.contains("named each other 4 times")));
        assertThat(answers(collaboration)).hasSize(5);
    }

    @Test
    void a_spent_token_budget_stops_the_agents_saying_so() {
        Collaboration collaboration = create(CollaborationMode.ROUND_ROBIN, 8);
        jdbc.sql("UPDATE collaborations SET tokens_used = token_budget WHERE id = :id").param("id", collaboration.id().value()).update();
        post(collaboration, "Anyone?");

        await().atMost(Duration.ofSeconds(20)).until(() -> hasNotice(collaboration, n -> n.contains("tokens is spent")));
        assertThat(answers(collaboration)).isEmpty();
    }

    @Test
    void stopping_cancels_the_answer_upstream_and_keeps_what_was_written_marked_stopped() {
        PROVIDER.answerTime(Duration.ofSeconds(20)).tokens(List.of("One", " two", " three", " four", " five", " six",
                " seven", " eight", " nine", " ten"));
        int disconnects = PROVIDER.disconnects();
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        post(collaboration, "@Planner count slowly");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1);
        await().pollDelay(Duration.ofMillis(4500)).until(() -> true);

        assertThat(fixtures.as(ana, () -> collaborations.stop(collaboration.id()))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> answers(collaboration).get(0).state() == State.STOPPED);
        assertThat(answers(collaboration).get(0).content()).startsWith("One two");
        await().atMost(Duration.ofSeconds(10)).until(() -> PROVIDER.disconnects() > disconnects);
        assertThat(hasNotice(collaboration, n -> n.equals(ana.displayName() + " stopped the agents"))).isTrue();
        assertThat(idle(collaboration)).isTrue();
        CollaborationMessage stopped = answers(collaboration).get(0);
        assertThat(stopped.completionTokens()).as("no usage comes for a cancelled stream: estimated from its text")
                .isPositive().isLessThan(10);
        assertThat(stopped.promptTokens()).isPositive();
        assertThat(tokensUsed(collaboration)).isEqualTo(answerTokens(collaboration));
    }

    @Test
    void pausing_ends_the_run_after_the_answer_being_written() {
        PROVIDER.answerTime(Duration.ofSeconds(2));
        Collaboration collaboration = create(CollaborationMode.ROUND_ROBIN, 8);
        post(collaboration, "Go");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1);
        fixtures.as(ana, () -> collaborations.pause(collaboration.id()));

        await().atMost(Duration.ofSeconds(20)).until(() -> idle(collaboration));
        assertThat(answers(collaboration)).singleElement().extracting(CollaborationMessage::state).isEqualTo(State.COMPLETE);
    }

    @Test
    void completing_writes_the_models_summary_first_and_then_the_stream_is_read_only() {
        PROVIDER.answers(request -> request.contains("Write the summary.") ? List.of("We agreed", " on Monday.")
                : List.of("Monday works."));
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        post(collaboration, "@Planner when?");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1 && idle(collaboration));

        long before = tokensUsed(collaboration);
        assertThat(fixtures.as(ana, () -> collaborations.complete(collaboration.id()))).isTrue();

        assertThat(tokensUsed(collaboration) - before).as("the summary's 12 + 2 tokens count too").isEqualTo(14);
        List<CollaborationMessage> stream = stream(collaboration);
        assertThat(stream.get(stream.size() - 2).kind()).isEqualTo(Kind.SUMMARY);
        assertThat(stream.get(stream.size() - 2).content()).isEqualTo("We agreed on Monday.");
        assertThat(stream.get(stream.size() - 1).content()).endsWith("completed the collaboration");
    }

    @Test
    void offline_completing_writes_an_extractive_summary_of_the_goal_and_the_agents_key_sentences() {
        PROVIDER.tokens(List.of("The launch is on Monday.", " Lunch is at noon."));
        Collaboration collaboration = create(CollaborationMode.MENTIONED_ONLY, 8);
        post(collaboration, "@Planner when is the launch?");
        await().atMost(Duration.ofSeconds(20)).until(() -> answers(collaboration).size() == 1 && idle(collaboration));
        AiCircuit.forceOpen(gateway);

        fixtures.as(ana, () -> collaborations.complete(collaboration.id()));

        CollaborationMessage summary = stream(collaboration).stream().filter(m -> m.kind() == Kind.SUMMARY).findFirst()
                .orElseThrow();
        assertThat(summary.content()).startsWith(CompletionSummary.EXTRACTIVE_LABEL)
                .contains("**Goal:** Plan the launch").contains("**Planner:** The launch is on Monday.");
    }

    // --- helpers -----------------------------------------------------------------------------

    private AgentId agent(String name, String role) {
        var draft = ChatSetup.draft(name, new BigDecimal("0.7"), false, List.of());
        var described = new com.sintra.agent.AgentDraft(draft.name(), role, draft.systemPrompt(), draft.model(),
                draft.temperature(), draft.maxTokens(), draft.avatarColor(), draft.cacheAnswers(), draft.knowledgeBases());
        return fixtures.as(ana, () -> agents.create(workspace, described));
    }

    private Collaboration create(CollaborationMode mode, int turns) {
        return create(mode, turns, planner, critic);
    }

    private Collaboration create(CollaborationMode mode, int turns, AgentId... team) {
        return fixtures.as(ana, () -> collaborations.create(new NewCollaboration(workspace, "Launch", "Plan the launch",
                mode, Visibility.WORKSPACE, turns, null, List.of(), List.of(team))));
    }

    private void post(Collaboration collaboration, String text) {
        fixtures.as(ana, () -> collaborations.post(collaboration.id(), text));
    }

    private List<CollaborationMessage> stream(Collaboration collaboration) {
        return fixtures.as(ana, () -> collaborations.messages(collaboration.id(), null, 200)).messages();
    }

    private List<CollaborationMessage> answers(Collaboration collaboration) {
        return stream(collaboration).stream().filter(m -> m.authorKind() == AuthorKind.AGENT).toList();
    }

    private boolean hasNotice(Collaboration collaboration, Predicate<String> text) {
        return stream(collaboration).stream().anyMatch(m -> m.kind() == Kind.NOTICE && text.test(m.content()));
    }

    private long tokensUsed(Collaboration collaboration) {
        return fixtures.as(ana, () -> collaborations.get(collaboration.id())).tokensUsed();
    }

    private long answerTokens(Collaboration collaboration) {
        return answers(collaboration).stream()
                .mapToLong(m -> (m.promptTokens() == null ? 0 : m.promptTokens()) + (m.completionTokens() == null ? 0 : m.completionTokens()))
                .sum();
    }

    private boolean idle(Collaboration collaboration) {
        return !fixtures.as(ana, () -> collaborations.agentsAtWork(collaboration.id()));
    }

    private static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
