package com.sintra.account;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;

/** The accounts feature's API: users and their activation. */
@Service
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 128;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final CurrentUser currentUser;

    AccountService(UserRepository users, PasswordEncoder passwordEncoder, CurrentUser currentUser) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.currentUser = currentUser;
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
        String name = Inputs.requiredText("displayName", "Name", newUser.displayName(), 80);
        String password = newUser.password() == null ? "" : newUser.password();
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException("password",
                    "Password must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters");
        }
        if (users.emailExists(email)) {
            throw new InvalidInputException("email", "A user with this e-mail already exists");
        }
        Role role = newUser.role() == null ? Role.USER : newUser.role();
        return users.insert(email, name, passwordEncoder.encode(password), role);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<User> users(int offset, int limit) {
        return users.page(offset, limit);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public int countUsers() {
        return users.count();
    }

    /** Deactivated users cannot sign in; their data stays. An admin cannot deactivate themselves. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void setActive(UserId id, boolean active) {
        if (!active && id.equals(currentUser.require())) {
            throw new InvalidInputException("active", "You cannot deactivate your own account");
        }
        if (!users.setActive(id, active)) {
            throw new com.sintra.base.NotFoundException("No such user");
        }
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
}
