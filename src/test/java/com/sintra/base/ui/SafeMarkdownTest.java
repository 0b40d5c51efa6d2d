package com.sintra.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

    @Test
    void markdown_becomes_html() {
        String html = SafeMarkdown.toHtml("**Offline answer** — quoted.\n\n> Refunds take five days. [1]\n\n- one\n- two");
        assertThat(html).contains("<strong>Offline answer</strong>").contains("<blockquote>")
                .contains("Refunds take five days. [1]").contains("<li>one</li>");
    }

    @Test
    void script_tags_are_shown_as_text_never_run() {
        String html = SafeMarkdown.toHtml("Hello <script>alert('x')</script>\n\n<script>alert(1)</script>");
        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;");
    }

    @Test
    void event_handler_attributes_are_neutralised() {
        String html = SafeMarkdown.toHtml("<img src=x onerror=alert(1)>\n\ntext <b onmouseover=\"alert(1)\">bold</b>");
        assertThat(html).doesNotContain("<img").doesNotContain("<b ").doesNotContainPattern("<[^>]*onerror")
                .doesNotContainPattern("<[^>]*onmouseover");
    }

    @Test
    void javascript_links_lose_their_target() {
        String html = SafeMarkdown.toHtml("[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)"
                + " and <a href=\"javascript:alert(2)\">raw</a>");
        assertThat(html).doesNotContainIgnoringCase("javascript:").doesNotContain("data:text").contains("click me");
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
    void no_text_is_an_empty_fragment() {
        assertThat(SafeMarkdown.toHtml(null)).isEmpty();
    }
}
