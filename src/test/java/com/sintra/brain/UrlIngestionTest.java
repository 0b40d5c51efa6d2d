package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.brain.IngestionProgress.Stage;
import com.sintra.workspace.WorkspaceId;
import com.sun.net.httpserver.HttpServer;

/** A web page served on loopback, ingested end to end; the allowance is what makes loopback fetchable. */
@TestPropertySource(properties = "sintra.brain.allow-private-urls=true")
class UrlIngestionTest extends IntegrationTest {

    @Autowired
    BrainService brain;

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/refunds.html", exchange -> {
            byte[] body = """
                    <html><head><title>Refund policy</title><script>track()</script></head>
                    <body><h1>Refunds</h1><p>Customers can return any product within thirty days for a full refund.</p></body></html>
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void a_fetched_page_is_ingested_without_its_scripts_and_found_by_meaning() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Web", ""));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/refunds.html";

        IngestionProgress progress = Ingest.awaitFinished(fixtures, brain, owner,
                () -> brain.ingestUrl(workspace, kb, url, List.of("policy"), null));
        assertThat(progress.stage()).isEqualTo(Stage.DONE);

        List<SearchHit> hits = fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("can I get my money back", 1)));
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.documentTitle()).isEqualTo("Refund policy");
            assertThat(hit.source()).isEqualTo(url);
            assertThat(hit.content()).contains("thirty days").doesNotContain("track()");
        });
    }
}
