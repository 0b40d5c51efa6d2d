package com.sintra.ai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Anthropic's Messages API for tests, as {@link FakeOpenAiServer} is OpenAI's: streams an answer as Anthropic's
 * server-sent events (message_start with the input tokens, content_block_start, content_block_delta text_delta
 * per token, content_block_stop, message_delta with the output tokens, message_stop, a ping between), lists
 * models, and refuses a request without the key it expects.
 */
public final class FakeAnthropicServer implements AutoCloseable {

    public static final String KEY = "sk-ant-test-key";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile List<String> tokens = List.of("Hello", " from", " Claude.");
    private volatile String lastRequest = "";
    private volatile String lastVersionHeader = "";

    public FakeAnthropicServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/messages", this::messages);
        server.createContext("/v1/models", exchange -> {
            if (authorised(exchange)) {
                plain(exchange, 200, "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":\"Claude Sonnet 4.5\"},"
                        + "{\"type\":\"model\",\"id\":\"claude-haiku-4-5\",\"display_name\":\"Claude Haiku 4.5\"}],\"has_more\":false}");
            }
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeAnthropicServer tokens(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public String lastRequest() {
        return lastRequest;
    }

    public String lastVersionHeader() {
        return lastVersionHeader;
    }

    private boolean authorised(HttpExchange exchange) throws IOException {
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            plain(exchange, 401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
            return false;
        }
        return true;
    }

    private void messages(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        lastRequest = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastVersionHeader = String.valueOf(exchange.getRequestHeaders().getFirst("anthropic-version"));
        if (!authorised(exchange)) {
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        List<String> answer = tokens;
        try (OutputStream out = exchange.getResponseBody()) {
            event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,"
                    + "\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}");
            event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            event(out, "ping", "{\"type\":\"ping\"}");
            for (String token : answer) {
                event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + quote(token) + "}}");
            }
            event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":" + answer.size() + "}}");
            event(out, "message_stop", "{\"type\":\"message_stop\"}");
        } catch (IOException clientWentAway) {
            // the client cancelled
        }
        exchange.close();
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void plain(HttpExchange exchange, int status, String body) throws IOException {
        FakeOpenAiServer.plain(exchange, status, body);
    }

    private static String quote(String text) {
        return FakeOpenAiServer.quote(text);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
