package com.sintra.chat.ui;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import com.sintra.base.ui.SafeMarkdown;
import com.sintra.chat.AnswerMode;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.Citation;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.dom.Style;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * One message of the pane: the user's question as plain text, or an answer as safe Markdown with how it
 * was made (a badge for anything but a model's complete answer), what it cost, and the passages it cites.
 */
class MessageBubble extends Div {

    static final String QUESTION = "chat-question";
    static final String ANSWER = "chat-answer";
    static final String MODE = "chat-mode";
    static final String CITATION = "chat-citation";

    /** The answer so far, while it streams; only touched under the session lock. */
    private final StringBuilder draft = new StringBuilder();

    private MessageBubble(String kind) {
        addClassNames(kind, LumoUtility.Padding.Vertical.SMALL, LumoUtility.Padding.Horizontal.MEDIUM,
                LumoUtility.BorderRadius.LARGE);
        getStyle().setMaxWidth("48rem");
    }

    static MessageBubble of(ChatMessage message) {
        if (message.fromUser()) {
            return question(message.content());
        }
        MessageBubble answer = new MessageBubble(ANSWER);
        answer.show(message);
        return answer;
    }

    static MessageBubble question(String text) {
        MessageBubble question = new MessageBubble(QUESTION);
        question.addClassNames(LumoUtility.Background.PRIMARY_10, LumoUtility.AlignSelf.END);
        Paragraph content = new Paragraph(text);
        // The user's own words, shown exactly as typed: never interpreted as Markdown or HTML.
        content.getStyle().setWhiteSpace(Style.WhiteSpace.PRE_WRAP).setMargin("0");
        question.add(content);
        return question;
    }

    /** An answer that has not begun to arrive. */
    static MessageBubble pending() {
        MessageBubble answer = new MessageBubble(ANSWER);
        answer.addClassName(LumoUtility.Background.CONTRAST_5);
        answer.add(muted("Looking through the knowledge base…"));
        return answer;
    }

    void append(String text) {
        draft.append(text);
        removeAll();
        add(muted("Answering…"), markdown(draft.toString()));
    }

    /** What had arrived when the user stopped it (the service stores the same as a stopped answer). */
    void stopped() {
        removeAll();
        add(header(AnswerMode.STOPPED, ""), markdown(draft.toString()));
    }

    void show(ChatMessage answer) {
        removeAll();
        addClassName(LumoUtility.Background.CONTRAST_5);
        add(header(answer.mode(), facts(answer)), markdown(answer.content()));
        List<Citation> sources = Citation.citedIn(answer.content(), answer.citations());
        if (!sources.isEmpty()) {
            UnorderedList list = new UnorderedList();
            list.addClassNames(LumoUtility.ListStyleType.NONE, LumoUtility.Margin.NONE, LumoUtility.Padding.NONE,
                    LumoUtility.FontSize.SMALL);
            sources.forEach(citation -> list.add(new ListItem(source(citation))));
            add(muted("Sources"), list);
        }
    }

    static String label(AnswerMode mode) {
        return switch (mode) {
            case OFFLINE -> "Offline — quoted from the knowledge base, no model";
            case CACHED -> "Cached";
            case STOPPED -> "Stopped";
            case INTERRUPTED -> "Interrupted";
            case MODEL -> "";
        };
    }

    /**
     * A link into the document at the cited passage. Built from the route's path: the document view is
     * the brain's own, and stays private to it.
     */
    private static Anchor source(Citation citation) {
        Anchor link = new Anchor("brain/documents/" + citation.documentId() + "?passage=" + citation.position(),
                "[" + citation.number() + "] " + citation.documentTitle());
        // Followed by Vaadin's router in the page, like a RouterLink, rather than by reloading it.
        link.getElement().setAttribute("router-link", true);
        link.getElement().setAttribute("title", citation.excerpt());
        link.addClassName(CITATION);
        return link;
    }

    private static Div header(AnswerMode mode, String facts) {
        Div header = new Div();
        header.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Gap.SMALL, LumoUtility.AlignItems.BASELINE,
                LumoUtility.FlexWrap.WRAP);
        if (mode != null && mode != AnswerMode.MODEL) {
            Span badge = new Span(label(mode));
            badge.addClassName(MODE);
            badge.getElement().getThemeList().add(switch (mode) {
                case INTERRUPTED -> "badge error";
                case CACHED -> "badge success";
                default -> "badge contrast";
            });
            header.add(badge);
        }
        if (!facts.isEmpty()) {
            header.add(muted(facts));
        }
        return header;
    }

    /** Model, tokens and latency, as far as they are known. */
    static String facts(ChatMessage answer) {
        StringJoiner facts = new StringJoiner(" · ");
        if (answer.model() != null) {
            facts.add(answer.model());
        }
        // Without a model nothing was spent: the badge already says so.
        if (answer.model() != null && answer.promptTokens() != null && answer.completionTokens() != null) {
            facts.add(String.format(Locale.ROOT, "%,d tokens in, %,d out", answer.promptTokens(), answer.completionTokens()));
        }
        if (answer.latencyMs() != null) {
            facts.add(seconds(answer.latencyMs())
                    + (answer.firstTokenMs() == null ? "" : " (first words after " + seconds(answer.firstTokenMs()) + ")"));
        }
        return facts.toString();
    }

    private static String seconds(int millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static Html markdown(String text) {
        return new Html("<div class=\"chat-markdown\">" + SafeMarkdown.toHtml(text) + "</div>");
    }

    private static Span muted(String text) {
        Span muted = new Span(text);
        muted.addClassName("sintra-muted");
        return muted;
    }
}
