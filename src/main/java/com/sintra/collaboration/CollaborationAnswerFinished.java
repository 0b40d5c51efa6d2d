package com.sintra.collaboration;

/** An agent's streamed answer was stored finished (complete, stopped or interrupted); inside the transaction. */
public record CollaborationAnswerFinished(CollaborationMessage message) {
}
