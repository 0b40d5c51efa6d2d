package com.sintra.chat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.sintra.ai.ChatChunk;

/** Collects one answer as it streams: its text, when its first token came, the usage the provider reported. */
final class AnswerRecorder {

    private final long startedNanos;
    private final List<Citation> citations;
    private final String model;
    private final StringBuilder text = new StringBuilder();
    private boolean taken;
    private volatile AnswerMode mode = AnswerMode.MODEL;
    private volatile long firstTokenNanos;
    private volatile ChatChunk.Usage usage;

    AnswerRecorder(long startedNanos, List<Citation> citations, String model) {
        this.startedNanos = startedNanos;
        this.citations = citations;
        this.model = model;
    }

    void mode(AnswerMode mode) {
        this.mode = mode;
    }

    synchronized void add(ChatChunk chunk) {
        if (!chunk.text().isEmpty() && text.isEmpty()) {
            firstTokenNanos = System.nanoTime();
        }
        text.append(chunk.text());
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
    }

    synchronized boolean started() {
        return !text.isEmpty();
    }

    /**
     * The answer to store, ending as {@code ending} unless it completed; empty once one has been taken, so
     * a completion racing a cancellation stores the answer once. It keeps only the citations its text cites:
     * an offline answer that quotes nothing has no sources.
     */
    synchronized Optional<StoredAnswer> take(AnswerMode ending) {
        if (taken) {
            return Optional.empty();
        }
        taken = true;
        AnswerMode stored = ending == null ? mode : ending;
        boolean spent = stored != AnswerMode.OFFLINE && stored != AnswerMode.CACHED;
        Integer promptTokens = !spent ? Integer.valueOf(0) : usage == null ? null : usage.promptTokens();
        Integer completionTokens = !spent ? Integer.valueOf(0) : usage == null ? null : usage.completionTokens();
        long now = System.nanoTime();
        String content = text.toString();
        return Optional.of(new StoredAnswer(content, Citation.citedIn(content, citations), stored,
                stored == AnswerMode.OFFLINE ? null : model, promptTokens, completionTokens, millis(now - startedNanos),
                firstTokenNanos == 0 ? null : millis(firstTokenNanos - startedNanos)));
    }

    private static int millis(long nanos) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
