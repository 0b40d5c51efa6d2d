package com.sintra.brain;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts extracted text into passages of about {@code targetTokens}, each repeating the end of the one before
 * ({@code overlapTokens}) so a fact split across a boundary is still whole in one of them.
 * <p>
 * Cuts fall between sentences; a sentence longer than a whole chunk is cut between words; nothing is cut inside
 * a word. A heading starts a new chunk (without overlap: the new section does not need the old one's tail)
 * unless the chunk so far is too small to stand alone.
 * <p>
 * Tokens are estimated as words &times; 1.3 rather than counted with the model's tokenizer: that would tie
 * chunking to the model being loaded, and for English prose the estimate is close to MiniLM's WordPiece count
 * (the throughput probe prints the ratio). It undercounts text without spaces between words (Chinese, Japanese)
 * and long unbroken strings; such chunks may run past the target, and the model then averages over its window.
 */
final class Chunker {

    static final int DEFAULT_TARGET_TOKENS = 200;
    static final int DEFAULT_OVERLAP_TOKENS = 40;
    static final double TOKENS_PER_WORD = 1.3;

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Lines that stand on their own inside a paragraph; any other line break is just wrapping.
    private static final Pattern OWN_LINE = Pattern.compile("^\\s*([-*+•]|\\d{1,3}[.)]|\\||#{1,6})\\s.*");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s.*");
    private static final int MAX_HEADING_WORDS = 12;

    private enum Separator {
        PARAGRAPH("\n\n"), LINE("\n"), SPACE(" ");

        final String text;

        Separator(String text) {
            this.text = text;
        }
    }

    /** A sentence, or a word-bounded part of an over-long one. */
    private record Piece(String text, int words, Separator before, boolean heading) {
    }

    private final int targetTokens;
    private final int overlapTokens;
    private final int overlapWords;
    private final int maxPieceWords;

    Chunker() {
        this(DEFAULT_TARGET_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }

    Chunker(int targetTokens, int overlapTokens) {
        if (targetTokens < 10) {
            throw new IllegalArgumentException("targetTokens must be at least 10, was " + targetTokens);
        }
        if (overlapTokens < 0 || overlapTokens > targetTokens / 2) {
            throw new IllegalArgumentException("overlapTokens must be between 0 and half of targetTokens, was "
                    + overlapTokens);
        }
        this.targetTokens = targetTokens;
        this.overlapTokens = overlapTokens;
        this.overlapWords = (int) Math.floor(overlapTokens / TOKENS_PER_WORD);
        // Parts of an over-long sentence leave room for the overlap, so they too share context.
        this.maxPieceWords = (int) Math.floor(targetTokens / TOKENS_PER_WORD) - overlapWords;
    }

    static int estimateTokens(int words) {
        return (int) Math.ceil(words * TOKENS_PER_WORD);
    }

    List<Chunk> split(String text) {
        List<Chunk> chunks = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return chunks;
        }
        List<Piece> current = new ArrayList<>();
        int carried = 0;
        for (Piece piece : pieces(text)) {
            boolean hasNew = current.size() > carried;
            if (piece.heading() && !hasNew) {
                current.clear();
                carried = 0;
            }
            boolean full = estimateTokens(words(current) + piece.words()) > targetTokens;
            boolean newSection = piece.heading()
                    && estimateTokens(words(current.subList(carried, current.size()))) >= targetTokens / 4;
            if (hasNew && (full || newSection)) {
                chunks.add(chunk(chunks.size(), current));
                current = newSection ? new ArrayList<>() : overlap(current);
                while (!current.isEmpty() && estimateTokens(words(current) + piece.words()) > targetTokens) {
                    current.remove(0);
                }
                carried = current.size();
            }
            current.add(piece);
        }
        if (current.size() > carried) {
            chunks.add(chunk(chunks.size(), current));
        }
        return chunks;
    }

    /** The whole sentences at the end that fit the overlap; else the last words of the last sentence. */
    private List<Piece> overlap(List<Piece> chunk) {
        int budget = overlapWords;
        List<Piece> tail = new ArrayList<>();
        int words = 0;
        for (int i = chunk.size() - 1; i >= 0 && words + chunk.get(i).words() <= budget; i--) {
            tail.add(0, chunk.get(i));
            words += chunk.get(i).words();
        }
        if (tail.isEmpty() && budget > 0) {
            Piece last = chunk.get(chunk.size() - 1);
            String[] lastWords = WHITESPACE.split(last.text());
            String[] kept = Arrays.copyOfRange(lastWords, lastWords.length - budget, lastWords.length);
            tail.add(new Piece(String.join(" ", kept), kept.length, Separator.SPACE, false));
        }
        return tail;
    }

    private List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        for (String block : BLANK_LINE.split(text.replace("\r\n", "\n").replace('\r', '\n').strip())) {
            List<String> lines = lines(block);
            boolean headingBlock = lines.size() == 1 && looksLikeHeading(lines.get(0));
            Separator separator = Separator.PARAGRAPH;
            for (String line : lines) {
                // Only a heading's first piece marks the section start.
                boolean heading = headingBlock || MARKDOWN_HEADING.matcher(line).matches();
                for (String sentence : sentences(line)) {
                    String[] words = WHITESPACE.split(sentence);
                    for (int from = 0; from < words.length; from += maxPieceWords) {
                        int to = Math.min(words.length, from + maxPieceWords);
                        String part = String.join(" ", Arrays.copyOfRange(words, from, to));
                        pieces.add(new Piece(part, to - from, separator, heading));
                        separator = Separator.SPACE;
                        heading = false;
                    }
                }
                separator = Separator.LINE;
            }
        }
        return pieces;
    }

    /** The block's lines, with wrapped lines joined back into the line they continue. */
    private static List<String> lines(String block) {
        List<String> lines = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (lines.isEmpty() || OWN_LINE.matcher(line).matches()
                    || MARKDOWN_HEADING.matcher(lines.get(lines.size() - 1)).matches()) {
                lines.add(line.strip());
            } else {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.strip());
            }
        }
        return lines;
    }

    /** A paragraph of one short line that does not end like a sentence. */
    private static boolean looksLikeHeading(String line) {
        if (MARKDOWN_HEADING.matcher(line).matches()) {
            return true;
        }
        if (OWN_LINE.matcher(line).matches() || WHITESPACE.split(line).length > MAX_HEADING_WORDS) {
            return false;
        }
        char last = line.charAt(line.length() - 1);
        return ".!?;:,".indexOf(last) < 0;
    }

    private static List<String> sentences(String line) {
        List<String> sentences = new ArrayList<>();
        BreakIterator iterator = BreakIterator.getSentenceInstance(Locale.ROOT);
        iterator.setText(line);
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            String sentence = line.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    private static Chunk chunk(int position, List<Piece> pieces) {
        StringBuilder content = new StringBuilder();
        for (Piece piece : pieces) {
            if (!content.isEmpty()) {
                content.append(piece.before().text);
            }
            content.append(piece.text());
        }
        return new Chunk(position, content.toString(), estimateTokens(words(pieces)));
    }

    private static int words(List<Piece> pieces) {
        int words = 0;
        for (Piece piece : pieces) {
            words += piece.words();
        }
        return words;
    }
}
