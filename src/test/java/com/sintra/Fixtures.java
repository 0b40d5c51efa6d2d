package com.sintra;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.boot.test.context.TestComponent;

import com.sintra.account.AccountProperties;
import com.sintra.account.AccountService;
import com.sintra.account.CurrentUser;
import com.sintra.account.NewUser;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceService;

/** Creates users and workspaces through the real services, with unique names so tests never collide. */
@TestComponent
public class Fixtures {

    public static final String PASSWORD = "correct horse battery";

    private final AccountService accounts;
    private final AccountProperties accountProperties;
    private final CurrentUser currentUser;
    private final WorkspaceService workspaces;

    Fixtures(AccountService accounts, AccountProperties accountProperties, CurrentUser currentUser,
             WorkspaceService workspaces) {
        this.accounts = accounts;
        this.accountProperties = accountProperties;
        this.currentUser = currentUser;
        this.workspaces = workspaces;
    }

    public User admin() {
        return accounts.findActiveByEmail(accountProperties.adminEmail()).orElseThrow();
    }

    public User newUser() {
        return newUser(Role.USER);
    }

    public User newUser(Role role) {
        String email = "user-" + UUID.randomUUID() + "@test.sintra";
        as(admin(), () -> accounts.createUser(new NewUser(email, "Test " + email.substring(5, 13), PASSWORD, role)));
        return accounts.findActiveByEmail(email).orElseThrow();
    }

    public WorkspaceId newWorkspace(User owner) {
        return as(owner, () -> workspaces.create("Workspace " + UUID.randomUUID().toString().substring(0, 8), ""));
    }

    public void as(User user, Runnable action) {
        currentUser.runAs(user, action);
    }

    public <T> T as(User user, Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        currentUser.runAs(user, () -> result.set(action.get()));
        return result.get();
    }
}
