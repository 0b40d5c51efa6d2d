package com.sintra.brain;

import java.util.Optional;
import java.util.UUID;

public record DocumentId(UUID value) {

    public DocumentId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static Optional<DocumentId> parse(String text) {
        try {
            return Optional.of(new DocumentId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
