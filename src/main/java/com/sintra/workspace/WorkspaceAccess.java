package com.sintra.workspace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.sintra.account.CurrentUser;
import com.sintra.account.UserId;
import com.sintra.base.NotFoundException;

/**
 * The membership check every feature calls before touching workspace data. A non-member gets
 * "not found", never "forbidden", so workspace ids cannot be probed.
 */
@Component
public class WorkspaceAccess {

    /** The key the transaction's memo of roles is bound under. */
    private static final Object ROLES = new Object();

    private final WorkspaceRepository workspaces;
    private final CurrentUser currentUser;

    WorkspaceAccess(WorkspaceRepository workspaces, CurrentUser currentUser) {
        this.workspaces = workspaces;
        this.currentUser = currentUser;
    }

    /** The caller's role in the workspace; throws when the caller is not a member. */
    public WorkspaceRole requireMember(WorkspaceId workspace) {
        return roleInTransaction(workspace, currentUser.require())
                .orElseThrow(() -> new NotFoundException("Workspace not found"));
    }

    /**
     * The role, read once per transaction: a chat question checks membership through several services
     * in one transaction, and each check would otherwise be another round trip for the same row.
     */
    private Optional<WorkspaceRole> roleInTransaction(WorkspaceId workspace, UserId user) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return workspaces.roleOf(workspace, user);
        }
        @SuppressWarnings("unchecked")
        Map<List<Object>, Optional<WorkspaceRole>> roles =
                (Map<List<Object>, Optional<WorkspaceRole>>) TransactionSynchronizationManager.getResource(ROLES);
        if (roles == null) {
            Map<List<Object>, Optional<WorkspaceRole>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(ROLES, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ROLES);
                }
            });
            roles = fresh;
        }
        return roles.computeIfAbsent(List.of(workspace, user), key -> workspaces.roleOf(workspace, user));
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
