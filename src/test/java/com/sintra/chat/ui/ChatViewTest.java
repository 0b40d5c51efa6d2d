package com.sintra.chat.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.ShortcutsKt;
import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainService;
import com.sintra.base.ui.CopyableId;
import com.sintra.brain.DocumentChunk;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatEvent;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.ChatService;
import com.sintra.chat.ChatSetup;
import com.sintra.chat.Conversation;
import com.sintra.chat.ConversationId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;

class ChatViewTest extends KaribuTest {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    ChatService chat;

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JdbcClient jdbc;

    ChatSetup setup;

    @BeforeEach
    void setUp() {
        setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
    }

    @Test
    void a_question_is_shown_at_once_and_then_its_offline_answer_with_badge_and_a_citation_into_the_document() {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");
        assertThat(_find(SideNavItem.class).stream().map(SideNavItem::getLabel)).contains("Chat");

        ask("How long do refunds take to arrive?");

        assertThat(texts(MessageBubble.QUESTION)).containsExactly("How long do refunds take to arrive?");
        awaitAnswer();
        Span badge = _get(Span.class, spec -> spec.withClasses(MessageBubble.MODE));
        assertThat(badge.getText()).isEqualTo("Offline — quoted from the knowledge base, no model");
        String answer = _get(Div.class, spec -> spec.withClasses(MessageBubble.ANSWER)).getChildren()
                .filter(Html.class::isInstance).map(h -> ((Html) h).getInnerHtml()).findFirst().orElseThrow();
        assertThat(answer).contains("<strong>Offline answer</strong>").contains("five business days");
        _assertNone(Button.class, spec -> spec.withId("stop"));

        List<Conversation> stored = fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50));
        assertThat(stored).hasSize(1);
        ChatMessage storedAnswer = fixtures.as(setup.owner(), () -> chat.messages(stored.get(0).id(), null, 30))
                .messages().get(1);
        var cited = storedAnswer.citations().get(0);
        Anchor citation = _find(Anchor.class, spec -> spec.withClasses(MessageBubble.CITATION)).get(0);
        assertThat(citation.getText()).isEqualTo("[1] " + cited.documentTitle() + " · passage " + (cited.position() + 1));
        assertThat(citation.getHref()).isEqualTo("brain/documents/" + cited.documentId() + "?passage=" + cited.position());
        assertThat(citation.getElement().getAttribute("title")).isEqualTo(cited.excerpt());
        assertThat(_find(RouterLink.class).stream().map(RouterLink::getText))
                .contains("How long do refunds take to arrive?");

        // Following the citation opens the cited document.
        String[] href = citation.getHref().split("\\?");
        UI.getCurrent().navigate(href[0], QueryParameters.fromString(href[1]));
        assertThat(_get(H2.class).getText()).isEqualTo(cited.documentTitle());
        @SuppressWarnings("unchecked")
        Grid<DocumentChunk> passages = _get(Grid.class);
        assertThat(passages.asSingleSelect().getValue().position()).isEqualTo(cited.position());
    }

    @Test
    void an_empty_message_is_refused_at_the_field_and_nothing_is_stored() {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");

        TextArea composer = _get(TextArea.class, spec -> spec.withId("chat-message"));
        _setValue(composer, "   ");
        assertThat(_get(Button.class, spec -> spec.withId("send")).isEnabled()).isFalse();
        ShortcutsKt._fireShortcut(composer, Key.ENTER);

        assertThat(composer.isInvalid()).isTrue();
        assertThat(composer.getErrorMessage()).isEqualTo("Write a message first");
        assertThat(texts(MessageBubble.QUESTION)).isEmpty();
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).isEmpty();

        _setValue(composer, "x".repeat(8001));
        ShortcutsKt._fireShortcut(composer, Key.ENTER);
        assertThat(composer.getErrorMessage()).contains("8,000");
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).isEmpty();
    }

    @Test
    void the_pane_opens_on_the_latest_page_and_loads_earlier_messages_only_when_asked() {
        ConversationId conversation = answeredConversation("Question 0");
        ChatSetup.insertMessages(jdbc, conversation, 70);
        openAs(setup.owner());
        UI.getCurrent().navigate("chat/" + conversation);

        List<String> shown = allTexts();
        assertThat(shown).hasSize(30).endsWith("Bulk 69").startsWith("Bulk 40").doesNotContain("Bulk 39", "Question 0");
        Button loadEarlier = _get(Button.class, spec -> spec.withId("load-earlier"));

        _click(loadEarlier);
        shown = allTexts();
        assertThat(shown).hasSize(60).startsWith("Bulk 10").endsWith("Bulk 69").doesNotHaveDuplicates();

        _click(loadEarlier);
        shown = allTexts();
        assertThat(shown).hasSize(72).startsWith("Question 0").endsWith("Bulk 69");
        _assertNone(Button.class, spec -> spec.withId("load-earlier"));
    }

    @Test
    void a_conversation_of_someone_else_is_not_found_and_none_of_it_is_shown() {
        ConversationId conversation = answeredConversation("Where do orders ship from?");
        User colleague = fixtures.newUser();
        fixtures.as(setup.owner(), () -> workspaces.addMember(setup.workspace(), colleague.email(), WorkspaceRole.EDITOR));

        openAs(colleague);
        UI.getCurrent().navigate("chat/" + conversation);

        assertThat(_get(Paragraph.class, spec -> spec.withId("conversation-not-found")).getText()).contains("not found");
        assertThat(pageText()).doesNotContain("Where do orders ship from?")
                .doesNotContain("Lisbon");
        assertThat(texts(MessageBubble.QUESTION)).isEmpty();
        assertThat(texts(MessageBubble.ANSWER)).isEmpty();

        UI.getCurrent().navigate("chat/not-a-conversation");
        _get(Paragraph.class, spec -> spec.withId("conversation-not-found"));
    }

    @Test
    void someone_outside_every_workspace_is_sent_to_the_workspaces_list_and_sees_no_conversation() {
        ConversationId conversation = answeredConversation("Where do orders ship from?");
        openAs(fixtures.newUser());

        UI.getCurrent().navigate("chat");
        _assertNone(ChatView.class);
        assertThat(_get(Paragraph.class).getText()).contains("not in any workspace");

        UI.getCurrent().navigate("chat/" + conversation);
        assertThat(_get(Paragraph.class).getText()).contains("choose a workspace");
        assertThat(pageText()).doesNotContain("Where do orders ship from?");
    }

    @Test
    void a_conversation_continues_where_it_was_opened_enter_sends_and_it_can_be_deleted() {
        ConversationId conversation = answeredConversation("Where do orders ship from?");
        openAs(setup.owner());
        UI.getCurrent().navigate("chat/" + conversation);
        assertThat(texts(MessageBubble.QUESTION)).containsExactly("Where do orders ship from?");

        TextArea composer = _get(TextArea.class, spec -> spec.withId("chat-message"));
        _setValue(composer, "And how long does express take?");
        ShortcutsKt._fireShortcut(composer, Key.ENTER, KeyModifier.SHIFT);
        assertThat(texts(MessageBubble.QUESTION)).hasSize(1);
        ShortcutsKt._fireShortcut(composer, Key.ENTER);
        awaitAnswer(2);
        assertThat(composer.getValue()).isEmpty();
        assertThat(texts(MessageBubble.QUESTION)).containsExactly("Where do orders ship from?", "And how long does express take?");
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).hasSize(1);

        _click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Delete Where do orders ship from?")));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).isEmpty();
        assertThat(texts(MessageBubble.QUESTION)).isEmpty();
    }

    @Test
    void the_composer_tells_the_limit_while_typing_and_send_waits_for_a_message_that_can_be_sent() {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");
        TextArea composer = _get(TextArea.class, spec -> spec.withId("chat-message"));
        Button send = _get(Button.class, spec -> spec.withId("send"));

        assertThat(composer.getMaxLength()).isEqualTo(8000);
        assertThat(send.isEnabled()).isFalse();
        _setValue(composer, "Where do orders ship from?");
        assertThat(send.isEnabled()).isTrue();
        assertThat(composer.getHelperText()).isNull();

        _setValue(composer, "x".repeat(7500));
        assertThat(composer.getHelperText()).isEqualTo("7,500 of 8,000 characters");
        assertThat(send.isEnabled()).isTrue();
        _setValue(composer, "x".repeat(8001));
        assertThat(composer.getHelperText()).isEqualTo("8,001 of 8,000 characters: shorten it to send");
        assertThat(send.isEnabled()).isFalse();

        _setValue(composer, "How long do refunds take to arrive?");
        _click(send);
        awaitAnswer();
        assertThat(composer.getValue()).isEmpty();
        assertThat(send.isEnabled()).as("nothing to send once the question went").isFalse();
    }

    @Test
    void an_answer_can_be_copied_its_markers_open_their_passage_and_regenerating_adds_a_second_answer() {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");
        ask("How long do refunds take to arrive?");
        awaitAnswer();

        Html answer = _get(Html.class, spec -> spec.withClasses("chat-markdown"));
        var markers = Jsoup.parseBodyFragment(answer.getInnerHtml()).select("a." + MessageBubble.MARKER);
        Anchor source = _find(Anchor.class, spec -> spec.withClasses(MessageBubble.CITATION)).get(0);
        assertThat(markers).isNotEmpty();
        assertThat(markers.get(0).text()).isEqualTo("[1]");
        assertThat(markers.get(0).attr("href")).isEqualTo(source.getHref());

        // Karibu runs no browser, so the clipboard itself is left to the browser tests.
        Button copy = _get(Button.class, spec -> spec.withClasses(MessageBubble.COPY));
        assertThat(copy.getAriaLabel()).contains("Copy answer");
        _click(copy);

        _click(_get(Button.class, spec -> spec.withId("regenerate")));
        awaitAnswer(2);
        assertThat(texts(MessageBubble.QUESTION)).containsExactly("How long do refunds take to arrive?",
                "How long do refunds take to arrive?");
        assertThat(texts(MessageBubble.ANSWER)).hasSize(2);
        assertThat(fixtures.as(setup.owner(), () -> chat.conversations(setup.agent(), 50))).hasSize(1);
        _get(Button.class, spec -> spec.withId("regenerate"));
    }

    @Test
    void the_ids_for_the_api_are_shown_and_conversations_can_be_renamed_and_searched() {
        ConversationId shipping = answeredConversation("Where do orders ship from?");
        answeredConversation("How do I reset my password?");
        openAs(setup.owner());
        UI.getCurrent().navigate("chat/" + shipping);

        assertThat(_find(CopyableId.class).stream().filter(Component::isVisible).map(CopyableId::id))
                .containsExactlyInAnyOrder(setup.agent().toString(), shipping.toString());

        _click(_get(Button.class, spec -> spec.withAttribute("aria-label", "Rename Where do orders ship from?")));
        TextField title = _get(TextField.class, spec -> spec.withId("conversation-title"));
        _setValue(title, " ");
        _click(_get(Button.class, spec -> spec.withId("rename-save")));
        assertThat(title.getErrorMessage()).isEqualTo("A title is required");
        _setValue(title, "Shipping from Lisbon");
        _click(_get(Button.class, spec -> spec.withId("rename-save")));
        _assertNone(TextField.class, spec -> spec.withId("conversation-title"));
        assertThat(_get(H3.class).getText()).isEqualTo("Shipping from Lisbon");
        assertThat(conversationTitles()).contains("Shipping from Lisbon").doesNotContain("Where do orders ship from?");

        _setValue(_get(TextField.class, spec -> spec.withId("conversation-search")), "PASSWORD");
        assertThat(conversationTitles()).containsExactly("How do I reset my password?");
        _setValue(_get(TextField.class, spec -> spec.withId("conversation-search")), "nothing like this");
        assertThat(conversationTitles()).isEmpty();
        assertThat(text(_get(VerticalLayout.class, spec -> spec.withId("conversations")))).contains("“nothing like this”");
    }

    /**
     * Karibu lays nothing out, so this checks what the layout rests on (the browser tests measure it): from
     * the message list up to the view, every flex parent has a Chat rule letting it shrink below its content,
     * and none a fixed inline height that would override it.
     */
    @Test
    void only_the_message_list_scrolls_because_every_parent_up_to_the_view_may_shrink() throws IOException {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");
        String css = Files.readString(Path.of("frontend/themes/sintra/styles.css"));

        // The list is a composite: it and its scroller are one element, so the walk starts at the list.
        Component level = _get(MessageList.class);
        List<String> chain = new ArrayList<>();
        while (level != null && !(level instanceof ChatView)) {
            chain.add(shrinkingClass(level, css));
            assertThat(level.getElement().getStyle().get("height")).as(chain.toString()).isNull();
            level = level.getParent().orElse(null);
        }
        assertThat(level).isInstanceOf(ChatView.class);
        chain.add(shrinkingClass(level, css));
        assertThat(chain).containsExactly("chat-feed", "chat-pane", "chat-body", "chat-view");
    }

    @Test
    void on_a_phone_the_conversations_open_and_close_with_a_toggle_above_the_messages() {
        openAs(setup.owner());
        UI.getCurrent().navigate("chat");
        Button toggle = _get(Button.class, spec -> spec.withId("chat-side-toggle"));
        VerticalLayout side = _get(VerticalLayout.class, spec -> spec.withClasses("chat-side"));
        assertThat(side.hasClassName("chat-side-open")).isFalse();

        _click(toggle);
        assertThat(side.hasClassName("chat-side-open")).isTrue();
        assertThat(toggle.getElement().getAttribute("aria-expanded")).isEqualTo("true");
        _click(toggle);
        assertThat(side.hasClassName("chat-side-open")).isFalse();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void ask(String text) {
        _setValue(_get(TextArea.class, spec -> spec.withId("chat-message")), text);
        _click(_get(Button.class, spec -> spec.withId("send")));
    }

    private static void awaitAnswer() {
        awaitAnswer(1);
    }

    /** Answers finish on the stream's threads; their UI updates wait in the session's queue until run here. */
    private static void awaitAnswer(int badges) {
        await(() -> _find(Span.class, spec -> spec.withClasses(MessageBubble.MODE)).size() >= badges
                && _find(Button.class, spec -> spec.withId("stop")).isEmpty());
    }

    /** Polls in the test's thread, the only one that may run the UI queue and look at components. */
    private static void await(BooleanSupplier condition) {
        Awaitility.await("the answer").atMost(ANSWER_TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    MockVaadin.runUIQueue();
                    return condition.getAsBoolean();
                });
    }

    private static List<String> texts(String bubbleClass) {
        return _find(Div.class, spec -> spec.withClasses(bubbleClass)).stream().map(ChatViewTest::text).toList();
    }

    /** Every message's text in the pane's order: questions and answers (whose Markdown is rendered HTML) alike. */
    private static List<String> allTexts() {
        return _get(VerticalLayout.class, spec -> spec.withId("messages")).getChildren().map(ChatViewTest::text).toList();
    }

    /** What the browser would show as text, including the HTML of rendered Markdown. */
    private static String text(Component component) {
        return Jsoup.parse(component.getElement().getOuterHTML()).text().strip();
    }

    /** The component's class whose rule in the theme lets it shrink (min-height: 0). */
    private static String shrinkingClass(Component component, String css) {
        return component.getElement().getClassList().stream()
                .filter(c -> Pattern.compile("(?m)^\\." + Pattern.quote(c) + " \\{[^}]*min-height: 0;").matcher(css).find())
                .findFirst().orElseThrow(() -> new AssertionError(component + " may not shrink: " + component.getElement().getClassList()));
    }

    private static List<String> conversationTitles() {
        return _find(RouterLink.class, spec -> spec.withClasses(LumoUtility.TextOverflow.ELLIPSIS)).stream()
                .map(RouterLink::getText).toList();
    }

    private static String pageText() {
        return text(UI.getCurrent());
    }

    private ConversationId answeredConversation(String question) {
        ChatAnswer answer = fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, question));
        assertThat(answer.events().blockLast(ANSWER_TIMEOUT)).isInstanceOf(ChatEvent.Answered.class);
        return answer.conversation().id();
    }
}
