package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.agent.AgentId;
import com.sintra.ai.FakeOpenAiServer;
import com.sintra.chat.ChatSetup;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationMessage;
import com.sintra.collaboration.CollaborationMode;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.collaboration.Visibility;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;

/**
 * Collaborations in real browsers, each person with a session of their own, updates pushed by Vaadin; the agent
 * answers through the fake OpenAI-compatible provider, slowly enough to be watched as it is written. (The
 * provider makes this class's Spring context its own: the other browser tests answer offline.)
 */
class CollaborationBrowserIT extends BrowserTest {

    private static final FakeOpenAiServer PROVIDER = provider();
    private static final List<String> TOKENS = List.of("One", " two", " three", " four", " five", " six", " seven",
            " eight", " nine", " ten", " eleven", " twelve", " thirteen", " fourteen", " fifteen", " sixteen",
            " seventeen", " eighteen", " nineteen", " twenty.");
    private static final String ANSWER = String.join("", TOKENS);
    /** Long enough for anything pushed to one page to reach the others on a busy machine. */
    private static final Duration LIVE = Duration.ofSeconds(60);

    private static final String FEED = "return document.querySelector('#messages').textContent";
    /** The agent's answer as shown: its text, whether it is still being written, its badge, and a copy button. */
    private static final String AGENT_ANSWER = """
            const bubble = [...document.querySelectorAll('#messages .chat-answer')]
                .find(b => { const a = b.querySelector('.chat-author'); return a && a.textContent === 'Scribe (agent)'; });
            if (!bubble) return null;
            const text = bubble.querySelector('.chat-markdown');
            const mode = bubble.querySelector('.chat-mode');
            return {text: text ? text.textContent.trim() : '', writing: bubble.textContent.includes('Answering…'),
                    mode: mode ? mode.textContent.trim() : '', copy: !!bubble.querySelector('.chat-copy')};
            """;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("sintra.ai.base-url", PROVIDER::baseUrl);
        registry.add("sintra.ai.retry-attempts", () -> "1");
    }

    private User ann;
    private User ben;
    private User cat;
    private WorkspaceId workspace;
    private AgentId scribe;

    @BeforeEach
    void people() {
        PROVIDER.mode(FakeOpenAiServer.Mode.ANSWER).answers(null).tokens(TOKENS).answerTime(Duration.ofSeconds(4));
        ann = fixtures.newUser();
        workspace = fixtures.newWorkspace(ann);
        ben = member(workspace, ann);
        cat = member(workspace, ann);
        scribe = fixtures.as(ann, () -> agents.create(workspace, ChatSetup.draft("Scribe", new BigDecimal("0.7"), false,
                List.of())));
    }

    @AfterEach
    void quiet() {
        PROVIDER.answerTime(Duration.ZERO);
    }

    @Test
    void two_people_in_one_collaboration_see_each_others_messages_and_the_agents_answer_grow_live_and_a_third_in_another_sees_none() {
        CollaborationId shared = shared();
        CollaborationId other = fixtures.as(cat, () -> collaborations.create(NewCollaboration.of(workspace, "Other",
                "", List.of(), List.of())).id());

        try (Browser second = anotherBrowser(); Browser third = anotherBrowser()) {
            open(browser, ann, shared);
            open(second, ben, shared);
            open(third, cat, other);

            browser.type("collaboration-message", "Hello from Ann");
            browser.click("collaboration-send");
            second.await("Ann's message in Ben's view", d -> text(second).contains("Hello from Ann"));
            second.type("collaboration-message", "Hello from Ben");
            second.click("collaboration-send");
            browser.await("Ben's message in Ann's view", d -> text(browser).contains("Hello from Ben"));

            browser.type("collaboration-message", "@Scribe count to twenty, please");
            browser.click("collaboration-send");

            Map<String, List<String>> partials = watch(Map.of("Ann", browser, "Ben", second), third,
                    answer -> !answer.writing() && answer.text().equals(ANSWER));
            partials.forEach((who, seen) -> assertGrew(seen, who));
            for (Browser page : List.of(browser, second)) {
                Shown answer = answer(page);
                assertThat(answer.mode()).as("a complete answer has no badge").isEmpty();
                assertThat(answer.copy()).as("a finished answer can be copied").isTrue();
            }
            assertThat(stored(shared).state()).isEqualTo(CollaborationMessage.State.COMPLETE);
            assertThat(text(third)).doesNotContain("Hello from").doesNotContain("One two");
        }
    }

    @Test
    void one_person_stops_the_answer_being_written_and_both_see_what_it_had_said_marked_stopped() {
        PROVIDER.answerTime(Duration.ofSeconds(30));
        CollaborationId shared = shared();

        try (Browser second = anotherBrowser()) {
            open(browser, ann, shared);
            open(second, ben, shared);
            browser.type("collaboration-message", "@Scribe count to twenty, slowly");
            browser.click("collaboration-send");
            for (Browser page : List.of(browser, second)) {
                page.waitUntil(d -> {
                    Shown answer = answer(page);
                    return answer != null && answer.writing() && !answer.text().isEmpty();
                }, LIVE, "the answer's first words");
            }

            second.click("collaboration-stop");

            CollaborationMessage stopped = await("the answer stored as stopped").atMost(LIVE)
                    .until(() -> stored(shared), m -> m.state() == CollaborationMessage.State.STOPPED);
            assertThat(ANSWER).startsWith(stopped.content()).isNotEqualTo(stopped.content());
            assertThat(stopped.content()).isNotEmpty();
            for (Browser page : List.of(browser, second)) {
                Shown answer = page.waitUntil(d -> {
                    Shown shown = answer(page);
                    return shown != null && !shown.writing() && shown.mode().equals("Stopped") ? shown : null;
                }, LIVE, () -> "the stopped answer, shown as " + answer(page));
                assertThat(answer.text()).isEqualTo(stopped.content());
            }
        }
    }

    @Test
    void someone_who_opens_the_collaboration_while_the_agent_answers_sees_the_answer_so_far_and_then_it_grows() {
        PROVIDER.answerTime(Duration.ofSeconds(16));
        CollaborationId shared = shared();

        try (Browser second = anotherBrowser()) {
            open(browser, ann, shared);
            second.signIn(ben.email(), Fixtures.PASSWORD);
            browser.type("collaboration-message", "@Scribe count to twenty, please");
            browser.click("collaboration-send");
            browser.waitUntil(d -> {
                Shown answer = answer(browser);
                return answer != null && answer.writing() && !answer.text().isEmpty();
            }, LIVE, "the answer's first words in Ann's view");

            second.open("/collaborations?collaboration=" + shared);

            Map<String, List<String>> partials = watch(Map.of("Ben", second), null,
                    answer -> !answer.writing() && answer.text().equals(ANSWER));
            assertGrew(partials.get("Ben"), "Ben");
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    /** A collaboration of Ann's and Ben's, where the scribe answers when named. */
    private CollaborationId shared() {
        return fixtures.as(ann, () -> collaborations.create(new NewCollaboration(workspace, "Shared", "",
                CollaborationMode.MENTIONED_ONLY, Visibility.INVITED, null, null, List.of(ben.id()),
                List.of(scribe))).id());
    }

    /**
     * Watches the agent's answer in each page until it is {@code done} in all of them, checking on the way that
     * the {@code outsider}'s page (if any) shows nothing of the collaboration. Returns, by page, the texts seen
     * while the answer was still being written, in the order seen, each once.
     */
    private static Map<String, List<String>> watch(Map<String, Browser> pages, Browser outsider, Predicate<Shown> done) {
        Map<String, List<String>> partials = new TreeMap<>();
        pages.keySet().forEach(who -> partials.put(who, new ArrayList<>()));
        await("the answer, finished in every view").atMost(LIVE).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    boolean all = true;
                    for (var page : pages.entrySet()) {
                        Shown answer = answer(page.getValue());
                        List<String> seen = partials.get(page.getKey());
                        if (answer != null && answer.writing() && !answer.text().isEmpty()
                                && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(answer.text()))) {
                            seen.add(answer.text());
                        }
                        all &= answer != null && done.test(answer);
                    }
                    if (outsider != null) {
                        assertThat(text(outsider)).as("the other collaboration's feed")
                                .doesNotContain("Hello from").doesNotContain("One two");
                    }
                    return all;
                });
        return partials;
    }

    /**
     * The texts seen in one view while the answer was being written: each the start of the answer and longer than
     * the one before, at least two of them before all of it (the whole text may show a moment before it is stored).
     */
    private static void assertGrew(List<String> seen, String who) {
        assertThat(seen).as("the answer's text while it was written, in " + who + "'s view")
                .allSatisfy(text -> assertThat(ANSWER).startsWith(text))
                .isSortedAccordingTo((a, b) -> Integer.compare(a.length(), b.length())).doesNotHaveDuplicates()
                .filteredOn(text -> !text.equals(ANSWER)).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The agent's answer as stored. */
    private CollaborationMessage stored(CollaborationId id) {
        return fixtures.as(ann, () -> collaborations.messages(id, null, 50)).messages().stream()
                .filter(m -> m.authorKind() == CollaborationMessage.AuthorKind.AGENT).findFirst().orElseThrow();
    }

    private User member(WorkspaceId workspace, User owner) {
        User member = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, member.email(), WorkspaceRole.EDITOR));
        return member;
    }

    private static void open(Browser browser, User user, CollaborationId id) {
        browser.signIn(user.email(), Fixtures.PASSWORD);
        browser.open("/collaborations?collaboration=" + id);
        browser.await("the collaboration's composer", d -> browser.first("#collaboration-message"));
    }

    private static String text(Browser browser) {
        return String.valueOf(browser.js(FEED));
    }

    private record Shown(String text, boolean writing, String mode, boolean copy) {
    }

    @SuppressWarnings("unchecked")
    private static Shown answer(Browser browser) {
        Object found = browser.js(AGENT_ANSWER);
        if (!(found instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> shown = (Map<String, Object>) map;
        return new Shown(String.valueOf(shown.get("text")), Boolean.TRUE.equals(shown.get("writing")),
                String.valueOf(shown.get("mode")), Boolean.TRUE.equals(shown.get("copy")));
    }

    private static FakeOpenAiServer provider() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
