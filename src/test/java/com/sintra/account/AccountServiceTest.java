package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.Fixtures;
import com.sintra.IntegrationTest;
import com.sintra.base.InvalidInputException;

class AccountServiceTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    @Test
    void the_first_admin_exists_after_start_up() {
        assertThat(fixtures.admin().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void an_admin_creates_a_user_with_a_hashed_password() {
        String email = "New-" + UUID.randomUUID() + "@Test.Sintra";
        fixtures.as(fixtures.admin(), () -> accounts.createUser(new NewUser(email, "New person", Fixtures.PASSWORD, Role.USER)));

        User created = accounts.findActiveByEmail(email.toUpperCase()).orElseThrow();
        assertThat(created.email()).isEqualTo(email.toLowerCase());
        assertThat(created.role()).isEqualTo(Role.USER);
    }

    @Test
    void invalid_emails_names_and_passwords_are_refused_and_nothing_is_stored() {
        int before = fixtures.as(fixtures.admin(), () -> accounts.countUsers());
        assertRefused(new NewUser("not-an-email", "Name", Fixtures.PASSWORD, Role.USER), "email");
        assertRefused(new NewUser("", "Name", Fixtures.PASSWORD, Role.USER), "email");
        assertRefused(new NewUser(unique(), " ", Fixtures.PASSWORD, Role.USER), "displayName");
        assertRefused(new NewUser(unique(), "x".repeat(81), Fixtures.PASSWORD, Role.USER), "displayName");
        assertRefused(new NewUser(unique(), "Name", "short", Role.USER), "password");
        assertThat(fixtures.as(fixtures.admin(), () -> accounts.countUsers())).isEqualTo(before);
    }

    @Test
    void a_duplicate_email_is_refused_whatever_its_case() {
        User existing = fixtures.newUser();
        assertRefused(new NewUser(existing.email().toUpperCase(), "Twin", Fixtures.PASSWORD, Role.USER), "email");
    }

    @Test
    void only_admins_manage_users() {
        User user = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.createUser(
                new NewUser(unique(), "Name", Fixtures.PASSWORD, Role.ADMIN))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.setActive(user.id(), false)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_admin_deactivates_and_reactivates_a_user_but_not_themselves() {
        User user = fixtures.newUser();
        User admin = fixtures.admin();
        fixtures.as(admin, () -> accounts.setActive(user.id(), false));
        assertThat(accounts.findActiveByEmail(user.email())).isEmpty();
        fixtures.as(admin, () -> accounts.setActive(user.id(), true));
        assertThat(accounts.findActiveByEmail(user.email())).isPresent();

        assertThatThrownBy(() -> fixtures.as(admin, () -> accounts.setActive(admin.id(), false)))
                .isInstanceOf(InvalidInputException.class);
    }

    private void assertRefused(NewUser newUser, String field) {
        assertThatThrownBy(() -> fixtures.as(fixtures.admin(), () -> accounts.createUser(newUser)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static String unique() {
        return "u-" + UUID.randomUUID() + "@test.sintra";
    }
}
