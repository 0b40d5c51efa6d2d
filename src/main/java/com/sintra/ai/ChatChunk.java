package com.sintra.ai;

/**
 * A piece of a streamed answer. The last chunk of a stream carries the token usage when the
 * provider reports it (null otherwise).
 */
public record ChatChunk(String text, Usage usage) {

    public record Usage(int promptTokens, int completionTokens) {
    }
}
