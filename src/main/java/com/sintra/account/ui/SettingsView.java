package com.sintra.account.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.sintra.account.AccountService;
import com.sintra.account.ApiKey;
import com.sintra.account.ApiKeyService;
import com.sintra.account.CurrentUser;
import com.sintra.base.ui.Clipboard;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** The signed-in user's own settings: their name and password, and the API keys that let programs act as them. */
@Route("settings")
@PageTitle("Settings · Sintra")
@Menu(title = "Settings", order = 80)
@PermitAll
class SettingsView extends VerticalLayout {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final ApiKeyService apiKeys;
    private final Grid<ApiKey> grid = new Grid<>(ApiKey.class, false);
    private final TextField name = new TextField("Name");

    SettingsView(ApiKeyService apiKeys, AccountService accounts, CurrentUser currentUser) {
        this.apiKeys = apiKeys;
        setSizeFull();
        add(new OwnAccountForm(accounts, currentUser));
        add(new H2("API keys"), new Paragraph("Programs use an API key to call Sintra's REST API as you, in the "
                + "workspaces you belong to. Send it as \"Authorization: Bearer <key>\". Give each program its own "
                + "key, so you can revoke one without stopping the others."));

        name.setPlaceholder("What will use it, e.g. nightly import");
        name.setMaxLength(80);
        name.setWidthFull();
        name.setMaxWidth("24rem");
        FieldErrors errors = new FieldErrors().field("name", name);
        Button create = new Button("Create key", e -> {
            String[] key = new String[1];
            if (errors.attempt(() -> key[0] = apiKeys.create(name.getValue()))) {
                showOnce(name.getValue().strip(), key[0]);
                name.clear();
                refresh();
            }
        });
        create.setId("create-api-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER).listenOn(name);
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        // On a phone the button goes below the field instead of off the screen.
        form.setWrap(true);
        form.setWidthFull();
        add(form);

        grid.addColumn(ApiKey::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Key").setKey("prefix");
        grid.addColumn(k -> DATE_TIME.format(k.createdAt())).setHeader("Created");
        grid.addColumn(k -> k.lastUsedAt() == null ? "Never" : DATE_TIME.format(k.lastUsedAt())).setHeader("Last used");
        grid.addComponentColumn(SettingsView::status).setHeader("Status").setKey("status");
        grid.addComponentColumn(this::revokeButton).setKey("revoke");
        grid.setEmptyStateText("No API keys yet.");
        grid.setSizeFull();
        // The account form above takes room: on a short screen the page scrolls rather than squeezing the list.
        grid.setMinHeight("16rem");
        add(grid);
        refresh();
    }

    private void refresh() {
        // A user has a handful of keys (at most 50 active): one query, no paging.
        grid.setItems(apiKeys.myKeys());
    }

    private static Span status(ApiKey key) {
        Span badge = new Span(key.revoked() ? "Revoked" : "Active");
        badge.getElement().getThemeList().add(key.revoked() ? "badge contrast" : "badge success");
        return badge;
    }

    private Component revokeButton(ApiKey key) {
        if (key.revoked()) {
            return new Span();
        }
        Button revoke = new Button("Revoke", e -> confirmRevoke(key));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void confirmRevoke(ApiKey key) {
        ConfirmDialog confirm = new ConfirmDialog("Revoke " + key.name() + "?",
                "Programs using " + key.prefix() + "… stop working at once. This cannot be undone.",
                "Revoke", e -> {
                    apiKeys.revoke(key.id());
                    Notifications.success("API key " + key.name() + " revoked");
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    /** The key exists in plain text only now: it is not stored, so it cannot be shown again. */
    private void showOnce(String keyName, String key) {
        TextField shown = new TextField("Your new API key");
        shown.setId("new-api-key");
        shown.setValue(key);
        shown.setReadOnly(true);
        shown.setWidthFull();
        Button copy = new Button("Copy", e -> Clipboard.copy(shown, key, "API key"));
        HorizontalLayout keyRow = new HorizontalLayout(shown, copy);
        keyRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        keyRow.setWidthFull();
        keyRow.expand(shown);

        Dialog dialog = new Dialog("API key " + keyName + " created");
        dialog.setWidth("40rem");
        dialog.setMaxWidth("100%");
        Paragraph warning = new Paragraph("Copy it now and keep it somewhere safe: it will not be shown again. "
                + "If you lose it, revoke it and create a new one.");
        warning.getStyle().set("color", "var(--lumo-error-text-color)");
        dialog.add(new VerticalLayout(keyRow, warning, new Paragraph("Copy with the button, or select the key and "
                + "press Ctrl+C (Cmd+C on a Mac).")));
        // Closing by a stray click or Esc would lose the key before it is copied.
        dialog.setCloseOnOutsideClick(false);
        dialog.setCloseOnEsc(false);
        Button done = new Button("I have copied it", e -> dialog.close());
        done.setId("api-key-copied");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }
}
