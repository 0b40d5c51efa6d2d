package com.sintra.chat;

import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Flux;

/**
 * A question that has been stored and grounded, and its answer to come. Nothing is asked of the model
 * until {@code events} is subscribed to; cancelling the subscription stops the model (unless another
 * identical request shares the call) and stores what had arrived as a stopped answer.
 *
 * @param citations the passages the answer may cite, numbered as it cites them
 * @param immediate the stored answer when it was known at once (cached or offline), else null; {@code events}
 *                  replays it either way
 */
public record ChatAnswer(Conversation conversation, ChatMessage question, List<Citation> citations,
                         Flux<ChatEvent> events, ChatMessage immediate) {

    public ChatAnswer {
        citations = List.copyOf(citations);
    }

    /** The answer, already stored, when no model had to be asked: a caller may reply without waiting on {@code events}. */
    public Optional<ChatMessage> answeredAtOnce() {
        return Optional.ofNullable(immediate);
    }
}
