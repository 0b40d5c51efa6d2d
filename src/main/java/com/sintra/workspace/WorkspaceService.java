package com.sintra.workspace;

import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.account.AccountService;
import com.sintra.account.AuditLog;
import com.sintra.account.CurrentUser;
import com.sintra.account.User;
import com.sintra.account.UserId;
import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;
import com.sintra.base.NotFoundException;

/** The workspace feature's API. Every method acts as the signed-in user and checks membership first. */
@Service
@PreAuthorize("isAuthenticated()")
public class WorkspaceService {

    static final int MAX_NAME = 80;
    static final int MAX_DESCRIPTION = 500;

    private final WorkspaceRepository workspaces;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;
    private final AccountService accounts;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    WorkspaceService(WorkspaceRepository workspaces, WorkspaceAccess access, CurrentUser currentUser,
                     AccountService accounts, ApplicationEventPublisher events, AuditLog audit) {
        this.workspaces = workspaces;
        this.access = access;
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.events = events;
        this.audit = audit;
    }

    /** The caller's workspaces, by name. */
    @Transactional(readOnly = true)
    public List<Workspace> myWorkspaces(boolean includeArchived) {
        return workspaces.workspacesOf(currentUser.require(), includeArchived);
    }

    @Transactional(readOnly = true)
    public Workspace get(WorkspaceId id) {
        return workspaces.findForUser(id, currentUser.require()).orElseThrow(() -> access.refused(id));
    }

    /** Creates a workspace with the caller as its owner. */
    @Transactional
    public WorkspaceId create(String name, String description) {
        String checkedName = Inputs.requiredText("name", "Name", name, MAX_NAME);
        String checkedDescription = Inputs.optionalText("description", "Description", description, MAX_DESCRIPTION);
        UserId creator = currentUser.require();
        WorkspaceId id = workspaces.insert(checkedName, checkedDescription, creator);
        workspaces.putMember(id, creator, WorkspaceRole.OWNER);
        return id;
    }

    @Transactional
    public void rename(WorkspaceId id, String name, String description) {
        access.requireRole(id, WorkspaceRole.OWNER);
        String checkedName = Inputs.requiredText("name", "Name", name, MAX_NAME);
        workspaces.update(id, checkedName, Inputs.optionalText("description", "Description", description, MAX_DESCRIPTION));
        events.publishEvent(new WorkspaceRenamed(id, checkedName));
    }

    /** Archived workspaces keep their data but leave the switcher and the default lists. */
    @Transactional
    public void setArchived(WorkspaceId id, boolean archived) {
        access.requireRole(id, WorkspaceRole.OWNER);
        workspaces.setArchived(id, archived);
    }

    @Transactional(readOnly = true)
    public List<Member> members(WorkspaceId id) {
        access.requireMember(id);
        return workspaces.members(id);
    }

    /** Adds an existing, active user by e-mail, or changes their role if they are a member already. */
    @Transactional
    public void addMember(WorkspaceId id, String email, WorkspaceRole role) {
        access.requireRole(id, WorkspaceRole.OWNER);
        String checkedEmail = Inputs.email("email", email);
        User user = accounts.findActiveByEmail(checkedEmail)
                .orElseThrow(() -> new InvalidInputException("email", "No active user has this e-mail"));
        putMember(id, user.id(), role);
    }

    @Transactional
    public void changeRole(WorkspaceId id, UserId user, WorkspaceRole role) {
        putMember(id, user, role);
    }

    /** Owners' changes of membership are admin actions of the workspace: each is audited. */
    private void putMember(WorkspaceId id, UserId user, WorkspaceRole role) {
        access.requireRole(id, WorkspaceRole.OWNER);
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        if (role != WorkspaceRole.OWNER) {
            requireAnotherOwner(id, user);
        }
        var before = workspaces.roleOf(id, user);
        workspaces.putMember(id, user, role);
        if (before.isEmpty()) {
            audit.record("workspace_member_added", "user", user.value().toString(), id.value(),
                    Map.of("role", role.name()));
        } else if (before.get() != role) {
            audit.record("workspace_role_changed", "user", user.value().toString(), id.value(),
                    Map.of("from", before.get().name(), "to", role.name()));
        }
    }

    @Transactional
    public void removeMember(WorkspaceId id, UserId user) {
        access.requireRole(id, WorkspaceRole.OWNER);
        requireAnotherOwner(id, user);
        if (!workspaces.removeMember(id, user)) {
            throw new NotFoundException("Not a member of this workspace");
        }
        audit.record("workspace_member_removed", "user", user.value().toString(), id.value(), Map.of());
    }

    private void requireAnotherOwner(WorkspaceId id, UserId leaving) {
        int owners = workspaces.lockAndCountOwners(id);
        boolean leavingIsOwner = workspaces.roleOf(id, leaving).filter(r -> r == WorkspaceRole.OWNER).isPresent();
        if (leavingIsOwner && owners <= 1) {
            throw new InvalidInputException("role", "A workspace needs at least one owner");
        }
    }
}
