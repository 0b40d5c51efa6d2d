package com.sintra.account.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.sintra.account.ApiKeyService;
import com.sintra.account.OwnedApiKey;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/** Every user's API keys for administrators, who can revoke any of them: it stops working with its next request. */
@Route("admin/api-keys")
@PageTitle("API keys · Sintra")
@Menu(title = "API keys", order = 93)
@RolesAllowed("ADMIN")
class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final ApiKeyService apiKeys;
    private final Grid<OwnedApiKey> grid = new Grid<>(OwnedApiKey.class, false);

    ApiKeysView(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
        setSizeFull();
        add(new H2("API keys"));
        grid.setId("api-keys-grid");
        grid.addColumn(OwnedApiKey::ownerEmail).setHeader("Owner").setKey("owner").setAutoWidth(true);
        grid.addColumn(k -> k.key().name()).setHeader("Name").setKey("name");
        grid.addColumn(k -> k.key().prefix()).setHeader("Prefix").setKey("prefix").setAutoWidth(true);
        grid.addColumn(k -> time(k.key().createdAt())).setHeader("Created").setKey("created").setAutoWidth(true);
        grid.addColumn(k -> k.key().lastUsedAt() == null ? "Never" : time(k.key().lastUsedAt()))
                .setHeader("Last used").setKey("lastUsed").setAutoWidth(true);
        grid.addComponentColumn(this::status).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.setEmptyStateText("No API keys yet.");
        // Lazy: only the rows in view are fetched.
        grid.setItems(query -> apiKeys.allKeys(query.getOffset(), query.getLimit()).stream(), query -> apiKeys.countAllKeys());
        grid.setSizeFull();
        add(grid);
        expand(grid);
    }

    private com.vaadin.flow.component.Component status(OwnedApiKey key) {
        if (key.key().revoked()) {
            Span revoked = new Span("Revoked " + time(key.key().revokedAt()));
            revoked.getElement().getThemeList().add("badge contrast");
            return revoked;
        }
        Button revoke = new Button("Revoke", e -> Confirmations.confirmDangerous("Revoke " + key.key().name() + "?",
                "The key " + key.key().prefix() + "… of " + key.ownerEmail() + " stops working at once, for good.",
                "Revoke", () -> revoke(key)));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void revoke(OwnedApiKey key) {
        try {
            apiKeys.revokeAny(key.key().id());
            Notifications.success("Key " + key.key().prefix() + " of " + key.ownerEmail() + " revoked");
        } catch (NotFoundException gone) {
            Notifications.error("That key no longer exists");
        }
        grid.getDataProvider().refreshAll();
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}
