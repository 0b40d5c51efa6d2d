package com.sintra.chat.ui;

import java.io.Serializable;
import java.util.Optional;
import java.util.function.Function;

import com.sintra.base.ui.Icons;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.MessagePage;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * A scrolling list of messages, newest at the bottom: it is handed its messages a page at a time (older ones
 * load when the reader scrolls to the top), and an answer streams into its last bubble through a
 * {@link LiveReply}. Answers render as safe Markdown, their [n] markers link to the cited passages, and each
 * can be copied; the last one can be regenerated when the owner offers it. Where messages come from is the
 * owner's business: a conversation in the chat view, a shared feed elsewhere.
 */
@JsModule("./chat/message-list.js")
public class MessageList extends Composite<Scroller> {

    /** The messages before the earliest one shown, a page at a time. */
    @FunctionalInterface
    public interface Pages {

        /** The page that ends just before {@code oldest}; the latest page when {@code oldest} is null. */
        MessagePage before(ChatMessage oldest);
    }

    /** A streaming answer keeps the list at its end only while the reader is this close to it (pixels). */
    private static final int FOLLOW_DISTANCE = 300;
    private static final String LOAD_EARLIER = "load-earlier";

    private final Button loadEarlier = new Button("Load earlier messages");
    private final VerticalLayout messages = new VerticalLayout();
    private final Button regenerate = new Button("Regenerate", Icons.REFRESH.create());

    private Pages pages;
    /** The earliest message shown: the next page back ends just before it. */
    private ChatMessage oldest;
    private LiveReply reply;
    private Runnable regenerateAction;
    private Function<ChatMessage, String> authors = message -> null;

    public MessageList() {
        loadEarlier.setId(LOAD_EARLIER);
        loadEarlier.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        loadEarlier.setDisableOnClick(true);
        loadEarlier.addClickListener(e -> loadEarlier());
        loadEarlier.setVisible(false);
        messages.setId("messages");
        messages.setPadding(false);
        regenerate.setId("regenerate");
        regenerate.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        regenerate.setTooltipText("Ask the last question again: the new answer comes after this one, which stays");
        regenerate.addClickListener(e -> regenerateAction.run());
        regenerate.setVisible(false);
        Scroller scroller = getContent();
        scroller.setContent(new Div(loadEarlier, messages, regenerate));
        scroller.addClassName("chat-feed");
        scroller.setScrollDirection(Scroller.ScrollDirection.VERTICAL);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        call("loadEarlierAtTop", "#" + LOAD_EARLIER);
    }

    /** Offers to regenerate the last answer while nothing streams; null offers nothing. */
    public void onRegenerate(Runnable action) {
        regenerateAction = action;
        offerRegenerate();
    }

    /**
     * Names each message's author above it, for feeds that several people and agents write into; null for
     * a message names nobody. Applies to messages shown from now on.
     */
    public void authoredBy(Function<ChatMessage, String> authors) {
        this.authors = authors;
    }

    /**
     * Shows a message at the end, or in place of the one shown with the same id (a newer version of it: an
     * answer finished). {@code streaming}: its text is still being written and continues through
     * {@link #extendDraft}.
     */
    public void put(ChatMessage message, boolean streaming) {
        MessageBubble bubble = streaming ? MessageBubble.draft(message, authors.apply(message))
                : MessageBubble.of(message, authors.apply(message));
        Optional<MessageBubble> shown = shown(message.id());
        if (shown.isPresent()) {
            messages.replace(shown.get(), bubble);
            followReply();
        } else {
            append(bubble);
            scrollToEnd(false);
        }
        offerRegenerate();
    }

    /**
     * Text the draft of message {@code id} gained at {@code offset} (characters written before it). What the
     * draft has already is skipped; a gap (text that never arrived) is left for the finished message to fill, and
     * text arriving after the finished message (from another node, late) is ignored.
     */
    public void extendDraft(long id, int offset, String text) {
        shown(id).filter(MessageBubble::drafting)
                .filter(bubble -> offset <= bubble.drafted() && offset + text.length() > bubble.drafted())
                .ifPresent(bubble -> {
                    bubble.append(text.substring(bubble.drafted() - offset));
                    followReply();
                });
    }

