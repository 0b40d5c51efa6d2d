package com.sintra.chat;

/** What an answer's stream carries: text as it arrives, then the stored answer. */
public sealed interface ChatEvent {

    /** More of the answer's text. */
    record Token(String text) implements ChatEvent {
    }

    /** The answer is complete (or was stopped or interrupted) and stored; always the last event. */
    record Answered(ChatMessage answer) implements ChatEvent {
    }
}
