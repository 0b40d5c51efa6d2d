package com.sintra.collaboration;

/**
 * The collaboration is completed, so its stream is read-only: nothing was stored. The API answers 409.
 */
public class CollaborationCompletedException extends RuntimeException {

    CollaborationCompletedException() {
        super("This collaboration is completed: its messages can be read, not added to");
    }
}
