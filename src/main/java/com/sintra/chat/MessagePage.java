package com.sintra.chat;

import java.util.List;

/**
 * Consecutive messages of a conversation, oldest first, and whether earlier ones exist. The next page
 * back starts before {@code messages.get(0)}.
 */
public record MessagePage(List<ChatMessage> messages, boolean hasEarlier) {

    public MessagePage {
        messages = List.copyOf(messages);
    }
}
