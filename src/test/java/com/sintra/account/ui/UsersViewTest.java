package com.sintra.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.sintra.KaribuTest;
import com.sintra.account.AccountService;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

class UsersViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Test
    void deactivating_a_user_asks_first_and_cancelling_keeps_them_active() {
        User user = fixtures.newUser();
        openUsersAsAdmin();

        _click(actionButton(user, "Deactivate"));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getHeader(confirm)).isEqualTo("Deactivate " + user.displayName() + "?");
        _click(_get(Button.class, spec -> spec.withId("confirm-cancel")));

        assertThat(accounts.findActiveByEmail(user.email())).isPresent();
    }

    @Test
    void confirming_the_deactivation_deactivates_the_user() {
        User user = fixtures.newUser();
        openUsersAsAdmin();

        _click(actionButton(user, "Deactivate"));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        assertThat(accounts.findActiveByEmail(user.email())).isEmpty();
    }

    @Test
    void an_admin_edits_a_users_name_and_role() {
        User user = fixtures.newUser();
        openUsersAsAdmin();

        _click(actionButton(user, "Edit"));
        _setValue(_get(TextField.class, spec -> spec.withId("edit-user-name")), "Edited Name");
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(Select.class, spec -> spec.withId("edit-user-role"));
        _setValue(role, Role.ADMIN);
        _click(_get(Button.class, spec -> spec.withId("edit-user-save")));

        User edited = accounts.findById(user.id()).orElseThrow();
        assertThat(edited.displayName()).isEqualTo("Edited Name");
        assertThat(edited.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void an_empty_name_is_shown_at_its_field_and_nothing_changes() {
        User user = fixtures.newUser();
        openUsersAsAdmin();

        _click(actionButton(user, "Edit"));
        TextField name = _get(TextField.class, spec -> spec.withId("edit-user-name"));
        _setValue(name, " ");
        _click(_get(Button.class, spec -> spec.withId("edit-user-save")));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Name is required");
        assertThat(accounts.findById(user.id()).orElseThrow().displayName()).isEqualTo(user.displayName());
    }

    @Test
    void an_admin_resets_a_password_and_a_generated_one_is_shown_once() {
        User user = fixtures.newUser();
        openUsersAsAdmin();
        _click(actionButton(user, "Edit"));

        PasswordField typed = _get(PasswordField.class, spec -> spec.withId("reset-password"));
        _setValue(typed, "short");
        _click(_get(Button.class, spec -> spec.withId("reset-password-set")));
        assertThat(typed.isInvalid()).isTrue();
        assertThat(typed.getErrorMessage()).isEqualTo("Password must be 12 to 128 characters");

        _click(_get(Button.class, spec -> spec.withId("reset-password-generate")));
        String generated = _get(TextField.class, spec -> spec.withId("generated-password")).getValue();
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12);
    }

    private void openUsersAsAdmin() {
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/users");
        _get(UsersView.class);
    }

    /** The button of that user's row; new users come first, but the list is shared with other tests. */
    private static Button actionButton(User user, String caption) {
        Grid<User> grid = grid();
        int row = IntStream.range(0, GridKt._size(grid)).filter(i -> GridKt._get(grid, i).id().equals(user.id()))
                .findFirst().orElseThrow();
        FlexLayout actions = (FlexLayout) GridKt._getCellComponent(grid, row, "actions");
        return actions.getChildren().map(Button.class::cast).filter(b -> b.getText().equals(caption)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Grid<User> grid() {
        return _get(Grid.class);
    }
}
