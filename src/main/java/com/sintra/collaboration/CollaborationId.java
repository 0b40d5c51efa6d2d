package com.sintra.collaboration;

import java.util.Optional;
import java.util.UUID;

public record CollaborationId(UUID value) {

    public CollaborationId {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** Parses an id from a URL; empty for anything that is not a UUID. */
    public static Optional<CollaborationId> parse(String text) {
        try {
            return Optional.of(new CollaborationId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