    /** Shows the latest page of {@code pages} in place of what was shown, at its end. */
    public void show(Pages pages) {
        clear();
        this.pages = pages;
        MessagePage page = pages.before(null);
        page.messages().forEach(m -> messages.add(MessageBubble.of(m, authors.apply(m))));
        oldest = page.messages().isEmpty() ? null : page.messages().get(0);
        loadEarlier.setVisible(page.hasEarlier());
        offerRegenerate();
        scrollToEnd(false);
    }

    /** Empties the list; a reply still streaming is stopped. */
    public void clear() {
        stopReply();
        pages = null;
        oldest = null;
        messages.removeAll();
        loadEarlier.setVisible(false);
        offerRegenerate();
    }

    /** Shows a notice in the empty list (a hint, a "not found"); the first message takes the notices' place. */
    public void addNotice(Component notice) {
        messages.add(notice);
    }

    /** Adds a message at the end, as one that has just been written. */
    public void add(ChatMessage message) {
        append(MessageBubble.of(message));
        offerRegenerate();
        scrollToEnd(false);
    }

    /**
     * Starts an answer at the end: a bubble that says it is on its way, into which the returned reply streams.
     * A reply still streaming is stopped first. {@code onEnd} runs in the UI once the reply completes or fails
     * (not when it is stopped: whoever stops it knows).
     */
    public LiveReply reply(Runnable onEnd) {
        stopReply();
        MessageBubble bubble = MessageBubble.pending();
        append(bubble);
        reply = new LiveReply(this, bubble, UI.getCurrent(), () -> {
            reply = null;
            offerRegenerate();
            onEnd.run();
        });
        offerRegenerate();
        scrollToEnd(false);
        return reply;
    }

    /** Stops the reply that is streaming, if any, keeping what had arrived. */
    public void stopReply() {
        if (reply != null) {
            LiveReply stopped = reply;
            reply = null;
            stopped.stop();
            offerRegenerate();
        }
    }

    /** Called by the reply as its text grows, to follow it unless the reader has scrolled away. */
    void followReply() {
        scrollToEnd(true);
    }

    private void append(MessageBubble bubble) {
        if (messages.getChildren().noneMatch(MessageBubble.class::isInstance)) {
            // The first message takes the place of an empty list's notices.
            messages.removeAll();
        }
        messages.add(bubble);
    }

    /** The bubble showing the message, looked for from the end, where changes happen. */
    private Optional<MessageBubble> shown(long id) {
        for (int i = messages.getComponentCount() - 1; i >= 0; i--) {
            if (messages.getComponentAt(i) instanceof MessageBubble bubble && Long.valueOf(id).equals(bubble.messageId())) {
                return Optional.of(bubble);
            }
        }
        return Optional.empty();
    }

    private void loadEarlier() {
        if (pages == null || oldest == null) {
            return;
        }
        MessagePage page = pages.before(oldest);
        for (int i = 0; i < page.messages().size(); i++) {
            ChatMessage message = page.messages().get(i);
            messages.addComponentAtIndex(i, MessageBubble.of(message, authors.apply(message)));
        }
        if (!page.messages().isEmpty()) {
            oldest = page.messages().get(0);
        }
        loadEarlier.setVisible(page.hasEarlier());
        loadEarlier.setEnabled(true);
        // Keeps the message the reader was looking at in place, rather than jumping to the new top.
        call("keepPlace");
    }

    /** Regenerating is offered below the last answer, when nothing is being answered. */
    private void offerRegenerate() {
        int count = messages.getComponentCount();
        regenerate.setVisible(regenerateAction != null && reply == null && count > 0
                && messages.getComponentAt(count - 1) instanceof MessageBubble last && last.isAnswer());
    }

    private void scrollToEnd(boolean onlyWhenNear) {
        call("scrollToEnd", onlyWhenNear, FOLLOW_DISTANCE);
    }

    /** A function of frontend/chat/message-list.js, on this list's scroller. */
    private void call(String function, Serializable... arguments) {
        StringBuilder parameters = new StringBuilder();
        for (int i = 0; i < arguments.length; i++) {
            parameters.append(", $").append(i);
        }
        getElement().executeJs("window.Sintra.messageList." + function + "(this" + parameters + ")", arguments);
    }
}
