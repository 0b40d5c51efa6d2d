package com.sintra.ai;

/**
 * An AI provider as admins and agents see it; its key never leaves the service, only whether one is set.
 *
 * @param id          null for the provider from the environment, which is not stored (docs/decisions/0025)
 * @param defaultModel asked when a call names no model, and when this provider stands in for another
 * @param fallbackId  asked while this provider's circuit is open; null for none
 */
public record AiProvider(AiProviderId id, String name, AiProviderKind kind, String baseUrl, boolean keySet,
                         String defaultModel, AiProviderId fallbackId, int requestsPerSecond, int maxConcurrentCalls,
                         boolean enabled) {

    /** The name the provider from the environment goes by, in the meters and on screen. */
    public static final String ENVIRONMENT = "environment";

    public boolean fromEnvironment() {
        return id == null;
    }
}
