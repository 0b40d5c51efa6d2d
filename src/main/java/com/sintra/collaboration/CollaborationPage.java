package com.sintra.collaboration;

import java.time.Instant;
import java.util.List;

/** A page of collaborations, newest first; {@code next} continues after its last row, null at the end. */
public record CollaborationPage<T>(List<T> items, Cursor next) {

    public CollaborationPage {
        items = List.copyOf(items);
    }

    /** Where a page starts: after the collaboration created at {@code createdAt} with this id (keyset). */
    public record Cursor(Instant createdAt, CollaborationId id) {
    }
}
