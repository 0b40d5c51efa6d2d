package com.sintra.ai;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat server for tests: streams an answer as SSE chunks, and can be told to be
 * slow, fail with 500, answer 429 with Retry-After, or hang. The only fake in Sintra's tests: the real
 * client code runs against it over HTTP.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    public enum Mode { ANSWER, FAIL_500, RATE_LIMIT_429, HANG }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private final List<Mode> script = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ANSWER;
    private volatile List<String> tokens = List.of("Hello", " from", " the", " fake", " model.");
    private volatile Duration answerTime = Duration.ZERO;
    private volatile int retryAfterSeconds = 1;
    private volatile String lastRequest = "";
    private volatile java.util.function.Function<String, List<String>> answers;
    private volatile BiConsumer<String, Long> firstTokenListener = (request, nanos) -> { };

    public FakeOpenAiServer() throws IOException {
        this(0);
    }

    public FakeOpenAiServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/models", exchange -> {
            plain(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"},"
                    + "{\"id\":\"another-model\",\"object\":\"model\"}]}");
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every following request behaves like this. */
    public FakeOpenAiServer mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    /** The next requests behave like these, in order; then {@link #mode} applies again. */
    public FakeOpenAiServer thenAnswer(Mode... modes) {
        script.addAll(List.of(modes));
        return this;
    }

    public FakeOpenAiServer tokens(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        return this;
    }

    /** The whole answer takes this long, its tokens spread evenly. */
    /** Each request is answered with the tokens this gives for its body (null: {@link #tokens}). */
    public FakeOpenAiServer answers(java.util.function.Function<String, List<String>> answers) {
        this.answers = answers;
        return this;
    }

    public FakeOpenAiServer answerTime(Duration answerTime) {
        this.answerTime = answerTime;
        return this;
    }

    public FakeOpenAiServer retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    /** Told the request's body and {@code System.nanoTime()} just before each answer's first token is sent. */
    public FakeOpenAiServer onFirstToken(BiConsumer<String, Long> listener) {
        this.firstTokenListener = listener;
        return this;
    }

    /** The body of the latest request, as JSON text. */
    public String lastRequest() {
        return lastRequest;
    }

    /** Streams the client abandoned before the end. */
    public int disconnects() {
        return disconnects.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastRequest = request;
        Mode current = script.isEmpty() ? mode : script.remove(0);
        switch (current) {
            case FAIL_500 -> plain(exchange, 500, "{\"error\":{\"message\":\"boom\"}}");
            case RATE_LIMIT_429 -> {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                plain(exchange, 429, "{\"error\":{\"message\":\"slow down\"}}");
            }
            case HANG -> sleep(Duration.ofMinutes(5));
            case ANSWER -> stream(exchange, request);
        }
        exchange.close();
    }

    private void stream(HttpExchange exchange, String request) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        var answering = answers;
        List<String> tokens = answering == null ? this.tokens : answering.apply(request);
        Duration pause = tokens.isEmpty() ? Duration.ZERO : answerTime.dividedBy(tokens.size());
        try (OutputStream out = exchange.getResponseBody()) {
            boolean first = true;
            for (String token : tokens) {
                sleep(pause);
                if (first) {
                    firstTokenListener.accept(request, System.nanoTime());
                    first = false;
                }
                event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(token) + "},\"finish_reason\":null}]}");
            }
            event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            event(out, "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + tokens.size() + ",\"total_tokens\":" + (12 + tokens.size()) + "}}");
            event(out, "[DONE]");
        } catch (IOException clientWentAway) {
            disconnects.incrementAndGet();
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void plain(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the fake provider on its own, for trying Sintra by hand: {@code java -cp target/test-classes
     * com.sintra.ai.FakeOpenAiServer [port] [answer-ms]}, then start Sintra with SINTRA_AI_BASE_URL pointing at it.
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 11435;
        FakeOpenAiServer server = new FakeOpenAiServer(port);
        server.answerTime(Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 3000))
                .tokens(List.of("Agents", " cite", " the", " passages", " they", " draw", " on", " as", " numbered",
                        " sources", " [1],", " and", " each", " **citation**", " opens", " its", " passage", " [2]."));
        System.out.println("Fake OpenAI-compatible provider at " + server.baseUrl());
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
