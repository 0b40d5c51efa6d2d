package com.sintra.collaboration;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One real Server-Sent Events connection to a collaboration's {@code /events}, as a client program holds it:
 * the body's bytes as they come off the socket (no thread of its own: the HTTP client calls back), parsed into
 * events, and for each marker ({@code bench-m-<n>}) in a {@code message} event the {@code System.nanoTime()} its
 * bytes arrived. Counts the bytes of everything received, of the marker events, and of comments (heartbeats).
 */
final class SseViewer implements AutoCloseable {

    static final Pattern MARKER = Pattern.compile("bench-m-(\\d+)\\b");

    /** @param index its place among the harness's viewers; {@code collaboration} the one it follows */
    record Arrival(int marker, long nanos) {
    }

    final int index;
    final String collaboration;
    /** Whether it takes part in {@link #collaboration} (a viewer) or not (an outsider, who must be refused). */
    final boolean participant;
    private final CompletableFuture<HttpResponse<Void>> response;
    private final CountDownLatch following = new CountDownLatch(1);
    private volatile int status;
    private volatile String node = "?";
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong markerBytes = new AtomicLong();
    private final AtomicLong commentBytes = new AtomicLong();
    private final AtomicInteger markerEvents = new AtomicInteger();
    /** Marker → first arrival; a second arrival of the same marker is a duplicate. */
    private final Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile Throwable failure;
    private volatile Flow.Subscription subscription;

    SseViewer(HttpClient http, String url, String key, int index, String collaboration, boolean participant) {
        this.index = index;
        this.collaboration = collaboration;
        this.participant = participant;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key).GET().build();
        response = http.sendAsync(request, info -> {
            status = info.statusCode();
            // Behind HAProxy: its stickiness cookie names the node that answered (scripts/cluster's haproxy.cfg).
            info.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("SINTRA_NODE="))
                    .findFirst().ifPresent(c -> node = c.substring("SINTRA_NODE=".length()).split(";")[0]);
            if (info.statusCode() != 200) {
                following.countDown();
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return HttpResponse.BodySubscribers.fromSubscriber(new Reader(), r -> null);
        });
        response.whenComplete((r, error) -> {
            if (error != null) {
                failure = error;
            }
            following.countDown();
        });
    }

    /** Waits until the stream answered: its first event arrived, or it was refused or failed. */
    boolean awaitAnswer(Duration timeout) throws InterruptedException {
        return following.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The HTTP status (0 before the headers came). */
    int status() {
        return status;
    }

    /** The node that answered behind HAProxy ({@code node1}, {@code node2}), or "?" when not through it. */
    String node() {
        return node;
    }

    boolean open() {
        return status == 200 && !response.isDone();
    }

    String failure() {
        return failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    Map<Integer, Long> arrivals() {
        return arrivals;
    }

    int duplicates() {
        return duplicates.get();
    }

    long bytes() {
        return bytes.get();
    }

    long markerBytes() {
        return markerBytes.get();
    }

    int markerEvents() {
        return markerEvents.get();
    }

    long commentBytes() {
        return commentBytes.get();
    }

    @Override
    public void close() {
        Flow.Subscription body = subscription;
        if (body != null) {
            body.cancel();
        }
        response.cancel(true);
    }

    /** Splits the body into lines and lines into events (text/event-stream), stamping each chunk's arrival. */
    private final class Reader implements Flow.Subscriber<List<ByteBuffer>> {

        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final StringBuilder data = new StringBuilder();
        private String event;
        private long eventBytes;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            SseViewer.this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            for (ByteBuffer buffer : buffers) {
                bytes.addAndGet(buffer.remaining());
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        line(line.toString(StandardCharsets.UTF_8), line.size() + 1, now);
                        line.reset();
                    } else if (b != '\r') {
                        line.write(b);
                    }
                }
            }
        }

        private void line(String text, int size, long now) {
            eventBytes += size;
            if (text.isEmpty()) {
                dispatch(now);
            } else if (text.startsWith(":")) {
                commentBytes.addAndGet(size);
                eventBytes -= size;
            } else if (text.startsWith("event:")) {
                event = text.substring(6).strip();
            } else if (text.startsWith("data:")) {
                data.append(text.startsWith("data: ") ? text.substring(6) : text.substring(5)).append('\n');
            }
        }

        private void dispatch(long now) {
            if (event != null || data.length() > 0) {
                following.countDown();
                if ("message".equals(event)) {
                    Matcher marker = MARKER.matcher(data);
                    if (marker.find()) {
                        markerEvents.incrementAndGet();
                        markerBytes.addAndGet(eventBytes);
                        if (arrivals.putIfAbsent(Integer.parseInt(marker.group(1)), now) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                }
            }
            event = null;
            data.setLength(0);
            eventBytes = 0;
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
        }
    }
}
