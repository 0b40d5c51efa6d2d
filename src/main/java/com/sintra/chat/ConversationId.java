package com.sintra.chat;

import java.util.Optional;
import java.util.UUID;

public record ConversationId(UUID value) {

    public ConversationId {
        java.util.Objects.requireNonNull(value);
    }

    public static Optional<ConversationId> parse(String text) {
        try {
            return Optional.of(new ConversationId(UUID.fromString(text)));
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
