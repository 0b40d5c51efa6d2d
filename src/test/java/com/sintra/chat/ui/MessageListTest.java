package com.sintra.chat.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.sintra.chat.AnswerMode;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.ConversationId;
import com.sintra.chat.MessagePage;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.VaadinSession;

/** The message list on its own, fed by a function and a reply as any live feed would feed it. */
class MessageListTest {

    private static final ConversationId CONVERSATION = new ConversationId(UUID.randomUUID());

    private MessageList list;
    /** How often the reply's end was told. */
    private final AtomicInteger ended = new AtomicInteger();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        list = new MessageList();
        UI.getCurrent().add(list);
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void it_opens_on_the_latest_page_and_asks_for_each_earlier_page_before_the_oldest_message_shown() {
        List<ChatMessage> all = IntStream.range(0, 5).mapToObj(i -> message(i, "Message " + i)).toList();
        List<Long> askedBefore = new ArrayList<>();
        list.show(oldest -> {
            askedBefore.add(oldest == null ? null : oldest.id());
            int end = oldest == null ? all.size() : (int) oldest.id();
            return new MessagePage(all.subList(Math.max(0, end - 2), end), end > 2);
        });

        assertThat(texts()).containsExactly("Message 3", "Message 4");
        Button loadEarlier = _get(Button.class, spec -> spec.withId("load-earlier"));
        _click(loadEarlier);
        assertThat(texts()).containsExactly("Message 1", "Message 2", "Message 3", "Message 4");
        _click(loadEarlier);

        assertThat(texts()).containsExactly("Message 0", "Message 1", "Message 2", "Message 3", "Message 4");
        assertThat(askedBefore).containsExactly(null, 3L, 1L);
        assertThat(loadEarlier.isVisible()).isFalse();
    }

    @Test
    void streamed_text_reaches_the_last_bubble_in_one_repaint_per_moment_not_one_per_token() {
        LiveReply reply = list.reply(ended::incrementAndGet);

        IntStream.range(0, 100).forEach(i -> reply.append("w" + i + " "));
        awaitUiUpdates(1);

        assertThat(VaadinSession.getCurrent().getPendingAccessQueue()).as("UI updates queued for 100 tokens").hasSize(1);
        MockVaadin.runUIQueue();
        assertThat(lastBubbleText()).startsWith("Answering…").contains("w0 ").endsWith("w99");
        assertThat(ended).hasValue(0);
    }

    @Test
    void the_stored_answer_takes_the_drafts_place_and_the_reply_ends_once() {
        LiveReply reply = list.reply(ended::incrementAndGet);
        reply.append("Draft");

        reply.complete(answer("Refunds take five days."));
        // The draft's repaint, due later, comes after the answer: it must not bring the draft back.
        awaitUiUpdates(2);
        MockVaadin.runUIQueue();

        assertThat(lastBubbleText()).isEqualTo("Offline — quoted from the knowledge base, no model Refunds take five days.");
        assertThat(reply.isOpen()).isFalse();
        assertThat(ended).hasValue(1);
    }

    @Test
    void a_stopped_reply_keeps_what_had_arrived_marked_stopped_and_ignores_what_comes_after() {
        LiveReply reply = list.reply(ended::incrementAndGet);
        reply.append("Five business");
        awaitUiUpdates(1);
        MockVaadin.runUIQueue();

        list.stopReply();
        reply.append(" days");
        reply.complete(answer("Five business days."));
        MockVaadin.runUIQueue();

        assertThat(lastBubbleText()).isEqualTo("Stopped Five business");
        assertThat(reply.isOpen()).isFalse();
        assertThat(ended).as("whoever stops a reply knows it ended").hasValue(0);
    }

    @Test
    void a_failed_reply_tells_the_reader_keeps_its_draft_as_stopped_and_ends() {
        LiveReply reply = list.reply(ended::incrementAndGet);

        reply.fail(new IllegalStateException("the model went away"));
        MockVaadin.runUIQueue();

        assertThat(_get(Span.class, spec -> spec.withClasses(MessageBubble.MODE)).getText()).isEqualTo("Stopped");
        assertThat(ended).hasValue(1);
    }

    @Test
    void regenerating_is_offered_below_the_last_answer_only_while_nothing_streams() {
        AtomicInteger regenerated = new AtomicInteger();
        list.onRegenerate(regenerated::incrementAndGet);
        list.add(question("How long do refunds take?"));
        _assertNone(Button.class, spec -> spec.withId("regenerate"));

        LiveReply reply = list.reply(() -> { });
        _assertNone(Button.class, spec -> spec.withId("regenerate"));
        reply.complete(answer("Five days."));
        MockVaadin.runUIQueue();
        _click(_get(Button.class, spec -> spec.withId("regenerate")));

        assertThat(regenerated).hasValue(1);
        list.onRegenerate(null);
        _assertNone(Button.class, spec -> spec.withId("regenerate"));
    }

