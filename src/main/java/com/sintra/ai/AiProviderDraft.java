package com.sintra.ai;

/**
 * A provider's settings as the admin's form sends them; checked by {@link AiProviders}.
 *
 * @param apiKey null or blank keeps the stored key (it is never shown again); see {@link #removeKey}
 * @param removeKey true to forget the stored key (Ollama needs none)
 */
public record AiProviderDraft(String name, AiProviderKind kind, String baseUrl, String apiKey, boolean removeKey,
                              String defaultModel, AiProviderId fallbackId, int requestsPerSecond,
                              int maxConcurrentCalls, boolean enabled) {
}
