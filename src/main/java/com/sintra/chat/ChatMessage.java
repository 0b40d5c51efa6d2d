package com.sintra.chat;

import java.time.Instant;
import java.util.List;

/**
 * A stored message: the user's question or the agent's answer, with how it was produced and what it cost.
 *
 * @param mode             null for the user's messages
 * @param promptTokens     as the provider reported them; null when it did not, or no model was asked
 * @param latencyMs        from the question to the end of the answer
 * @param firstTokenMs     from the question to the answer's first token
 */
public record ChatMessage(long id, ConversationId conversationId, Sender sender, String content, List<Citation> citations,
                          AnswerMode mode, String model, Integer promptTokens, Integer completionTokens,
                          Integer latencyMs, Integer firstTokenMs, Instant createdAt) {

    public enum Sender { USER, AGENT }

    public ChatMessage {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    public boolean fromUser() {
        return sender == Sender.USER;
    }
}
