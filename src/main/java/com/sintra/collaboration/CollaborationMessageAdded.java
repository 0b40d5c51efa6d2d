package com.sintra.collaboration;

/**
 * A message was stored in a collaboration's stream: a person's, an agent's answer starting (STREAMING), a
 * notice or a summary. Published inside the writing transaction; listeners that tell anyone use
 * {@code @TransactionalEventListener}, so nothing is announced that was not committed.
 */
public record CollaborationMessageAdded(CollaborationMessage message) {
}
