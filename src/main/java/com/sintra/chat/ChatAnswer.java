package com.sintra.chat;

import java.util.List;

import reactor.core.publisher.Flux;

/**
 * A question that has been stored and grounded, and its answer to come. Nothing is asked of the model
 * until {@code events} is subscribed to; cancelling the subscription stops the model (unless another
 * identical request shares the call) and stores what had arrived as a stopped answer.
 *
 * @param citations the passages the answer may cite, numbered as it cites them
 */
public record ChatAnswer(Conversation conversation, ChatMessage question, List<Citation> citations,
                         Flux<ChatEvent> events) {

    public ChatAnswer {
        citations = List.copyOf(citations);
    }
}
