package com.sintra.account.ui;

import com.sintra.account.AccountService;
import com.sintra.account.CurrentUser;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

/** The signed-in user's own name and password, in Settings. The e-mail is changed by an administrator. */
class OwnAccountForm extends VerticalLayout {

    private static final String FIELD_WIDTH = "24rem";

    OwnAccountForm(AccountService accounts, CurrentUser currentUser) {
        setPadding(false);
        setSpacing(false);
        User me = accounts.findById(currentUser.require()).orElseThrow();
        add(new H2("Your account"));
        Paragraph signedInAs = new Paragraph("Signed in as " + me.email() + ". To change your e-mail, ask an administrator.");
        signedInAs.addClassName("sintra-muted");
        add(signedInAs);

        TextField name = new TextField("Display name");
        name.setId("account-name");
        name.setMaxLength(80);
        name.setValue(me.displayName());
        Button saveName = new Button("Save name");
        saveName.setId("account-save-name");
        FieldErrors nameErrors = new FieldErrors().field("displayName", name);
        saveName.addClickListener(e -> {
            User[] renamed = new User[1];
            if (nameErrors.attempt(() -> renamed[0] = accounts.rename(name.getValue()))) {
                name.setValue(renamed[0].displayName());
                Notifications.success("Name saved");
            }
        });
        saveName.addClickShortcut(Key.ENTER).listenOn(name);
        add(row(name, saveName));

        PasswordField current = password("Current password", "account-current-password", Autocomplete.CURRENT_PASSWORD);
        PasswordField fresh = password("New password", "account-new-password", Autocomplete.NEW_PASSWORD);
        fresh.setHelperText(AccountService.MIN_PASSWORD_LENGTH + " to " + AccountService.MAX_PASSWORD_LENGTH + " characters");
        PasswordField repeated = password("New password again", "account-repeat-password", Autocomplete.NEW_PASSWORD);
        Button change = new Button("Change password");
        change.setId("account-change-password");
        FieldErrors passwordErrors = new FieldErrors().field("currentPassword", current).field("newPassword", fresh)
                .field("repeatedPassword", repeated);
        change.addClickListener(e -> {
            if (passwordErrors.attempt(() -> {
                if (!fresh.getValue().equals(repeated.getValue())) {
                    throw new InvalidInputException("repeatedPassword", "The two new passwords are not the same");
                }
                accounts.changePassword(current.getValue(), fresh.getValue());
            })) {
                current.clear();
                fresh.clear();
                repeated.clear();
                Notifications.success("Password changed. Your other sessions were signed out; this one stays signed in.");
            }
        });
        add(new H3("Password"), current, fresh, repeated, change);
    }

    private static PasswordField password(String label, String id, Autocomplete autocomplete) {
        PasswordField field = new PasswordField(label);
        field.setId(id);
        field.setAutocomplete(autocomplete);
        field.setWidthFull();
        field.setMaxWidth(FIELD_WIDTH);
        return field;
    }

    /** A field and its button side by side, the button below the field where the screen is narrow. */
    private static FlexLayout row(TextField field, Button button) {
        field.setWidthFull();
        field.setMaxWidth(FIELD_WIDTH);
        FlexLayout row = new FlexLayout(field, button);
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("gap", "var(--lumo-space-s)");
        row.setWidthFull();
        return row;
    }
}
