package com.sintra.collaboration.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows a Server-Sent Events stream over real HTTP, as a client program would, and keeps what arrives:
 * the events, and how many comment lines (heartbeats) came between them. Closing it drops the connection.
 */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One event; {@code id} is null when the event has none. */
    public record Event(String id, String name, String data) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (Exception e) {
                throw new IllegalStateException("Not JSON: " + data, e);
            }
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;

    private SseClient(HttpRequest request) {
        response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // A thread of its own: reading blocks until the stream ends, and the common pool may have one thread only.
        response.thenAcceptAsync(this::read, task -> {
            Thread reader = new Thread(task, "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** Opens {@code url} with the bearer key, resuming after {@code lastEventId} when not null. */
    public static SseClient open(String url, String key, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(request.build());
    }

    private void read(HttpResponse<Stream<String>> reply) {
        status = reply.statusCode();
        String[] pending = {null, null, null};
        StringBuilder data = new StringBuilder();
        try {
            reply.body().forEach(line -> {
                if (line.isEmpty()) {
                    if (pending[1] != null || data.length() > 0) {
                        events.add(new Event(pending[0], pending[1] == null ? "message" : pending[1], data.toString()));
                    }
                    pending[0] = null;
                    pending[1] = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    pending[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    pending[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            });
        } catch (RuntimeException closed) {
            // The connection was dropped (by close() or the server): what arrived is kept.
        }
    }

    /** The response's status once its headers arrived; 0 before. */
    public int status() {
        return status;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The {@code message} events' payloads, in the order they came. */
    public List<JsonNode> messages() {
        return events.stream().filter(e -> "message".equals(e.name())).map(Event::json).toList();
    }

    public int comments() {
        return comments.get();
    }

    @Override
    public void close() {
        response.thenAccept(reply -> reply.body().close());
        response.cancel(true);
    }
}
