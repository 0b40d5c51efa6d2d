package com.sintra.chat.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import com.sintra.base.ui.Icons;
import com.sintra.base.ui.Clipboard;
import com.sintra.base.ui.SafeMarkdown;
import com.sintra.chat.AnswerMode;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.Citation;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
    static final String MARKER = "chat-marker";
    static final String COPY = "chat-copy";
    static final String AUTHOR = "chat-author";

    /** Where a marker stays text: code shows [1] as written, and a link cannot hold another. */
    private static final Set<String> UNLINKED = Set.of("code", "pre", "a");

    /** The answer so far, while it streams; only touched under the session lock. */
    private final StringBuilder draft = new StringBuilder();
    /** The message shown, when the bubble shows a stored one: a newer version of it replaces it in place. */
    private Long messageId;
    /** Who wrote it, named above it in a feed that several write into; null names nobody. */
    private String author;
    /** A stored answer still being written (see {@link #draft}). */
    private boolean drafting;

    private MessageBubble(String kind) {
        addClassNames(kind, LumoUtility.Padding.Vertical.SMALL, LumoUtility.Padding.Horizontal.MEDIUM,
                LumoUtility.BorderRadius.LARGE);
    }

    static MessageBubble of(ChatMessage message) {
        return of(message, null);
    }

    static MessageBubble of(ChatMessage message, String author) {
        MessageBubble bubble;
        if (message.fromUser()) {
            bubble = question(message.content());
            bubble.byline(author);
        } else {
            bubble = new MessageBubble(ANSWER);
            bubble.author = author;
            bubble.show(message);
        }
        bubble.messageId = message.id();
        return bubble;
    }

    /** A stored answer still being written: its text so far, which {@link #append} continues. */
    static MessageBubble draft(ChatMessage message, String author) {
        MessageBubble answer = new MessageBubble(ANSWER);
        answer.addClassName(LumoUtility.Background.CONTRAST_5);
        answer.author = author;
        answer.messageId = message.id();
        answer.drafting = true;
        answer.append(message.content());
        return answer;
    }

    Long messageId() {
        return messageId;
    }

    /** Whether the bubble shows an answer still being written, which {@link #append} continues. */
    boolean drafting() {
        return drafting;
    }

    /** Characters of the draft shown so far. */
    int drafted() {
        return draft.length();
    }

    private void byline(String name) {
        author = name;
        if (name != null && !name.isEmpty()) {
            Span byline = new Span(name);
            byline.addClassNames(AUTHOR, LumoUtility.Display.BLOCK, LumoUtility.FontSize.SMALL, LumoUtility.FontWeight.SEMIBOLD);
            addComponentAsFirst(byline);
        }
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

    boolean isAnswer() {
        return hasClassName(ANSWER);
    }

    void append(String text) {
        draft.append(text);
        removeAll();
        add(muted("Answering…"), markdown(draft.toString()));
        byline(author);
    }

    /** What had arrived when the user stopped it (the service stores the same as a stopped answer). */
    void stopped() {
        removeAll();
        add(header(AnswerMode.STOPPED, ""), markdown(draft.toString()));
        byline(author);
    }

    void show(ChatMessage answer) {
        removeAll();
        addClassName(LumoUtility.Background.CONTRAST_5);
        Div header = header(answer.mode(), facts(answer));
        Button copy = new Button(Icons.COPY.create(), e -> Clipboard.copy(this, answer.content(), "Answer"));
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        copy.addClassName(COPY);
        copy.setAriaLabel("Copy answer");
        copy.setTooltipText("Copy answer (as Markdown)");
        header.add(copy);
        add(header, markdown(answer.content(), answer.citations()));
        List<Citation> sources = Citation.citedIn(answer.content(), answer.citations());
        if (!sources.isEmpty()) {
            UnorderedList list = new UnorderedList();
            list.addClassNames(LumoUtility.ListStyleType.NONE, LumoUtility.Margin.NONE, LumoUtility.Padding.NONE,
                    LumoUtility.FontSize.SMALL);
            sources.forEach(citation -> list.add(new ListItem(source(citation))));
            add(muted("Sources"), list);
        }
        byline(author);
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
        // The passage's place tells apart several sources from one document.
        Anchor link = new Anchor(passage(citation), "[" + citation.number() + "] " + citation.documentTitle()
                + " · passage " + (citation.position() + 1));
        // Followed by Vaadin's router in the page, like a RouterLink, rather than by reloading it.
        link.getElement().setAttribute("router-link", true);
        link.getElement().setAttribute("title", citation.excerpt());
        link.addClassName(CITATION);
        return link;
    }

    private static String passage(Citation citation) {
        return "brain/documents/" + citation.documentId() + "?passage=" + citation.position();
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
        return markdown(text, List.of());
    }

    private static Html markdown(String text, List<Citation> citations) {
        return new Html("<div class=\"chat-markdown\">" + linkMarkers(SafeMarkdown.toHtml(text), citations) + "</div>");
    }

    /**
     * The answer's [n] markers as links that open their passage, like the list of sources below it. Only
     * text is touched (never code, nor an existing link), and the links are built as elements, so nothing the
     * model wrote becomes markup: the HTML stays as safe as {@link SafeMarkdown} made it.
     */
    static String linkMarkers(String safeHtml, List<Citation> citations) {
        if (citations.isEmpty()) {
            return safeHtml;
        }
        Map<Integer, Citation> byNumber = new HashMap<>();
        citations.forEach(c -> byNumber.putIfAbsent(c.number(), c));
        Document document = Jsoup.parseBodyFragment(safeHtml);
        document.outputSettings().prettyPrint(false);
        List<TextNode> texts = new ArrayList<>();
        document.body().traverse((node, depth) -> {
            if (node instanceof TextNode text && !insideCodeOrLink(text)) {
                texts.add(text);
            }
        });
        texts.forEach(text -> linkMarkers(text, byNumber));
        return document.body().html();
    }

    private static void linkMarkers(TextNode text, Map<Integer, Citation> byNumber) {
        String content = text.getWholeText();
        Matcher marker = Citation.MARKER.matcher(content);
        List<Node> replaced = new ArrayList<>();
        int end = 0;
        while (marker.find()) {
            String[] numbers = marker.group(1).split("\\s*,\\s*");
            if (Arrays.stream(numbers).noneMatch(n -> byNumber.containsKey(Integer.parseInt(n)))) {
                continue;
            }
            replaced.add(new TextNode(content.substring(end, marker.start())));
            if (numbers.length == 1) {
                replaced.add(markerLink(marker.group(), byNumber.get(Integer.parseInt(numbers[0]))));
            } else {
                replaced.add(new TextNode("["));
                for (int i = 0; i < numbers.length; i++) {
                    Citation cited = byNumber.get(Integer.parseInt(numbers[i]));
                    if (i > 0) {
                        replaced.add(new TextNode(", "));
                    }
                    replaced.add(cited == null ? new TextNode(numbers[i]) : markerLink(numbers[i], cited));
                }
                replaced.add(new TextNode("]"));
            }
            end = marker.end();
        }
        if (replaced.isEmpty()) {
            return;
        }
        replaced.add(new TextNode(content.substring(end)));
        replaced.forEach(text::before);
        text.remove();
    }

    private static boolean insideCodeOrLink(Node node) {
        for (Node parent = node.parent(); parent != null; parent = parent.parent()) {
            if (parent instanceof Element element && UNLINKED.contains(element.normalName())) {
                return true;
            }
        }
        return false;
    }

    private static Element markerLink(String label, Citation citation) {
        Element link = new Element("a").attr("href", passage(citation)).attr("router-link", "")
                .attr("title", "[" + citation.number() + "] " + citation.documentTitle() + ": " + citation.excerpt())
                .addClass(MARKER);
        link.appendChild(new TextNode(label));
        return link;
    }

    private static Span muted(String text) {
        Span muted = new Span(text);
        muted.addClassName("sintra-muted");
        return muted;
    }
}
