package com.sintra.ai;

import java.util.List;
import java.util.UUID;

/**
 * Everything a model call needs; identical prompts are identical requests (single flight, cache).
 *
 * @param model       blank: the provider's default model
 * @param provider    who is asked; null: the default provider (docs/decisions/0025)
 * @param attribution whom the call is counted for in usage and cost; never part of the request
 */
public record ChatPrompt(String model, String systemPrompt, List<Turn> history, String userMessage, double temperature,
                         int maxTokens, AiProviderId provider, Attribution attribution) {

    public record Turn(boolean fromUser, String content) {
    }

    /**
     * The workspace and agent a call is made for (either may be null: a collaboration's summary has no agent).
     * Plain ids: the gateway knows neither module.
     */
    public record Attribution(UUID workspaceId, UUID agentId) {

        public static final Attribution NONE = new Attribution(null, null);
    }

    public ChatPrompt {
        model = model == null ? "" : model;
        history = history == null ? List.of() : List.copyOf(history);
        attribution = attribution == null ? Attribution.NONE : attribution;
    }

    /** A prompt for the default provider, counted for nobody. */
    public ChatPrompt(String model, String systemPrompt, List<Turn> history, String userMessage, double temperature,
                      int maxTokens) {
        this(model, systemPrompt, history, userMessage, temperature, maxTokens, null, Attribution.NONE);
    }

    /** This prompt, sent to that provider and counted for that workspace and agent. */
    public ChatPrompt routed(AiProviderId provider, Attribution attribution) {
        return new ChatPrompt(model, systemPrompt, history, userMessage, temperature, maxTokens, provider, attribution);
    }
}
