package com.sintra.account.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.sintra.account.AccountService;
import com.sintra.account.CurrentUser;
import com.sintra.account.NewUser;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

@Route("admin/users")
@PageTitle("Users · Sintra")
@Menu(title = "Users", order = 90)
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.systemDefault());

    private final AccountService accounts;
    private final CurrentUser currentUser;
    private final Grid<User> grid = new Grid<>(User.class, false);

    UsersView(AccountService accounts, CurrentUser currentUser) {
        this.accounts = accounts;
        this.currentUser = currentUser;
        setSizeFull();
        Button create = new Button("New user", e -> openCreateDialog());
        create.setId("new-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Users"), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);
        add(header);

        grid.addColumn(User::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(User::email).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(u -> u.role() == Role.ADMIN ? "Administrator" : "User").setHeader("Role").setKey("role");
        grid.addComponentColumn(UsersView::status).setHeader("Status");
        grid.addColumn(u -> DATE.format(u.createdAt())).setHeader("Created");
        grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true);
        // Lazy: only the rows in view are fetched.
        grid.setItems(query -> accounts.users(query.getOffset(), query.getLimit()).stream(), query -> accounts.countUsers());
        grid.setSizeFull();
        add(grid);
    }

    private static Span status(User user) {
        Span badge = new Span(user.active() ? "Active" : "Deactivated");
        badge.getElement().getThemeList().add(user.active() ? "badge success" : "badge contrast");
        return badge;
    }

    private FlexLayout actions(User user) {
        Button edit = new Button("Edit", e -> openEditDialog(user));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
        Button activation = new Button(user.active() ? "Deactivate" : "Re-activate",
                e -> {
                    if (user.active()) {
                        confirmDeactivation(user);
                    } else {
                        setActive(user, true);
                    }
                });
        activation.addThemeVariants(ButtonVariant.LUMO_SMALL, user.active() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        FlexLayout actions = new FlexLayout(edit, activation);
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.getStyle().set("gap", "var(--lumo-space-xs)");
        return actions;
    }

    private void confirmDeactivation(User user) {
        Confirmations.confirmDangerous("Deactivate " + user.displayName() + "?",
                user.email() + " is signed out at once and can no longer sign in. All their API keys are revoked for "
                        + "good. Their workspaces and data stay, and you can re-activate them later.",
                "Deactivate", () -> setActive(user, false));
    }

    private void setActive(User user, boolean active) {
        try {
            accounts.setActive(user.id(), active);
            Notifications.success(user.email() + (active ? " re-activated" : " deactivated"));
            grid.getDataProvider().refreshAll();
        } catch (InvalidInputException ex) {
            Notifications.error(ex.getMessage());
        }
    }

    private void openCreateDialog() {
        EmailField email = new EmailField("E-mail");
        TextField name = new TextField("Name");
        name.setMaxLength(80);
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText(passwordRule());
        Select<Role> role = roleSelect();
        role.setValue(Role.USER);

        Dialog dialog = dialog("New user");
        dialog.add(new FormLayout(email, name, password, role));
        FieldErrors errors = new FieldErrors().field("email", email).field("displayName", name).field("password", password);
        Button save = new Button("Create", e -> {
            if (errors.attempt(() -> accounts.createUser(
                    new NewUser(email.getValue(), name.getValue(), password.getValue(), role.getValue())))) {
                Notifications.success("User " + email.getValue() + " created");
                grid.getDataProvider().refreshAll();
                dialog.close();
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    /** Name and role, and, apart from them, a new password: each saved on its own, so neither waits on the other. */
    private void openEditDialog(User user) {
        boolean self = user.id().equals(currentUser.require());
        TextField name = new TextField("Name");
        name.setId("edit-user-name");
        name.setMaxLength(80);
        name.setValue(user.displayName());
        Select<Role> role = roleSelect();
        role.setId("edit-user-role");
        role.setValue(user.role());
        role.setHelperText(self ? "Giving up your own administrator role signs you out" : "A new role signs them out, so it applies at once");

        Dialog dialog = dialog("Edit " + user.email());
        FieldErrors errors = new FieldErrors().field("displayName", name).field("role", role);
        Button save = new Button("Save", e -> {
            if (errors.attempt(() -> accounts.updateUser(user.id(), name.getValue(), role.getValue()))) {
                Notifications.success("User " + user.email() + " saved");
                grid.getDataProvider().refreshAll();
                dialog.close();
            }
        });
        save.setId("edit-user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        PasswordField password = new PasswordField("New password");
        password.setId("reset-password");
        password.setHelperText(passwordRule());
        password.setWidthFull();
        FieldErrors passwordErrors = new FieldErrors().field("password", password);
        Button setPassword = new Button("Set password", e -> {
            if (passwordErrors.attempt(() -> accounts.resetPassword(user.id(), password.getValue()))) {
                password.clear();
                Notifications.success("Password of " + user.email() + " set" + signedOut(self));
            }
        });
        setPassword.setId("reset-password-set");
        TextField generated = new TextField("Generated password");
        generated.setId("generated-password");
        generated.setReadOnly(true);
        generated.setWidthFull();
        generated.setVisible(false);
        Button generate = new Button("Generate one", e -> {
            generated.setValue(accounts.resetPasswordToGenerated(user.id()));
            generated.setHelperText("Shown only now: give it to " + user.displayName() + " in a safe way");
            generated.setVisible(true);
            Notifications.success("Password of " + user.email() + " set" + signedOut(self));
        });
        generate.setId("reset-password-generate");
        FlexLayout passwordButtons = new FlexLayout(setPassword, generate);
        passwordButtons.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        passwordButtons.getStyle().set("gap", "var(--lumo-space-s)");

        VerticalLayout content = new VerticalLayout(new FormLayout(name, role), new H3("Password"),
                new Paragraph("Set a new password for " + user.displayName() + ": they are signed out everywhere and "
                        + "sign in with it next time."), password, passwordButtons, generated);
        content.setPadding(false);
        dialog.add(content);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()), save);
        dialog.open();
    }

    private static String signedOut(boolean self) {
        return self ? "; your other sessions were signed out" : "; they were signed out everywhere";
    }

    private static Select<Role> roleSelect() {
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> r == Role.ADMIN ? "Administrator" : "User");
        return role;
    }

    private static Dialog dialog(String title) {
        Dialog dialog = new Dialog(title);
        dialog.setWidth("32rem");
        dialog.setMaxWidth("100%");
        return dialog;
    }

    private static String passwordRule() {
        return AccountService.MIN_PASSWORD_LENGTH + " to " + AccountService.MAX_PASSWORD_LENGTH + " characters";
    }
}
