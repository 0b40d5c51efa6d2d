package com.sintra.chat;

import java.time.Duration;

/** Too many questions are waiting to be answered; nothing was stored. Try again after {@link #retryAfter()}. */
public class BusyException extends RuntimeException {

    private final Duration retryAfter;

    BusyException(Duration waited) {
        super("Sintra is answering many questions right now; try again in a moment");
        this.retryAfter = waited.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : waited;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
