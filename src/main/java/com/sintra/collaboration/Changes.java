package com.sintra.collaboration;

import java.util.List;

/**
 * What changed in a collaboration's stream after a revision, in the order it changed: new messages and
 * finished answers (a message may appear again with a newer revision).
 *
 * @param throughRevision everything up to this revision is now known; ask again from here
 * @param more            the batch was full: more changes follow after {@code throughRevision}
 */
public record Changes(List<CollaborationMessage> messages, long throughRevision, boolean more) {

    public Changes {
        messages = List.copyOf(messages);
    }
}