    @Test
    void the_first_message_takes_the_place_of_the_notices_of_an_empty_list() {
        list.addNotice(new Paragraph("Ask anything."));
        assertThat(texts()).containsExactly("Ask anything.");

        list.add(question("Where do orders ship from?"));

        assertThat(texts()).containsExactly("Where do orders ship from?");
    }

    /** The list calls its module's functions by name: each must be one the module defines. */
    @Test
    void a_shared_feed_names_each_author_streams_a_draft_by_offset_and_replaces_it_with_the_finished_message() {
        list.authoredBy(message -> message.fromUser() ? null : "Ada");
        list.show(oldest -> new MessagePage(List.of(message(1, "Hello")), false));
        list.put(message(2, "Mine"), false);
        list.put(message(3, "Draft"), true);

        list.extendDraft(3, 5, " so");
        // Text already shown is not shown twice, and text after a gap waits for the finished message.
        list.extendDraft(3, 5, " so far");
        list.extendDraft(3, 40, "lost");
        assertThat(texts()).containsExactly("Ada Hello", "Mine", "AdaAnswering… Draft so far");

        list.put(message(3, "Finished answer"), false);

        assertThat(texts()).containsExactly("Ada Hello", "Mine", "Ada Finished answer");
        assertThat(_find(Span.class, spec -> spec.withClasses(MessageBubble.AUTHOR))).extracting(Span::getText)
                .containsExactly("Ada", "Ada");
    }

    @Test
    void every_function_the_list_calls_is_defined_by_its_javascript_module() throws IOException {
        String module = Files.readString(Path.of("frontend/chat/message-list.js"));
        List<String> called = new ArrayList<>(calledFunctions());
        list.show(oldest -> new MessagePage(List.of(answer("Five days.")), true));
        called.addAll(calledFunctions());
        _get(Button.class, spec -> spec.withId("load-earlier")).click();
        called.addAll(calledFunctions());

        assertThat(called).contains("loadEarlierAtTop", "scrollToEnd", "keepPlace");
        called.forEach(function -> assertThat(module).as(function).containsPattern("\\n  " + function + "\\(scroller"));
    }

    /** The module's functions the list has called since the last look. */
    private static List<String> calledFunctions() {
        Pattern call = Pattern.compile("window\\.Sintra\\.messageList\\.(\\w+)\\(this");
        // Vaadin hands a call to the page just before it responds: as it would respond now.
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations().stream()
                .map(invocation -> call.matcher(invocation.getInvocation().getExpression()))
                .filter(Matcher::find).map(function -> function.group(1)).toList();
    }

    /**
     * Until this many UI updates wait in the session's queue (a repaint comes {@link LiveReply#REPAINT} after the
     * text). The test holds the session's lock, as Karibu does, so they wait there until the queue is run.
     */
    private static void awaitUiUpdates(int count) {
        VaadinSession session = VaadinSession.getCurrent();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.getPendingAccessQueue().size() >= count);
    }

    private List<String> texts() {
        return _get(VerticalLayout.class, spec -> spec.withId("messages")).getChildren().map(MessageListTest::text).toList();
    }

    private static String lastBubbleText() {
        List<Div> bubbles = _find(Div.class, spec -> spec.withClasses(MessageBubble.ANSWER));
        return text(bubbles.get(bubbles.size() - 1));
    }

    private static String text(Component component) {
        return Jsoup.parse(component.getElement().getOuterHTML()).text().strip();
    }

    private static ChatMessage question(String content) {
        return new ChatMessage(1, CONVERSATION, ChatMessage.Sender.USER, content, List.of(), null, null, null, null,
                null, null, Instant.now());
    }

    private static ChatMessage answer(String content) {
        return new ChatMessage(2, CONVERSATION, ChatMessage.Sender.AGENT, content, List.of(), AnswerMode.OFFLINE, null,
                null, null, null, null, Instant.now());
    }

    private static ChatMessage message(long id, String content) {
        return new ChatMessage(id, CONVERSATION, id % 2 == 0 ? ChatMessage.Sender.USER : ChatMessage.Sender.AGENT,
                content, List.of(), id % 2 == 0 ? null : AnswerMode.MODEL, null, null, null, null, null, Instant.now());
    }
}

