package com.sintra.brain;

import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * An HTML page's visible text. jsoup's own {@code text()} joins everything into one line, which would hide
 * the paragraph and heading breaks that {@link Chunker} cuts on; so this walks the tree and keeps them.
 */
final class HtmlText {

    private static final String INVISIBLE = "script, style, noscript, template, svg, iframe, object, canvas";

    // Blocks that read as paragraphs: a blank line around them.
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
            "table", "blockquote", "pre", "section", "article", "header", "footer", "main", "aside", "nav",
            "figure", "form", "fieldset", "details", "address", "hr");

    // Blocks that only start a new line.
    private static final Set<String> LINES = Set.of("div", "li", "tr", "dt", "dd", "figcaption", "summary",
            "caption", "legend");

    private HtmlText() {
    }

    /** The document's {@code <title>}, else its first {@code <h1>}; empty when it has neither. */
    static String title(Document document) {
        String title = document.title().strip();
        if (title.isEmpty()) {
            Element h1 = document.selectFirst("h1");
            title = h1 == null ? "" : h1.text().strip();
        }
        return title;
    }

    static String text(Document document) {
        document.select(INVISIBLE).remove();
        Writer writer = new Writer();
        NodeTraversor.traverse(writer, document.body());
        return writer.out.toString();
    }

    private static final class Writer implements NodeVisitor {

        private final StringBuilder out = new StringBuilder();
        private int pendingBreaks;
        private int preDepth;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                write(preDepth > 0 ? text.getWholeText() : text.text());
            } else if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("pre")) {
                    preDepth++;
                }
                if (name.equals("br")) {
                    lineBreak(1);
                } else if (PARAGRAPHS.contains(name)) {
                    lineBreak(2);
                } else if (LINES.contains(name)) {
                    lineBreak(1);
                }
                if (name.equals("li")) {
                    // A list marker makes the chunker keep each item on its own line.
                    Element list = element.parent();
                    write(list != null && list.normalName().equals("ol") ? (element.elementSiblingIndex() + 1) + ". " : "- ");
                } else if ((name.equals("td") || name.equals("th")) && element.elementSiblingIndex() > 0) {
                    write(" | ");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                String name = element.normalName();
                if (name.equals("pre")) {
                    preDepth--;
                }
                if (PARAGRAPHS.contains(name)) {
                    lineBreak(2);
                } else if (LINES.contains(name)) {
                    lineBreak(1);
                }
            }
        }

        private void lineBreak(int breaks) {
            pendingBreaks = Math.max(pendingBreaks, breaks);
        }

        private void write(String text) {
            if (text.isEmpty()) {
                return;
            }
            boolean atLineStart = out.isEmpty() || pendingBreaks > 0 || out.charAt(out.length() - 1) == '\n';
            if (pendingBreaks > 0 && !out.isEmpty()) {
                trimTrailingSpaces();
                out.append("\n".repeat(pendingBreaks));
            }
            pendingBreaks = 0;
            if (preDepth == 0 && (atLineStart || out.charAt(out.length() - 1) == ' ')) {
                text = text.stripLeading();
            }
            out.append(text);
        }

        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
        }
    }
}
