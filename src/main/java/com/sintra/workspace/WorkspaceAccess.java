package com.sintra.workspace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.sintra.account.AuditLog;
import com.sintra.account.CurrentUser;
import com.sintra.account.UserId;
import com.sintra.base.NotFoundException;

/**
 * The membership check every feature calls before touching workspace data. A non-member gets
 * "not found", never "forbidden", so workspace ids cannot be probed; each refusal is written to the audit
 * trail (as {@code access_refused}, limited per caller and minute), with the service method that refused it.
 */
@Component
public class WorkspaceAccess {

    /** The key the transaction's memo of roles is bound under. */
    private static final Object ROLES = new Object();

    private final WorkspaceRepository workspaces;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    WorkspaceAccess(WorkspaceRepository workspaces, CurrentUser currentUser, AuditLog audit) {
        this.workspaces = workspaces;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    /** The caller's role in the workspace; throws when the caller is not a member. */
    public WorkspaceRole requireMember(WorkspaceId workspace) {
        UserId user = currentUser.require();
        return roleInTransaction(workspace, user, () -> workspaces.roleOf(workspace, user))
                .orElseThrow(() -> refused(workspace));
    }

    /**
     * A scalar subquery for the caller's role in the workspace {@code workspaceColumn} names, bound to
     * {@code :caller} ({@link #caller()}): a feature that reads a row of a workspace reads the caller's
     * membership in the same round trip, then checks it with {@link #requireRole(WorkspaceId, WorkspaceRole, String)}.
     */
    public static String callerRoleSql(String workspaceColumn) {
        return "(SELECT m.role FROM workspace_members m WHERE m.workspace_id = " + workspaceColumn
                + " AND m.user_id = :caller)";
    }

    /** The value of {@code :caller} in {@link #callerRoleSql}. */
    public UUID caller() {
        return currentUser.require().value();
    }

    /**
     * Like {@link #requireRole(WorkspaceId, WorkspaceRole)}, with the role as {@link #callerRoleSql} read it
     * (null: not a member) instead of another round trip; the transaction's later checks reuse it.
     */
    public WorkspaceRole requireRole(WorkspaceId workspace, WorkspaceRole required, String roleRead) {
        Optional<WorkspaceRole> read = Optional.ofNullable(roleRead).map(WorkspaceRole::valueOf);
        WorkspaceRole role = roleInTransaction(workspace, currentUser.require(), () -> read)
                .orElseThrow(() -> refused(workspace));
        return atLeast(role, required);
    }

    /**
     * The role, read once per transaction: a chat question checks membership through several services
     * in one transaction, and each check would otherwise be another round trip for the same row.
     */
    private Optional<WorkspaceRole> roleInTransaction(WorkspaceId workspace, UserId user,
                                                      Supplier<Optional<WorkspaceRole>> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.get();
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
        return roles.computeIfAbsent(List.of(workspace, user), key -> read.get());
    }

    /**
     * Records the refusal of a caller who is not a member of an existing workspace, and the answer they get.
     * The entry names the workspace and, as its target, the service method that refused; whatever the method
     * was asked for (an agent, a document) belongs to that workspace.
     */
    NotFoundException refused(WorkspaceId workspace) {
        String operation = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("com.sintra.") && !f.getClassName().contains("$$")
                        && !f.getClassName().equals(WorkspaceAccess.class.getName()) && !f.getMethodName().startsWith("lambda$"))
                .findFirst().map(f -> simpleName(f.getClassName()) + "." + f.getMethodName()).orElse("unknown"));
        // An id of no workspace is recorded too (a caller probing ids), without the workspace it cannot reference.
        boolean exists = workspaces.exists(workspace);
        audit.refused(exists ? workspace.value() : null, "operation", operation,
                Map.of("reason", exists ? "not_member" : "no_such_workspace", "workspace", workspace.value().toString()));
        return new NotFoundException("Workspace not found");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Like {@link #requireMember}, and the role must be at least {@code required}. */
    public WorkspaceRole requireRole(WorkspaceId workspace, WorkspaceRole required) {
        return atLeast(requireMember(workspace), required);
    }

    private static WorkspaceRole atLeast(WorkspaceRole role, WorkspaceRole required) {
        if (!role.atLeast(required)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "This needs the " + required.name().toLowerCase() + " role in the workspace");
        }
        return role;
    }
}
