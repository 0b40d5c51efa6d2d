package com.sintra.brain;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.parser.delimiter.DelimiterProcessor;
import org.commonmark.parser.delimiter.DelimiterRun;
import org.jsoup.Jsoup;

/**
 * A Markdown document's text, read from commonmark's syntax tree the way {@link HtmlText} reads jsoup's: the
 * markup goes (heading hashes, emphasis, link targets, quote markers), and what {@link Chunker} cuts on stays
 * (headings and blocks as paragraphs, list items and table rows on lines of their own, code as written).
 */
final class MarkdownText {

    /** YAML front matter is no Markdown (the parser would read it as a rule and a heading): it is metadata. */
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\n.*?\\n---\\n", Pattern.DOTALL);
    private static final Pattern LINE_BREAK_TAG = Pattern.compile("(?i)<br\\s*/?>");
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS)
            .customDelimiterProcessor(new Strikethrough()).build();

    private MarkdownText() {
    }

    static Document parse(String markdown) {
        return (Document) PARSER.parse(FRONT_MATTER.matcher(markdown).replaceFirst(""));
    }

    /** The first level-one heading of the document itself (not of a quote or list); empty when there is none. */
    static String title(Document document) {
        for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
            if (block instanceof Heading heading && heading.getLevel() == 1) {
                return new Writer().childrenOf(heading).strip().replaceAll("\\s+", " ");
            }
        }
        return "";
    }

    static String text(Document document) {
        Writer writer = new Writer();
        document.accept(writer);
        return writer.out.toString();
    }

    private static final class Writer extends AbstractVisitor {

        private final StringBuilder out = new StringBuilder();
        private int pendingBreaks;
        private int listDepth;
        private boolean inTable;
        /** Just after a list marker, where the item's first block begins on the marker's line. */
        private boolean afterMarker;

        String childrenOf(Node node) {
            visitChildren(node);
            return out.toString();
        }

        @Override
        public void visit(Paragraph paragraph) {
            // Inside a list item a paragraph is the item's text: on its line, right after the marker.
            block(paragraph, paragraph.getParent() instanceof ListItem ? 1 : 2);
        }

        @Override
        public void visit(Heading heading) {
            // A heading stands alone as a paragraph, which is what the chunker recognises as one.
            block(heading, 2);
        }

        @Override
        public void visit(BlockQuote quote) {
            block(quote, 2);
        }

        @Override
        public void visit(ThematicBreak rule) {
            lineBreak(2);
        }

        @Override
        public void visit(BulletList list) {
            list(list);
        }

        @Override
        public void visit(OrderedList list) {
            list(list);
        }

        @Override
        public void visit(ListItem item) {
            lineBreak(1);
            String indent = "  ".repeat(listDepth - 1);
            if (item.getParent() instanceof OrderedList list) {
                int start = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
                write(indent + (start + position(item)) + ". ");
            } else {
                write(indent + "- ");
            }
            afterMarker = true;
            visitChildren(item);
            afterMarker = false;
            lineBreak(1);
        }

        @Override
        public void visit(FencedCodeBlock code) {
            code(code.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock code) {
            code(code.getLiteral());
        }

        @Override
        public void visit(HtmlBlock html) {
            // Raw HTML in a README (a <details> block, a centred logo): its visible text, comments not at all.
            String text = HtmlText.text(Jsoup.parseBodyFragment(html.getLiteral())).strip();
            if (!text.isEmpty()) {
                lineBreak(2);
                write(text);
                lineBreak(2);
            }
        }

        @Override
        public void visit(HtmlInline html) {
            // Tags such as <kbd> or <sup> only dress the text around them; a <br> still parts it.
            if (LINE_BREAK_TAG.matcher(html.getLiteral()).matches()) {
                softBreak();
            }
        }

        @Override
        public void visit(LinkReferenceDefinition definition) {
            // A link target, not text.
        }

        @Override
        public void visit(Text text) {
            write(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            write(code.getLiteral());
        }

        @Override
        public void visit(Emphasis emphasis) {
            // Inside a word, asterisks are arithmetic or a pattern (2*3*4, *.md) far more often than stress.
            if (endsWithWordCharacter(emphasis.getPrevious()) && startsWithWordCharacter(emphasis.getNext())) {
                write(emphasis.getOpeningDelimiter());
                visitChildren(emphasis);
                write(emphasis.getClosingDelimiter());
            } else {
                visitChildren(emphasis);
            }
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            // The line breaks the writer chose; the chunker reads a lone one as wrapping.
            softBreak();
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            softBreak();
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock) {
                lineBreak(2);
                inTable = true;
                visitChildren(block);
                inTable = false;
                lineBreak(2);
            } else {
                visitChildren(block);
            }
        }

        @Override
        public void visit(CustomNode node) {
            if (node instanceof TableRow) {
                // Rows as Markdown writes them, so the chunker keeps each on its own line.
                lineBreak(1);
                write("| ");
                visitChildren(node);
                write(" |");
                lineBreak(1);
            } else if (node instanceof TableCell) {
                if (node.getPrevious() != null) {
                    write(" | ");
                }
                visitChildren(node);
            } else {
                visitChildren(node);
            }
        }

        private void block(Node block, int breaks) {
            lineBreak(breaks);
            visitChildren(block);
            lineBreak(breaks);
        }

        private void list(ListBlock list) {
            // CommonMark starts a new list where the marker changes (- to *); the writer rarely means one.
            lineBreak(list.getPrevious() instanceof ListBlock || list.getParent() instanceof ListItem ? 1 : 2);
            listDepth++;
            visitChildren(list);
            listDepth--;
            lineBreak(list.getNext() instanceof ListBlock || list.getParent() instanceof ListItem ? 1 : 2);
        }

        private void code(String literal) {
            lineBreak(2);
            write(literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal);
            lineBreak(2);
        }

        /** A line break, except in a table, where it would cut a row in two. */
        private void softBreak() {
            if (inTable) {
                write(" ");
            } else {
                lineBreak(1);
            }
        }

        private void lineBreak(int breaks) {
            if (afterMarker) {
                return;
            }
            pendingBreaks = Math.max(pendingBreaks, breaks);
        }

        private void write(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (pendingBreaks > 0 && !out.isEmpty()) {
                // An empty item's marker leaves a space at the end of its line.
                while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append("\n".repeat(pendingBreaks));
            }
            pendingBreaks = 0;
            afterMarker = false;
            out.append(text);
        }

        private static int position(Node item) {
            int position = 0;
            for (Node before = item.getPrevious(); before != null; before = before.getPrevious()) {
                position++;
            }
            return position;
        }

        private static boolean endsWithWordCharacter(Node node) {
            return node instanceof Text text && !text.getLiteral().isEmpty()
                    && Character.isLetterOrDigit(text.getLiteral().charAt(text.getLiteral().length() - 1));
        }

        private static boolean startsWithWordCharacter(Node node) {
            return node instanceof Text text && !text.getLiteral().isEmpty()
                    && Character.isLetterOrDigit(text.getLiteral().charAt(0));
        }
    }

    /**
     * GitHub's ~~strikethrough~~ without its extension: the tildes go and the words stay (struck-out text is
     * still what the document says, often the old value beside the new one). Two tildes, as GitHub writes it,
     * so a lone ~ ("~5 minutes") stays.
     */
    private static final class Strikethrough implements DelimiterProcessor {

        @Override
        public char getOpeningCharacter() {
            return '~';
        }

        @Override
        public char getClosingCharacter() {
            return '~';
        }

        @Override
        public int getMinLength() {
            return 2;
        }

        @Override
        public int process(DelimiterRun opening, DelimiterRun closing) {
            return opening.length() == 2 && closing.length() == 2 ? 2 : 0;
        }
    }
}
