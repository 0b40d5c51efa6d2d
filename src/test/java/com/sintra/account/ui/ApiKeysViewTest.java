package com.sintra.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sintra.KaribuTest;
import com.sintra.account.ApiKeyService;
import com.sintra.account.OwnedApiKey;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;

class ApiKeysViewTest extends KaribuTest {

    @Autowired
    ApiKeyService apiKeys;

    @Test
    void an_admin_revokes_another_users_key_after_confirming_and_the_key_stops_working() {
        User owner = fixtures.newUser();
        String key = fixtures.as(owner, () -> apiKeys.create("CI pipeline"));
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/api-keys");

        int row = rowOf(owner);
        assertThat(GridKt._getFormattedRow(grid(), row)).contains(owner.email(), "CI pipeline", "Never");
        _click((Button) GridKt._getCellComponent(grid(), row, "status"));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        assertThat(apiKeys.authenticate(key)).isEmpty();
        assertThat(GridKt._get(grid(), rowOf(owner)).key().revoked()).isTrue();
        assertThat(GridKt._getCellComponent(grid(), rowOf(owner), "status")).isNotInstanceOf(Button.class);
    }

    @Test
    void a_user_who_is_not_an_admin_gets_the_not_found_page_instead() {
        openAs(fixtures.newUser(Role.USER));
        UI.getCurrent().navigate("admin/api-keys");
        assertThat(_find(ApiKeysView.class)).isEmpty();
        assertThat(_get(Component.class, spec -> spec.withId("not-found")).getElement().getTextRecursively())
                .contains("Page not found");
    }

    private static int rowOf(User owner) {
        Grid<OwnedApiKey> grid = grid();
        return IntStream.range(0, GridKt._size(grid)).filter(i -> GridKt._get(grid, i).ownerEmail().equals(owner.email()))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Grid<OwnedApiKey> grid() {
        return _get(Grid.class, spec -> spec.withId("api-keys-grid"));
    }
}
