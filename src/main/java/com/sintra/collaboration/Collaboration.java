package com.sintra.collaboration;

import java.time.Instant;

import com.sintra.account.UserId;
import com.sintra.workspace.WorkspaceId;

/**
 * A stored collaboration.
 *
 * @param maxAgentTurns agent answers a run may have before it stops (a person's message starts a new run)
 * @param tokenBudget   tokens the agents may spend in this collaboration, all runs together
 * @param tokensUsed    tokens spent so far, as the provider reported them
 * @param lastSequence  the number of the stream's latest change: a client that has seen it has seen everything
 */
public record Collaboration(CollaborationId id, WorkspaceId workspaceId, String title, String goal, CollaborationMode mode,
                            Visibility visibility, CollaborationStatus status, int maxAgentTurns, int tokenBudget,
                            long tokensUsed, long lastSequence, UserId createdBy, Instant createdAt, Instant updatedAt) {

    public boolean completed() {
        return status == CollaborationStatus.COMPLETED;
    }
}
