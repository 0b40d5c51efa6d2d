package com.sintra.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.sintra.Fixtures;
import com.sintra.KaribuTest;
import com.sintra.account.AccountService;
import com.sintra.account.ApiKey;
import com.sintra.account.ApiKeyService;
import com.sintra.account.User;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

class SettingsViewTest extends KaribuTest {

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    AccountService accounts;

    /** The password sign-in (throttled), to prove which password works. */
    @Autowired
    AuthenticationProvider signIns;

    @Test
    void a_user_creates_a_key_and_sees_it_once() {
        User user = fixtures.newUser();
        openSettingsAs(user);

        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Nightly import");
        _click(_get(Button.class, spec -> spec.withId("create-api-key")));

        String key = _get(TextField.class, spec -> spec.withId("new-api-key")).getValue();
        assertThat(apiKeys.authenticate(key)).contains(user);
        ApiKey listed = GridKt._get(grid(), 0);
        assertThat(listed.name()).isEqualTo("Nightly import");
        assertThat(GridKt._getFormatted(grid(), 0, "prefix")).isEqualTo(listed.prefix() + "…");

        _click(_get(Button.class, spec -> spec.withId("api-key-copied")));
        _assertNone(TextField.class, spec -> spec.withId("new-api-key"));
    }

    @Test
    void an_empty_name_is_shown_at_the_field_and_no_key_is_made() {
        User user = fixtures.newUser();
        openSettingsAs(user);
        TextField name = _get(TextField.class, spec -> spec.withLabel("Name"));
        _setValue(name, "  ");
        _click(_get(Button.class, spec -> spec.withId("create-api-key")));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name is required");
        _assertNone(TextField.class, spec -> spec.withId("new-api-key"));
        assertThat(fixtures.as(user, () -> apiKeys.myKeys())).isEmpty();
    }

    @Test
    void a_user_revokes_a_key_after_confirming() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Old script"));
        openSettingsAs(user);

        _click((Button) GridKt._getCellComponent(grid(), 0, "revoke"));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(confirm)).isEqualTo("Revoke Old script?");
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(apiKeys.authenticate(key)).isEmpty();
        assertThat(GridKt._get(grid(), 0).revoked()).isTrue();
    }

    @Test
    void cancelling_the_confirmation_keeps_the_key() {
        User user = fixtures.newUser();
        String key = fixtures.as(user, () -> apiKeys.create("Kept script"));
        openSettingsAs(user);

        _click((Button) GridKt._getCellComponent(grid(), 0, "revoke"));
        ConfirmDialogKt._fireCancel(_get(ConfirmDialog.class));

        assertThat(apiKeys.authenticate(key)).isPresent();
    }

    @Test
    void the_list_shows_only_the_users_own_keys() {
        User user = fixtures.newUser();
        fixtures.as(user, () -> apiKeys.create("Mine"));
        fixtures.as(fixtures.newUser(), () -> apiKeys.create("Someone else's"));
        openSettingsAs(user);

        assertThat(GridKt._size(grid())).isEqualTo(1);
        assertThat(GridKt._get(grid(), 0).name()).isEqualTo("Mine");
    }

    @Test
    void a_user_changes_their_display_name_and_the_user_menu_shows_it_at_once() {
        User user = fixtures.newUser();
        openSettingsAs(user);
        Span menuName = _get(Span.class, spec -> spec.withClasses("sintra-user-name"));
        assertThat(menuName.getText()).isEqualTo(user.displayName());

        TextField name = _get(TextField.class, spec -> spec.withId("account-name"));
        assertThat(name.getValue()).isEqualTo(user.displayName());
        _setValue(name, "Someone New");
        _click(_get(Button.class, spec -> spec.withId("account-save-name")));

        assertThat(accounts.findById(user.id()).orElseThrow().displayName()).isEqualTo("Someone New");
        assertThat(menuName.getText()).isEqualTo("Someone New");
        assertThat(_get(Avatar.class).getName()).isEqualTo("Someone New");
    }

    @Test
    void a_user_changes_their_password_with_the_current_one() {
        User user = fixtures.newUser();
        openSettingsAs(user);

        changePassword(Fixtures.PASSWORD, "my brand new password", "my brand new password");

        assertThat(_get(PasswordField.class, spec -> spec.withId("account-current-password")).getValue()).isEmpty();
        assertThat(signIns.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user.email(),
                "my brand new password")).isAuthenticated()).isTrue();
    }

    @Test
    void password_mistakes_are_shown_at_their_fields_and_nothing_changes() {
        User user = fixtures.newUser();
        openSettingsAs(user);

        changePassword("not my password", "my brand new password", "my brand new password");
        assertFieldError("account-current-password", "This is not your current password");

        changePassword(Fixtures.PASSWORD, "too short", "too short");
        assertFieldError("account-new-password", "Password must be 12 to 128 characters");
        assertThat(_get(PasswordField.class, spec -> spec.withId("account-current-password")).isInvalid()).isFalse();

        changePassword(Fixtures.PASSWORD, "my brand new password", "my brand new passw0rd");
        assertFieldError("account-repeat-password", "The two new passwords are not the same");

        assertThat(signIns.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user.email(),
                Fixtures.PASSWORD)).isAuthenticated()).isTrue();
    }

    private static void changePassword(String current, String fresh, String repeated) {
        _setValue(_get(PasswordField.class, spec -> spec.withId("account-current-password")), current);
        _setValue(_get(PasswordField.class, spec -> spec.withId("account-new-password")), fresh);
        _setValue(_get(PasswordField.class, spec -> spec.withId("account-repeat-password")), repeated);
        _click(_get(Button.class, spec -> spec.withId("account-change-password")));
    }

    private static void assertFieldError(String id, String message) {
        PasswordField field = _get(PasswordField.class, spec -> spec.withId(id));
        assertThat(field.isInvalid()).as(id).isTrue();
        assertThat(field.getErrorMessage()).isEqualTo(message);
    }

    private void openSettingsAs(User user) {
        openAs(user);
        UI.getCurrent().navigate("settings");
        _get(SettingsView.class);
    }

    @SuppressWarnings("unchecked")
    private static Grid<ApiKey> grid() {
        return _get(Grid.class);
    }
}
