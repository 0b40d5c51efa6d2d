package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker();

    @Test
    void empty_or_blank_text_gives_no_chunks() {
        assertThat(chunker.split("")).isEmpty();
        assertThat(chunker.split(" \n\n\t ")).isEmpty();
        assertThat(chunker.split(null)).isEmpty();
    }

    @Test
    void a_short_text_is_one_chunk_at_position_zero() {
        List<Chunk> chunks = chunker.split("Sintra keeps notes. It finds them again.");

        assertThat(chunks).containsExactly(new Chunk(0, "Sintra keeps notes. It finds them again.", 10));
    }

    @Test
    void tokens_are_estimated_as_words_times_one_point_three_rounded_up() {
        assertThat(Chunker.estimateTokens(0)).isZero();
        assertThat(Chunker.estimateTokens(1)).isEqualTo(2);
        assertThat(Chunker.estimateTokens(10)).isEqualTo(13);
        assertThat(Chunker.estimateTokens(100)).isEqualTo(130);
    }

    @Test
    void chunks_are_cut_between_sentences_and_stay_within_the_target() {
        List<Chunk> chunks = chunker.split(paragraphs(6, 8));

        assertThat(chunks).hasSizeGreaterThan(3);
        for (Chunk chunk : chunks) {
            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(Chunker.DEFAULT_TARGET_TOKENS)
                    .isEqualTo(Chunker.estimateTokens(words(chunk.content())));
            assertThat(chunk.content()).startsWith("Sentence").endsWith(".");
        }
        // Nearly full: a cut is made only when the next sentence would not fit.
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(chunk -> assertThat(chunk.tokenCount()).isGreaterThan(Chunker.DEFAULT_TARGET_TOKENS - 20));
    }

    @Test
    void each_chunk_starts_with_the_last_whole_sentences_of_the_one_before() {
        List<Chunk> chunks = chunker.split(paragraphs(6, 8));

        for (int i = 1; i < chunks.size(); i++) {
            List<String> previous = sentences(chunks.get(i - 1).content());
            List<String> next = sentences(chunks.get(i).content());
            int shared = 0;
            while (shared < next.size() && previous.contains(next.get(shared))) {
                shared++;
            }
            assertThat(shared).as("sentences chunk %d repeats", i).isPositive();
            assertThat(next.subList(0, shared)).isEqualTo(previous.subList(previous.size() - shared, previous.size()));
            assertThat(Chunker.estimateTokens(words(String.join(" ", next.subList(0, shared)))))
                    .isLessThanOrEqualTo(Chunker.DEFAULT_OVERLAP_TOKENS);
        }
    }

    @Test
    void every_sentence_is_in_some_chunk_in_order() {
        String text = paragraphs(6, 8);
        List<Chunk> chunks = chunker.split(text);

        List<String> seen = new ArrayList<>();
        for (Chunk chunk : chunks) {
            for (String sentence : sentences(chunk.content())) {
                if (seen.isEmpty() || !seen.contains(sentence)) {
                    seen.add(sentence);
                }
            }
        }
        assertThat(seen).isEqualTo(sentences(text));
    }

    @Test
    void a_sentence_longer_than_a_chunk_is_cut_between_words_with_overlap() {
        List<String> words = IntStream.range(0, 500).mapToObj(i -> "word" + i).toList();
        List<Chunk> chunks = chunker.split(String.join(" ", words) + ".");

        assertThat(chunks).hasSizeGreaterThan(3);
        for (Chunk chunk : chunks) {
            assertThat(chunk.tokenCount()).isLessThanOrEqualTo(Chunker.DEFAULT_TARGET_TOKENS);
            List<String> chunkWords = Arrays.asList(chunk.content().replace(".", "").split(" "));
            int first = words.indexOf(chunkWords.get(0));
            assertThat(first).as("starts on a whole word").isNotNegative();
            assertThat(chunkWords).isEqualTo(words.subList(first, first + chunkWords.size()));
        }
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).content();
            String firstWord = chunks.get(i).content().split(" ")[0];
            assertThat(previous).as("chunk %d overlaps the one before", i).contains(" " + firstWord + " ");
        }
        assertThat(chunks.get(chunks.size() - 1).content()).endsWith("word499.");
    }

    @Test
    void headings_start_a_new_chunk_without_overlap() {
        String text = "# Install\n\n" + sentencesOf("install", 5) + "\n\n# Configure\n\n" + sentencesOf("configure", 5)
                + "\n\nTroubleshooting\n\n" + sentencesOf("trouble", 5);

        List<Chunk> chunks = chunker.split(text);

        assertThat(chunks).extracting(c -> c.content().lines().findFirst().orElseThrow())
                .containsExactly("# Install", "# Configure", "Troubleshooting");
        assertThat(chunks.get(1).content()).doesNotContain("install");
    }

    @Test
    void a_heading_right_after_a_small_start_does_not_leave_it_as_a_tiny_chunk() {
        String text = "User guide\n\nGetting started\n\n" + sentencesOf("start", 3);

        List<Chunk> chunks = chunker.split(text);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).content()).startsWith("User guide\n\nGetting started\n\nSentence 0 about start");
    }

    @Test
    void wrapped_lines_are_joined_but_list_items_keep_their_own_lines() {
        String text = "A paragraph wrapped\nat seventy-two columns. It goes\non.\n\n- first item\n- second item\n  continued";

        assertThat(chunker.split(text)).singleElement().extracting(Chunk::content).isEqualTo(
                "A paragraph wrapped at seventy-two columns. It goes on.\n\n- first item\n- second item continued");
    }

    @Test
    void positions_count_from_zero_without_gaps() {
        List<Chunk> chunks = chunker.split(paragraphs(10, 8));

        assertThat(chunks).extracting(Chunk::position)
                .containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
    }

    @Test
    void the_same_text_always_gives_the_same_chunks() {
        String text = paragraphs(5, 7);

        assertThat(new Chunker().split(text)).isEqualTo(chunker.split(text));
    }

    @Test
    void the_target_and_overlap_are_configurable() {
        List<Chunk> small = new Chunker(50, 0).split(paragraphs(2, 5));

        assertThat(small).allSatisfy(chunk -> assertThat(chunk.tokenCount()).isLessThanOrEqualTo(50));
        for (int i = 1; i < small.size(); i++) {
            assertThat(small.get(i - 1).content()).doesNotContain(sentences(small.get(i).content()).get(0));
        }
    }

    @Test
    void a_nonsensical_configuration_is_refused() {
        assertThatThrownBy(() -> new Chunker(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(100, 60)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(100, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Paragraphs of numbered sentences of 9 to 18 words, different lengths so cuts fall in varied places. */
    private static String paragraphs(int paragraphs, int sentencesEach) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (int p = 0; p < paragraphs; p++) {
            List<String> sentences = new ArrayList<>();
            for (int s = 0; s < sentencesEach; s++, n++) {
                sentences.add("Sentence " + n + " says" + " something useful".repeat(3 + n % 4) + " here.");
            }
            out.add(String.join(" ", sentences));
        }
        return String.join("\n\n", out);
    }

    private static String sentencesOf(String topic, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "Sentence " + i + " about " + topic + " explains one more step in some detail.")
                .collect(Collectors.joining(" "));
    }

    private static List<String> sentences(String text) {
        return Arrays.stream(text.split("(?<=\\.)\\s+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int words(String text) {
        return text.strip().split("\\s+").length;
    }
}
