package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatSetup;
import com.sintra.chat.ConversationId;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceId;

/** What a new user does first, in a real browser, against the production bundle. */
class JourneysBrowserIT extends BrowserTest {

    private static final String FEED = "const feed = document.querySelector('.chat-feed');\n";
    private static final String BULK_40 = """
            const bulk = [...feed.querySelectorAll('#messages > *')].find(m => /\\bBulk 40\\b/.test(m.textContent));
            """;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_user_signs_in_with_e_mail_and_password_and_lands_on_the_workspaces() {
        User user = fixtures.newUser();

        browser.signIn(user.email(), Fixtures.PASSWORD);

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.element("new-workspace").isDisplayed()).isTrue();
        assertThat(browser.js("return !!(window.Vaadin && window.Vaadin.developmentMode)"))
                .as("the app runs in production mode").isEqualTo(false);
        assertThat(browser.js("return [...document.scripts].some(s => s.src.includes('/VAADIN/build/'))"))
                .as("the page runs the production bundle (VAADIN/build)").isEqualTo(true);
    }

    @Test
    void a_user_creates_a_workspace_and_lands_in_it() {
        browser.signIn(fixtures.newUser().email(), Fixtures.PASSWORD);
        String name = "Browser " + UUID.randomUUID().toString().substring(0, 8);

        browser.click("new-workspace");
        browser.field("Name").sendKeys(name);
        browser.click("create-workspace");

        browser.await("the new workspace's page", d -> browser.first("h2") != null
                && name.equals(browser.first("h2").getText()));
        browser.waitUntil(d -> browser.path().startsWith("/workspaces/"), Duration.ofSeconds(5),
                () -> "the address to name the new workspace, so a reload stays there (it is " + browser.path() + ")");
    }

    @Test
    void a_user_uploads_a_document_and_watches_its_progress_reach_the_end() throws IOException {
        User user = fixtures.newUser();
        fixtures.newWorkspace(user);
        browser.signIn(user.email(), Fixtures.PASSWORD);
        Path file = Files.createTempFile("refund-policy-", ".md");
        Files.writeString(file, "# Refund policy\n\nCustomers may return any item within 30 days for a full refund. "
                + "Refunds are paid to the original card within five working days.\n");

        browser.open("/brain");
        browser.click("new-knowledge-base");
        browser.field("Name").sendKeys("Policies");
        browser.click("create-knowledge-base");
        browser.withText("Add documents").click();
        WebElement input = browser.element("brain-upload").getShadowRoot().findElement(By.cssSelector("input[type=file]"));
        input.sendKeys(file.toString());

        String finished = browser.waitUntil(d -> (String) browser.js("""
                const bar = document.querySelector('.sintra-ingestion vaadin-progress-bar');
                return bar && bar.value === 1 && (bar.getAttribute('theme') || '').includes('success')
                    ? bar.closest('.sintra-ingestion').textContent : null;
                """), Duration.ofSeconds(30), "the upload's progress bar to reach the end");
        assertThat(finished).contains(file.getFileName().toString());
    }

    @Test
    void a_user_searches_the_brain_and_opens_a_passage() {
        demoWorkspace();
        signInAsAdmin();
        browser.open("/brain");

        browser.type("brain-query", "How do agents cite their sources?");
        browser.click("brain-search");
        WebElement link = browser.await("a search result", d -> browser.first(".sintra-search-hit a"));
        String title = link.getText();
        link.click();

        browser.await("the document's page", d -> browser.path().startsWith("/brain/documents/"));
        browser.idle();
        assertThat(browser.driver().findElement(By.tagName("h2")).getText()).isEqualTo(title);
    }

    @Test
    void a_user_chats_with_a_demo_agent_without_an_ai_key_and_opens_a_citation() {
        demoWorkspace();
        signInAsAdmin();
        browser.open("/chat");

        browser.type("chat-message", "How do agents cite their sources?");
        browser.click("send");
        WebElement citation = browser.waitUntil(d -> browser.first(".chat-answer a.chat-citation"),
                Duration.ofSeconds(30), "an offline answer with a citation");
        assertThat(browser.first(".chat-answer .chat-mode").getText()).as("the answer's mode badge").contains("Offline");
        citation.click();

        browser.await("the cited document", d -> browser.path().startsWith("/brain/documents/"));
        browser.idle();
        assertThat(browser.js("return document.querySelector('vaadin-grid').selectedItems.length"))
                .as("the cited passage is selected").isEqualTo(1L);
    }

    @Test
    void a_long_conversation_opens_at_its_end_and_scrolling_to_the_top_loads_earlier_messages_in_place() {
        Workspace demo = demoWorkspace();
        ConversationId conversation = fixtures.as(fixtures.admin(), () -> {
            var agent = agents.agents(demo.id(), 0, 10).stream().filter(a -> !a.knowledgeBases().isEmpty())
                    .findFirst().orElseThrow();
            ChatAnswer answer = chat.ask(agent.id(), null, "How do agents cite their sources?");
            answer.events().blockLast(Duration.ofSeconds(30));
            return answer.conversation().id();
        });
        ChatSetup.insertMessages(jdbc, conversation, 70);
        signInAsAdmin();

        browser.open("/chat/" + conversation);
        browser.await("the message list scrolled to its end", d -> Boolean.TRUE.equals(browser.js(FEED + """
                return feed.scrollHeight > feed.clientHeight + 100
                    && feed.scrollHeight - feed.scrollTop - feed.clientHeight < 2;
                """)));
        assertThat(browser.js(FEED + "return feed.querySelectorAll('#messages > *').length")).isEqualTo(30L);
        // Where the earliest message shown stands in the list's content: at scrollTop 0 the reader sees it there.
        double place = ((Number) browser.js(FEED + BULK_40 + """
                return bulk.getBoundingClientRect().top - feed.getBoundingClientRect().top + feed.scrollTop;""")).doubleValue();

        browser.js(FEED + "feed.scrollTop = 0;");

        browser.await("the page before, loaded by scrolling to the top", d -> Long.valueOf(60).equals(
                browser.js(FEED + "return feed.querySelectorAll('#messages > *').length")));
        double after = ((Number) browser.waitUntil(d -> browser.js(FEED + BULK_40 + """
                return feed.scrollTop > 0 ? bulk.getBoundingClientRect().top - feed.getBoundingClientRect().top : null;"""),
                Duration.ofSeconds(5), "the list scrolled down by what came in above")).doubleValue();
        assertThat(after).as("the message the reader was looking at stays where it was").isCloseTo(place, within(5.0));
    }

    @Test
    void a_user_creates_an_api_key_and_copies_it_before_it_is_hidden() {
        browser.signIn(fixtures.newUser().email(), Fixtures.PASSWORD);
        browser.allowClipboard();
        browser.open("/settings");

        browser.field("Name").sendKeys("nightly import");
        browser.click("create-api-key");
        String key = browser.element("new-api-key").findElement(By.tagName("input")).getDomProperty("value");
        browser.withText("Copy").click();

        browser.await("the key in the clipboard", d -> key.equals(browser.clipboard()));
        browser.click("api-key-copied");
        assertThat(browser.driver().findElement(By.tagName("vaadin-grid")).getText()).contains("nightly import");
    }

    @Test
    void a_user_copies_a_workspace_id_for_the_api_where_the_workspace_is_shown() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        browser.signIn(user.email(), Fixtures.PASSWORD);
        browser.allowClipboard();

        browser.open("/workspaces/" + workspace);
        List<WebElement> ids = browser.driver().findElements(By.cssSelector(".sintra-id"));
        assertThat(ids).as("a copyable id on the workspace's page (.sintra-id)").isNotEmpty();
        WebElement shown = ids.stream().filter(id -> id.getText().contains(workspace.toString())).findFirst()
                .orElseThrow(() -> new AssertionError("no .sintra-id shows the workspace id " + workspace));
        shown.findElement(By.cssSelector(".sintra-id-copy")).click();

        browser.await("the workspace id in the clipboard", d -> workspace.toString().equals(browser.clipboard()));
    }

    @Test
    void a_signed_in_user_signs_out_from_the_user_menu() {
        browser.signIn(fixtures.newUser().email(), Fixtures.PASSWORD);

        browser.signOut();

        browser.open("/settings");
        assertThat(browser.path()).as("a signed-out visitor is sent to sign in").isEqualTo("/login");
    }
}
