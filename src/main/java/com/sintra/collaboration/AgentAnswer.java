package com.sintra.collaboration;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.sintra.ai.ChatChunk;
import com.sintra.collaboration.CollaborationMessage.State;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One agent answer being written: collects its text as it streams and passes it on to the feeds, holding back
 * a last line that may be becoming the goal-met marker (which is never shown). Stopping it cancels the
 * subscription, and with it the upstream request.
 */
final class AgentAnswer {

    /** The line an agent ends its answer with when it finds the goal met; asked for by its instructions. */
    static final String GOAL_MET = "GOAL MET";

    /** How an answer ended, and what it says once the marker is taken off. */
    record Ending(State state, String content, boolean goalMet, ChatChunk.Usage usage, String failure) {
    }

    private final Transcript transcript;
    private final CollaborationId collaboration;
    private final long sequence;
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<State> ended = new CompletableFuture<>();
    private int shown;
    private ChatChunk.Usage usage;
    private volatile String failure;
    private volatile Disposable upstream;

    AgentAnswer(Transcript transcript, CollaborationId collaboration, long sequence) {
        this.transcript = transcript;
        this.collaboration = collaboration;
        this.sequence = sequence;
    }

    void start(Flux<ChatChunk> chunks) {
        upstream = chunks.subscribe(this::add, e -> {
            failure = e.getMessage();
            ended.complete(State.INTERRUPTED);
        }, () -> ended.complete(State.COMPLETE));
        if (ended.getNow(null) == State.STOPPED) {
            upstream.dispose();
        }
    }

    /** Cancels the answer; what was written until now is kept. */
    void stop() {
        ended.complete(State.STOPPED);
        Disposable subscription = upstream;
        if (subscription != null) {
            subscription.dispose();
        }
    }

    synchronized boolean started() {
        return !text.isEmpty();
    }

    /** Waits (on the run's own thread) until the answer completes, fails or is stopped. */
    Ending await() {
        State state = ended.join();
        String content;
        ChatChunk.Usage spent;
        synchronized (this) {
            content = text.toString();
            spent = usage;
        }
        boolean goalMet = state == State.COMPLETE && endsWithMarker(content);
        return new Ending(state, goalMet ? withoutMarker(content) : content.strip(), goalMet, spent, failure);
    }

    private synchronized void add(ChatChunk chunk) {
        text.append(chunk.text());
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        int visible = visibleEnd(text);
        if (visible > shown) {
            transcript.streamed(collaboration, new StreamedText(sequence, shown, text.substring(shown, visible)));
            shown = visible;
        }
    }

    /** Where the text may be shown up to: all of it, unless its last line could still become the marker. */
    static int visibleEnd(CharSequence text) {
        String all = text.toString();
        int lineStart = all.lastIndexOf('\n') + 1;
        String last = markerForm(all.substring(lineStart));
        return !last.isEmpty() && GOAL_MET.startsWith(last) ? lineStart : all.length();
    }

    /** Whether the text's last line is the marker, however emphasised. */
    static boolean endsWithMarker(String text) {
        String trimmed = text.stripTrailing();
        return markerForm(trimmed.substring(trimmed.lastIndexOf('\n') + 1)).equals(GOAL_MET);
    }

    /** The text without its last line, the marker. */
    static String withoutMarker(String text) {
        String trimmed = text.stripTrailing();
        return trimmed.substring(0, trimmed.lastIndexOf('\n') + 1).strip();
    }

    private static String markerForm(String line) {
        return line.replaceAll("[*_`#>.!:\\[\\]]", "").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
