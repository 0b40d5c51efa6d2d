package com.sintra.collaboration;

/**
 * ACTIVE: agents take turns. PAUSED: people may still post, agents wait (a run ends after the answer being
 * written). COMPLETED: read-only for good.
 */
public enum CollaborationStatus {
    ACTIVE, PAUSED, COMPLETED
}
