package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sintra.base.InvalidInputException;
import com.sun.net.httpserver.HttpServer;

/** Fetches from a web server the test runs on loopback, which only the allowance makes reachable. */
class UrlFetcherTest {

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page.html", exchange -> respond(exchange, 200, "text/html; charset=utf-8",
                "<html><head><title>Local page</title></head><body><p>Hello from the test server.</p></body></html>"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/page.html");
            respond(exchange, 302, "text/plain", "");
        });
        server.createContext("/big.txt", exchange -> respond(exchange, 200, "text/plain", "x".repeat(2048)));
        server.createContext("/missing", exchange -> respond(exchange, 404, "text/plain", "no"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void with_the_allowance_a_local_page_is_fetched_with_its_media_type() {
        UrlFetcher.Fetched fetched = fetcher(true, 1_000_000).fetch(URI.create(base + "/page.html"));
        assertThat(new String(fetched.content(), StandardCharsets.UTF_8)).contains("Hello from the test server");
        assertThat(fetched.mediaType()).isEqualTo("text/html");
        assertThat(fetched.fileName()).isEqualTo("page.html");
    }

    @Test
    void redirects_are_followed_and_checked_again() {
        assertThat(fetcher(true, 1_000_000).fetch(URI.create(base + "/moved")).fileName()).isEqualTo("page.html");
    }

    @Test
    void without_the_allowance_loopback_is_refused_before_any_request() {
        assertThatThrownBy(() -> fetcher(false, 1_000_000).check(base + "/page.html"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Private");
        assertThatThrownBy(() -> fetcher(false, 1_000_000).fetch(URI.create(base + "/page.html")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void documents_over_the_size_limit_and_error_statuses_are_refused() {
        assertThatThrownBy(() -> fetcher(true, 1024).fetch(URI.create(base + "/big.txt")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than");
        assertThatThrownBy(() -> fetcher(true, 1_000_000).fetch(URI.create(base + "/missing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("404");
    }

    @Test
    void private_address_ranges_are_recognised() throws Exception {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1"}) {
            assertThat(UrlFetcher.isPrivate(java.net.InetAddress.getByName(address))).as(address).isTrue();
        }
        assertThat(UrlFetcher.isPrivate(java.net.InetAddress.getByName("93.184.216.34"))).isFalse();
    }

    private static UrlFetcher fetcher(boolean allowPrivate, long maxBytes) {
        return new UrlFetcher(TestBrainProperties.with(Map.of(
                "sintra.brain.allow-private-urls", Boolean.toString(allowPrivate),
                "sintra.brain.max-document-bytes", Long.toString(maxBytes),
                "sintra.brain.url-timeout", "5s")));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
