package com.sintra.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.sintra.brain.SearchHit;

/**
 * An answer written without a model: the sentences of the best passages that share the most words with
 * the question, quoted with their citation numbers, under a label that says no model wrote them. It never
 * says anything the passages do not.
 */
final class OfflineAnswer {

    private static final int PASSAGES_QUOTED = 3;
    private static final int SENTENCES_PER_PASSAGE = 2;
    private static final int MAX_SENTENCE = 400;
    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "for",
            "is", "are", "was", "were", "be", "it", "this", "that", "what", "how", "why", "when", "who", "which", "do",
            "does", "did", "can", "i", "you", "we", "with", "as", "at", "by", "from", "about", "my", "our", "your");

    private OfflineAnswer() {
    }

    /** @param passages best first; the n-th is cited as [n] */
    static String write(String question, List<SearchHit> passages, String reason, double minScore) {
        StringBuilder answer = new StringBuilder("**Offline answer** — ").append(reason)
                .append(". No model wrote this: it quotes the passages of this agent's knowledge closest to your question.\n\n");
        Set<String> asked = words(question);
        int quoted = 0;
        for (int i = 0; i < passages.size() && quoted < PASSAGES_QUOTED; i++) {
            if (passages.get(i).score() >= minScore) {
                String sentences = String.join(" ", bestSentences(passages.get(i).content(), asked));
                answer.append("> ").append(sentences).append(" [").append(i + 1).append("]\n\n");
                quoted++;
            }
        }
        if (quoted == 0) {
            return answer.append("Nothing in this agent's knowledge is close enough to your question to quote.").toString();
        }
        return answer.toString().stripTrailing();
    }

    /** The passage's sentences sharing most words with the question, in the passage's own order. */
    static List<String> bestSentences(String passage, Set<String> asked) {
        List<String> sentences = sentences(passage);
        record Scored(int index, String sentence, long shared) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String sentence = sentences.get(i);
            scored.add(new Scored(i, sentence, words(sentence).stream().filter(asked::contains).count()));
        }
        return scored.stream().sorted(Comparator.comparingLong(Scored::shared).reversed().thenComparingInt(Scored::index))
                .limit(SENTENCES_PER_PASSAGE).sorted(Comparator.comparingInt(Scored::index))
                .map(s -> s.sentence().length() > MAX_SENTENCE ? s.sentence().substring(0, MAX_SENTENCE).strip() + "…" : s.sentence())
                .toList();
    }

    private static List<String> sentences(String text) {
        BreakIterator boundaries = BreakIterator.getSentenceInstance(Locale.ROOT);
        String flat = text.replaceAll("\\s+", " ").strip();
        boundaries.setText(flat);
        List<String> sentences = new ArrayList<>();
        for (int start = boundaries.first(), end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            String sentence = flat.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
