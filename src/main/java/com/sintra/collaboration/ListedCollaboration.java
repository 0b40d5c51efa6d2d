package com.sintra.collaboration;

/**
 * One row of the caller's dashboard.
 *
 * @param unread messages after the caller's read marker written by others; counted up to
 *               {@link CollaborationService#UNREAD_CAP} (show "99+" at the cap)
 */
public record ListedCollaboration(Collaboration collaboration, long lastReadSequence, int unread) {
}
