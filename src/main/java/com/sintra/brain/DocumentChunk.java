package com.sintra.brain;

public record DocumentChunk(int position, String content, int tokenCount) {
}
