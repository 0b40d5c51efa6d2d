package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Markdown that the earlier line-by-line regexes read wrongly; TextExtractorTest covers the common markup. */
class MarkdownTextTest {

    @Test
    void code_keeps_what_looks_like_markup_and_escaped_markup_loses_only_its_backslash() {
        assertThat(text("Write `**bold**` or `[a](b)` for that, or \\*stars\\* and \\[brackets\\]."))
                .isEqualTo("Write **bold** or [a](b) for that, or *stars* and [brackets].");
    }

    @Test
    void entities_become_the_characters_they_stand_for() {
        assertThat(text("Terms &amp; conditions &copy; 2026, caf&#233;.")).isEqualTo("Terms & conditions © 2026, café.");
    }

    @Test
    void a_link_whose_address_holds_parentheses_keeps_only_its_text() {
        assertThat(text("See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) and [Bar][bar].\n\n[bar]: https://example.com"))
                .isEqualTo("See Foo and Bar.");
    }

    @Test
    void a_fence_holding_a_shorter_fence_is_one_code_block_and_the_text_after_it_is_text_again() {
        String markdown = """
                ````markdown
                ```java
                int x = 1;
                ```
                ````

                After the **example**.
                """;

        assertThat(text(markdown)).isEqualTo("```java\nint x = 1;\n```\n\nAfter the example.");
    }

    @Test
    void a_heading_in_a_comment_or_a_code_block_is_no_title_and_commented_text_is_not_read() {
        String markdown = """
                <!--
                # Old title
                -->
                ```
                # A shell comment
                ```
                New title
                =========
                Body.
                """;

        var document = MarkdownText.parse(markdown);
        assertThat(MarkdownText.title(document)).isEqualTo("New title");
        assertThat(MarkdownText.text(document)).doesNotContain("Old title").contains("# A shell comment")
                .endsWith("New title\n\nBody.");
    }

    @Test
    void a_table_with_short_dividers_loses_its_divider_and_its_cells_markup() {
        String markdown = """
                | Plan | **Price** |
                |:-|-:|
                | [Team](https://example.com/team) | `10 €` |
                """;

        assertThat(text(markdown)).isEqualTo("| Plan | Price |\n| Team | 10 € |");
    }

    @Test
    void ordered_lists_keep_their_numbers_and_nested_items_are_indented_under_their_parent() {
        String markdown = """
                3. Unpack
                4. Configure:
                   - the *key*
                   - the model

                   Then restart.
                5. Run
                6.
                7. Done
                """;

        assertThat(text(markdown)).isEqualTo("3. Unpack\n4. Configure:\n  - the key\n  - the model\nThen restart.\n5. Run\n6.\n7. Done");
    }

    @Test
    void raw_html_blocks_give_their_visible_text_and_inline_tags_only_their_content() {
        String markdown = """
                <details><summary>Install on Windows</summary>

                Press <kbd>Ctrl</kbd>+<kbd>C</kbd> first,<br>then run it.

                </details>
                <script>alert(1)</script>
                """;

        assertThat(text(markdown)).isEqualTo("Install on Windows\n\nPress Ctrl+C first,\nthen run it.");
    }

    @Test
    void strikethrough_takes_two_tildes_so_a_lone_tilde_stays() {
        assertThat(text("It takes ~5 minutes, ~~ten~~ two with a cache.")).isEqualTo("It takes ~5 minutes, ten two with a cache.");
    }

    private static String text(String markdown) {
        return MarkdownText.text(MarkdownText.parse(markdown)).strip();
    }
}
