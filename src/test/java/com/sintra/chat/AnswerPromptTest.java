package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class AnswerPromptTest {

    /** The definition an excerpt must keep: collapse every whitespace run, trim, cut with an ellipsis. */
    private static String collapsedAndCut(String content) {
        String flat = content.replaceAll("\\s+", " ").strip();
        return flat.length() <= AnswerPrompt.EXCERPT ? flat : flat.substring(0, AnswerPrompt.EXCERPT).strip() + "…";
    }

    @Test
    void an_excerpt_is_the_collapsed_trimmed_opening_of_the_passage_cut_at_its_length() {
        assertThat(AnswerPrompt.excerpt("  Refunds\n\n take   five\tdays.  ")).isEqualTo("Refunds take five days.");
        assertThat(AnswerPrompt.excerpt("")).isEmpty();
        String longPassage = "word ".repeat(200);
        assertThat(AnswerPrompt.excerpt(longPassage)).hasSize(AnswerPrompt.EXCERPT).endsWith("…")
                .isEqualTo(collapsedAndCut(longPassage));
    }

    @Test
    void an_excerpt_matches_collapsing_the_whole_passage_for_any_mix_of_whitespace() {
        char[] alphabet = {'a', 'b', 'é', '.', ' ', ' ', '\t', '\n', '\r', '\f', '\u000B', '\u2003', '\u00A0', '\u3000'};
        Random random = new Random(42);
        for (int run = 0; run < 20_000; run++) {
            int length = random.nextInt(random.nextBoolean() ? 40 : 700);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String content = text.toString();
            assertThat(AnswerPrompt.excerpt(content)).as("excerpt of %s", content.codePoints()
                    .mapToObj(c -> c < 128 && c > 31 ? String.valueOf((char) c) : "\\u%04x".formatted(c)).toList())
                    .isEqualTo(collapsedAndCut(content));
        }
    }
}
