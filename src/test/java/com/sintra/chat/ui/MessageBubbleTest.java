package com.sintra.chat.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.sintra.base.ui.SafeMarkdown;
import com.sintra.brain.DocumentId;
import com.sintra.chat.AnswerMode;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.Citation;
import com.sintra.chat.ConversationId;

class MessageBubbleTest {

    private static final Citation REFUNDS = new Citation(1, new DocumentId(UUID.randomUUID()), "Refunds", "handbook.md",
            11, 0, "Refunds take five business days.", 0.8);
    private static final Citation SHIPPING = new Citation(2, new DocumentId(UUID.randomUUID()), "Shipping", "handbook.md",
            12, 1, "Orders ship from Lisbon.", 0.5);

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    @Test
    void markers_link_to_their_passage_except_inside_code_and_for_a_number_nothing_was_cited_by() {
        String html = MessageBubble.linkMarkers(SafeMarkdown.toHtml("Five days [1], from Lisbon [1, 2]; see `[2]` and [7]."),
                List.of(REFUNDS, SHIPPING));

        Document page = Jsoup.parseBodyFragment(html);
        List<Element> links = page.select("a." + MessageBubble.MARKER);
        assertThat(links).extracting(Element::text).containsExactly("[1]", "1", "2");
        assertThat(links.get(0).attr("href")).isEqualTo("brain/documents/" + REFUNDS.documentId() + "?passage=0");
        assertThat(links.get(2).attr("href")).isEqualTo("brain/documents/" + SHIPPING.documentId() + "?passage=1");
        assertThat(links.get(0).hasAttr("router-link")).isTrue();
        assertThat(links.get(0).attr("title")).isEqualTo("[1] Refunds: Refunds take five business days.");
        assertThat(page.text()).isEqualTo("Five days [1], from Lisbon [1, 2]; see [2] and [7].");
    }

    @Test
    void a_marker_link_adds_no_markup_whatever_the_passage_or_the_answer_holds() {
        Citation hostile = new Citation(1, new DocumentId(UUID.randomUUID()), "<b>x</b>", "s", 1, 3,
                "\" onmouseover=\"alert(1)", 0.9);
        String html = MessageBubble.linkMarkers(SafeMarkdown.toHtml("<script>alert(1)</script> [1]"), List.of(hostile));

        Document page = Jsoup.parseBodyFragment(html);
        assertThat(page.select("script, b, [onmouseover]")).isEmpty();
        assertThat(page.select("a").attr("title")).isEqualTo("[1] <b>x</b>: \" onmouseover=\"alert(1)");
    }

    @Test
    void an_answer_lists_as_sources_only_the_passages_it_cites_and_none_when_it_cites_none() {
        assertThat(links(MessageBubble.of(answer("Orders ship from Lisbon. [2]")), MessageBubble.CITATION))
                .containsExactly("[2] Shipping · passage 2");

        MessageBubble quotesNothing = MessageBubble.of(answer("Nothing in this agent's knowledge is close enough to quote."));
        assertThat(links(quotesNothing, MessageBubble.CITATION)).isEmpty();
        assertThat(Jsoup.parse(quotesNothing.getElement().getOuterHTML()).text()).doesNotContain("Sources");
    }

    private static ChatMessage answer(String content) {
        return new ChatMessage(1, new ConversationId(UUID.randomUUID()), ChatMessage.Sender.AGENT, content,
                List.of(REFUNDS, SHIPPING), AnswerMode.OFFLINE, null, 0, 0, 12, null, Instant.now());
    }

    private static List<String> links(MessageBubble bubble, String className) {
        return Jsoup.parse(bubble.getElement().getOuterHTML()).select("a." + className).eachText();
    }
}
