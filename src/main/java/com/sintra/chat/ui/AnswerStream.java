package com.sintra.chat.ui;

import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatEvent;

import reactor.core.Disposable;

/**
 * One answer on its way from the chat service into a {@link LiveReply}. Subscribing asks the model; its
 * tokens reach the reply on the stream's threads, and stopping cancels the model's call (the service stores
 * what had arrived as a stopped answer).
 */
final class AnswerStream {

    private final Disposable subscription;

    private AnswerStream(Disposable subscription) {
        this.subscription = subscription;
    }

    static AnswerStream start(ChatAnswer answer, LiveReply reply) {
        // A reply that shows nothing any more (its page has gone) cancels the answer, as Stop would.
        return new AnswerStream(answer.events().takeWhile(event -> reply.isOpen()).subscribe(event -> {
            if (event instanceof ChatEvent.Token token) {
                reply.append(token.text());
            } else if (event instanceof ChatEvent.Answered answered) {
                reply.complete(answered.answer());
            }
        }, reply::fail));
    }

    void stop() {
        subscription.dispose();
    }
}
