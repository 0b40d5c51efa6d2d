package com.sintra.ai;

import java.util.List;

/** Everything a model call needs; identical prompts are identical requests (single flight, cache). */
public record ChatPrompt(String model, String systemPrompt, List<Turn> history, String userMessage, double temperature,
                         int maxTokens) {

    public record Turn(boolean fromUser, String content) {
    }

    public ChatPrompt {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
