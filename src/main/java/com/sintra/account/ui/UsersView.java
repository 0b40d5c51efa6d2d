package com.sintra.account.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.sintra.account.AccountService;
import com.sintra.account.NewUser;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
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
    private final Grid<User> grid = new Grid<>(User.class, false);

    UsersView(AccountService accounts) {
        this.accounts = accounts;
        setSizeFull();
        Button create = new Button("New user", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new HorizontalLayout(new H2("Users"), create));

        grid.addColumn(User::displayName).setHeader("Name").setAutoWidth(true);
        grid.addColumn(User::email).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(User::role).setHeader("Role");
        grid.addComponentColumn(u -> status(u)).setHeader("Status");
        grid.addColumn(u -> DATE.format(u.createdAt())).setHeader("Created");
        grid.addComponentColumn(this::activationButton);
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

    private Button activationButton(User user) {
        Button button = new Button(user.active() ? "Deactivate" : "Re-activate", e -> {
            try {
                accounts.setActive(user.id(), !user.active());
                Notifications.success(user.email() + (user.active() ? " deactivated" : " re-activated"));
                grid.getDataProvider().refreshAll();
            } catch (InvalidInputException ex) {
                Notifications.error(ex.getMessage());
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, user.active() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        return button;
    }

    private void openCreateDialog() {
        EmailField email = new EmailField("E-mail");
        TextField name = new TextField("Name");
        name.setMaxLength(80);
        PasswordField password = new PasswordField("Initial password");
        password.setHelperText("At least 12 characters");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.USER);

        Dialog dialog = new Dialog("New user");
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
}
