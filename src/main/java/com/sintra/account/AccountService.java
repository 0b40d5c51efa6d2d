package com.sintra.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;
import com.sintra.base.NotFoundException;

/** The accounts feature's API: users, their activation, names, roles and passwords. */
@Service
public class AccountService {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 128;
    static final int MAX_NAME = 80;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Stands for the client address of guesses made in the password form, which has none of its own here. */
    private static final String PASSWORD_CHANGE = "password-change";

    private final UserRepository users;
    private final ApiKeyRepository apiKeys;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    AccountService(UserRepository users, ApiKeyRepository apiKeys, PasswordEncoder passwordEncoder,
                   CurrentUser currentUser, ApplicationEventPublisher events, SignInThrottle throttle, AuditLog audit) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
        this.events = events;
        this.throttle = throttle;
        this.audit = audit;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserId createUser(NewUser newUser) {
        return create(newUser);
    }

    /** For start-up tasks that run before anyone signs in (first admin, demo data). */
    @Transactional
    UserId createWithoutCaller(NewUser newUser) {
        return create(newUser);
    }

    private UserId create(NewUser newUser) {
        String email = Inputs.email("email", newUser.email());
        String name = checkedName(newUser.displayName());
        String password = checkedPassword("password", newUser.password());
        if (users.emailExists(email)) {
            throw new InvalidInputException("email", "A user with this e-mail already exists");
        }
        Role role = newUser.role() == null ? Role.USER : newUser.role();
        UserId id = users.insert(email, name, passwordEncoder.encode(password), role);
        audit.record("user_created", "user", id.value().toString(), null, Map.of("email", email, "role", role.name()));
        return id;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<User> users(int offset, int limit) {
        return users.page(offset, limit);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public int countUsers() {
        return users.count();
    }

    /**
     * Deactivated users cannot sign in and their data stays. Deactivation ends their sessions once it commits
     * and revokes all their API keys with it, for good: re-activating them brings no key back. An admin cannot
     * deactivate themselves.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setActive(UserId id, boolean active) {
        if (!active && id.equals(currentUser.require())) {
            throw new InvalidInputException("active", "You cannot deactivate your own account");
        }
        if (!users.setActive(id, active)) {
            throw new NotFoundException("No such user");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("email", users.findById(id).map(User::email).orElse(""));
        if (!active) {
            details.put("api_keys_revoked", apiKeys.revokeAll(id));
            events.publishEvent(new UserDeactivated(id));
        }
        audit.record(active ? "user_reactivated" : "user_deactivated", "user", id.value().toString(), null, details);
    }

    /**
     * An administrator changes a user's name and role. A new role ends the user's sessions, so it applies at
     * once (they sign in again). The last active administrator cannot lose the role.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void updateUser(UserId id, String displayName, Role role) {
        String name = checkedName(displayName);
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        User before = users.findById(id).orElseThrow(() -> new NotFoundException("No such user"));
        if (before.role() == Role.ADMIN && role != Role.ADMIN) {
            List<UserId> admins = users.lockActiveAdmins();
            if (admins.size() <= 1 && admins.contains(id)) {
                throw new InvalidInputException("role",
                        "Sintra needs an administrator: make someone else an administrator first");
            }
        }
        users.update(id, name, role);
        if (!before.displayName().equals(name)) {
            events.publishEvent(new UserRenamed(id, name));
            audit.record("user_renamed", "user", id.value().toString(), null,
                    Map.of("email", before.email(), "from", before.displayName(), "to", name));
        }
        if (before.role() != role) {
            events.publishEvent(new UserSignedOutElsewhere(id, false));
            audit.record(role == Role.ADMIN ? "admin_granted" : "admin_revoked", "user", id.value().toString(), null,
                    Map.of("email", before.email()));
        }
        if (id.equals(currentUser.require())) {
            currentUser.refresh(users.findById(id).orElseThrow());
        }
    }

    /**
     * An administrator sets a new password for a user, who is then signed out everywhere (but the administrator
     * resetting their own keeps the session they are using).
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void resetPassword(UserId id, String newPassword) {
        reset(id, newPassword, false);
    }

    /** As {@link #resetPassword}, with a generated password, returned to be shown once. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public String resetPasswordToGenerated(UserId id) {
        String password = generatePassword();
        reset(id, password, true);
        return password;
    }

    private void reset(UserId id, String newPassword, boolean generated) {
        String password = checkedPassword("password", newPassword);
        if (!users.setPasswordHash(id, passwordEncoder.encode(password))) {
            throw new NotFoundException("No such user");
        }
        events.publishEvent(new UserSignedOutElsewhere(id, id.equals(currentUser.require())));
        audit.record("user_password_reset", "user", id.value().toString(), null, Map.of(
                "email", users.findById(id).map(User::email).orElse(""), "generated", generated));
    }

    /** The caller changes their own display name. */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public User rename(String displayName) {
        String name = checkedName(displayName);
        UserId me = currentUser.require();
        users.update(me, name, null);
        User renamed = users.findById(me).orElseThrow();
        currentUser.refresh(renamed);
        events.publishEvent(new UserRenamed(me, renamed.displayName()));
        return renamed;
    }

    /**
     * The caller changes their own password, proving they know the current one. Their other sessions end; the
     * one they are using stays signed in.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void changePassword(String currentPassword, String newPassword) {
        UserId me = currentUser.require();
        String storedHash = users.passwordHash(me).orElseThrow(() -> new NotFoundException("No such user"));
        // Guesses here count as failed sign-ins of the account, so an open session cannot try passwords unchecked.
        String email = FailedSignIn.normalized(currentUser.principal().orElseThrow().getUsername());
        if (throttle.blockedUntil(email, PASSWORD_CHANGE).isPresent()) {
            throw new InvalidInputException("currentPassword", "Too many sign-in attempts: try again in a few minutes");
        }
        if (currentPassword == null || currentPassword.isEmpty()
                || !passwordEncoder.matches(currentPassword, storedHash)) {
            throttle.failed(email, PASSWORD_CHANGE);
            throw new InvalidInputException("currentPassword", "This is not your current password");
        }
        String password = checkedPassword("newPassword", newPassword);
        if (password.equals(currentPassword)) {
            throw new InvalidInputException("newPassword", "The new password must differ from the current one");
        }
        users.setPasswordHash(me, passwordEncoder.encode(password));
        events.publishEvent(new UserSignedOutElsewhere(me, true));
    }

    /** An active user by e-mail, for inviting members; empty when there is none. */
    public Optional<User> findActiveByEmail(String email) {
        return users.findByEmail(email == null ? "" : email.strip())
                .map(UserRepository.StoredUser::user)
                .filter(User::active);
    }

    public Optional<User> findById(UserId id) {
        return users.findById(id);
    }

    boolean anyAdmin() {
        return users.anyAdmin();
    }

    /** 20 random URL-safe characters (120 bits): for passwords nobody chose, shown once. */
    static String generatePassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String checkedName(String displayName) {
        return Inputs.requiredText("displayName", "Name", displayName, MAX_NAME);
    }

    private static String checkedPassword(String field, String password) {
        String checked = password == null ? "" : password;
        if (checked.length() < MIN_PASSWORD_LENGTH || checked.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException(field,
                    "Password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
        return checked;
    }
}
