package com.sintra.ai;

import java.util.UUID;

/** A stored AI provider. The provider from the environment has none: it is never stored. */
public record AiProviderId(UUID value) {

    public AiProviderId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static AiProviderId of(String text) {
        return new AiProviderId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
