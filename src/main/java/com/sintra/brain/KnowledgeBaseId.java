package com.sintra.brain;

import java.util.Optional;
import java.util.UUID;

public record KnowledgeBaseId(UUID value) {

    public KnowledgeBaseId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static Optional<KnowledgeBaseId> parse(String text) {
        try {
            return Optional.of(new KnowledgeBaseId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
