package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.sintra.Fixtures;
import com.sintra.IntegrationTest;
import com.sintra.base.InvalidInputException;

class AccountServiceTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    @Autowired
    CurrentUser currentUser;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwordEncoder;

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
        assertThat(storedHash(created)).doesNotContain(Fixtures.PASSWORD).startsWith("$2");
        assertThat(signsIn(created, Fixtures.PASSWORD)).isTrue();
        assertThat(signsIn(created, Fixtures.PASSWORD + "!")).isFalse();
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

    @Test
    void an_admin_changes_a_users_name_and_role() {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.updateUser(user.id(), "  Renamed Person ", Role.ADMIN));

        User changed = accounts.findById(user.id()).orElseThrow();
        assertThat(changed.displayName()).isEqualTo("Renamed Person");
        assertThat(changed.role()).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> fixtures.as(fixtures.admin(), () -> accounts.updateUser(user.id(), " ", Role.USER)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.updateUser(fixtures.admin().id(), "Mine", Role.USER)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_last_active_admin_cannot_give_up_the_role_but_one_of_two_can() {
        User admin = fixtures.admin();
        User second = fixtures.newUser(Role.ADMIN);
        fixtures.as(admin, () -> accounts.updateUser(second.id(), second.displayName(), Role.USER));
        assertThat(accounts.findById(second.id()).orElseThrow().role()).isEqualTo(Role.USER);

        // Other tests leave administrators behind: take their role, so the first admin is the last one.
        jdbc.sql("UPDATE users SET role = 'USER' WHERE role = 'ADMIN' AND id <> :admin")
                .param("admin", admin.id().value()).update();
        assertThatThrownBy(() -> fixtures.as(admin, () -> accounts.updateUser(admin.id(), admin.displayName(), Role.USER)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("role");
                    assertThat(e.getMessage()).isEqualTo("Sintra needs an administrator: make someone else an administrator first");
                });
        assertThat(accounts.findById(admin.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void an_admin_resets_a_password_typed_or_generated_with_the_same_length_rules() {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.resetPassword(user.id(), "typed by the admin"));
        assertThat(signsIn(user, "typed by the admin")).isTrue();
        assertThat(signsIn(user, Fixtures.PASSWORD)).isFalse();

        String generated = fixtures.as(fixtures.admin(), () -> accounts.resetPasswordToGenerated(user.id()));
        assertThat(generated).hasSizeGreaterThanOrEqualTo(AccountService.MIN_PASSWORD_LENGTH);
        assertThat(signsIn(user, generated)).isTrue();

        assertThatThrownBy(() -> fixtures.as(fixtures.admin(), () -> accounts.resetPassword(user.id(), "short")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.resetPassword(user.id(), "not an admin at all")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(signsIn(user, generated)).isTrue();
    }

    @Test
    void a_user_changes_their_own_password_only_with_the_current_one() {
        User user = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.changePassword("not my password", "a new long password")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("currentPassword"));
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.changePassword(Fixtures.PASSWORD, "short")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("newPassword"));
        assertThat(signsIn(user, Fixtures.PASSWORD)).isTrue();

        fixtures.as(user, () -> accounts.changePassword(Fixtures.PASSWORD, "a new long password"));
        assertThat(signsIn(user, "a new long password")).isTrue();
        assertThat(signsIn(user, Fixtures.PASSWORD)).isFalse();
    }

    @Test
    void wrong_current_passwords_count_as_failed_sign_ins_and_lock_the_form_too() {
        User user = fixtures.newUser();
        for (int i = 0; i < 5; i++) {
            int attempt = i;
            assertThatThrownBy(() -> fixtures.as(user, () -> accounts.changePassword("guess " + attempt, "a new long password")))
                    .hasMessage("This is not your current password");
        }
        assertThatThrownBy(() -> fixtures.as(user, () -> accounts.changePassword(Fixtures.PASSWORD, "a new long password")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("currentPassword");
                    assertThat(e.getMessage()).startsWith("Too many sign-in attempts");
                });
        assertThat(signsIn(user, Fixtures.PASSWORD)).isTrue();
    }

    @Test
    void a_user_renames_themselves_and_their_signed_in_principal_shows_it() {
        User user = fixtures.newUser();
        String shown = fixtures.as(user, () -> {
            accounts.rename("  New Name ");
            return currentUser.principal().orElseThrow().user().displayName();
        });
        assertThat(shown).isEqualTo("New Name");
        assertThat(accounts.findById(user.id()).orElseThrow().displayName()).isEqualTo("New Name");
    }

    private boolean signsIn(User user, String password) {
        return passwordEncoder.matches(password, storedHash(user));
    }

    private String storedHash(User user) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", user.id().value())
                .query(String.class).single();
    }

    private void assertRefused(NewUser newUser, String field) {
        assertThatThrownBy(() -> fixtures.as(fixtures.admin(), () -> accounts.createUser(newUser)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static String unique() {
        return "u-" + UUID.randomUUID() + "@test.sintra";
    }
}
