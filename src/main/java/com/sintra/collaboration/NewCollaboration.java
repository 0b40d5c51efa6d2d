package com.sintra.collaboration;

import java.util.List;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.workspace.WorkspaceId;

/**
 * What a person fills in to start a collaboration. The creator always takes part; {@code members} and
 * {@code agents} are invited with them and must belong to the same workspace.
 *
 * @param mode          null: round-robin
 * @param visibility    null: open to the workspace
 * @param maxAgentTurns null: the configured default (8)
 * @param tokenBudget   null: the configured default
 */
public record NewCollaboration(WorkspaceId workspace, String title, String goal, CollaborationMode mode,
                               Visibility visibility, Integer maxAgentTurns, Integer tokenBudget, List<UserId> members,
                               List<AgentId> agents) {

    public NewCollaboration {
        members = members == null ? List.of() : List.copyOf(members);
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    /** A round-robin collaboration open to the workspace, with the default limits. */
    public static NewCollaboration of(WorkspaceId workspace, String title, String goal, List<UserId> members,
                                      List<AgentId> agents) {
        return new NewCollaboration(workspace, title, goal, null, null, null, null, members, agents);
    }
}
