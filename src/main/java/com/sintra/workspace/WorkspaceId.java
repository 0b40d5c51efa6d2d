package com.sintra.workspace;

import java.util.Optional;
import java.util.UUID;

public record WorkspaceId(UUID value) {

    public WorkspaceId {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** Parses an id from a URL; empty for anything that is not a UUID. */
    public static Optional<WorkspaceId> parse(String text) {
        try {
            return Optional.of(new WorkspaceId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
