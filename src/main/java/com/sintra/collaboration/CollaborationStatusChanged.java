package com.sintra.collaboration;

/** A collaboration was paused, resumed or completed; inside the transaction. */
public record CollaborationStatusChanged(CollaborationId id, CollaborationStatus status) {
}
