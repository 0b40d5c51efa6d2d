package com.sintra.collaboration;

import org.springframework.security.access.AccessDeniedException;

/**
 * The caller may see that the collaboration exists (it is open to their workspace) but does not take part:
 * join it first. Collaborations the caller may not know of are "not found" instead. The API answers 403.
 */
public class NotParticipantException extends AccessDeniedException {

    NotParticipantException() {
        super("Join this collaboration to read and write in it");
    }
}
