package com.sintra.collaboration;

import java.util.List;

/**
 * Consecutive messages of a collaboration, oldest first, and whether earlier ones exist; the next page back
 * starts before {@code messages.get(0).sequence()}.
 *
 * @param throughRevision the stream's latest revision when the page was read: follow the collaboration from
 *                        here ({@link CollaborationService#subscribe}), and nothing in between is missed
 */
public record MessagePage(List<CollaborationMessage> messages, boolean hasEarlier, long throughRevision) {

    public MessagePage {
        messages = List.copyOf(messages);
    }
}
