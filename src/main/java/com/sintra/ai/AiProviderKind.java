package com.sintra.ai;

/** The wire protocol a provider speaks. */
public enum AiProviderKind {
    /** OpenAI's chat completions: OpenAI, Ollama, vLLM, LM Studio. */
    OPENAI_COMPATIBLE("OpenAI-compatible"),
    /** Anthropic's Messages API. */
    ANTHROPIC("Anthropic");

    private final String label;

    AiProviderKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
