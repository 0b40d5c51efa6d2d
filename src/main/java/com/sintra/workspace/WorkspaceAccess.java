package com.sintra.workspace;

import org.springframework.stereotype.Component;

import com.sintra.account.CurrentUser;
import com.sintra.base.NotFoundException;

/**
 * The membership check every feature calls before touching workspace data. A non-member gets
 * "not found", never "forbidden", so workspace ids cannot be probed.
 */
@Component
public class WorkspaceAccess {

    private final WorkspaceRepository workspaces;
    private final CurrentUser currentUser;

    WorkspaceAccess(WorkspaceRepository workspaces, CurrentUser currentUser) {
        this.workspaces = workspaces;
        this.currentUser = currentUser;
    }

    /** The caller's role in the workspace; throws when the caller is not a member. */
    public WorkspaceRole requireMember(WorkspaceId workspace) {
        return workspaces.roleOf(workspace, currentUser.require())
                .orElseThrow(() -> new NotFoundException("Workspace not found"));
    }

    /** Like {@link #requireMember}, and the role must be at least {@code required}. */
    public WorkspaceRole requireRole(WorkspaceId workspace, WorkspaceRole required) {
        WorkspaceRole role = requireMember(workspace);
        if (!role.atLeast(required)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "This needs the " + required.name().toLowerCase() + " role in the workspace");
        }
        return role;
    }
}
