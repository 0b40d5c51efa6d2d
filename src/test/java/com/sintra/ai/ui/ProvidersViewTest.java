package com.sintra.ai.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sintra.KaribuTest;
import com.sintra.ai.AiProvider;
import com.sintra.ai.AiProviders;
import com.sintra.ai.FakeOpenAiServer;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

class ProvidersViewTest extends KaribuTest {

    private static FakeOpenAiServer provider;

    @Autowired
    AiProviders providers;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new FakeOpenAiServer();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    /** No provider comes from the test environment: a stored one left behind would answer other tests. */
    @AfterEach
    void deleteProviders() {
        fixtures.as(fixtures.admin(), () -> providers.list().stream().filter(p -> !p.fromEnvironment())
                .forEach(p -> providers.delete(p.id())));
    }

    @Test
    void an_admin_adds_a_provider_tests_its_connection_and_sees_it_in_the_grid() {
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/providers");
        _get(ProvidersView.class);

        _click(_get(Button.class, spec -> spec.withId("new-provider")));
        _setValue(_get(TextField.class, spec -> spec.withId("provider-name")), "Local Ollama");
        _setValue(_get(TextField.class, spec -> spec.withId("provider-base-url")), provider.baseUrl());
        _setValue(_get(PasswordField.class, spec -> spec.withId("provider-api-key")), "sk-view-test");
        _click(_get(Button.class, spec -> spec.withId("provider-test")));
        assertThat(_get(Span.class, spec -> spec.withId("provider-test-result")).getText())
                .startsWith("Connected; 2 models").contains("fake-model");
        _click(_get(Button.class, spec -> spec.withId("provider-save")));

        Grid<AiProvider> grid = grid();
        List<AiProvider> rows = GridKt._findAll(grid);
        assertThat(rows).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("Local Ollama");
            assertThat(p.keySet()).isTrue();
        });
        int row = rows.indexOf(rows.stream().filter(p -> p.name().equals("Local Ollama")).findFirst().orElseThrow());
        assertThat(((Span) GridKt._getCellComponent(grid, row, "circuit")).getText()).isEqualTo("Closed");
    }

    @Test
    void a_refused_name_is_shown_at_its_field_and_nothing_is_stored() {
        openAs(fixtures.admin());
        UI.getCurrent().navigate("admin/providers");
        _click(_get(Button.class, spec -> spec.withId("new-provider")));
        _setValue(_get(TextField.class, spec -> spec.withId("provider-base-url")), provider.baseUrl());
        _click(_get(Button.class, spec -> spec.withId("provider-save")));

        TextField name = _get(TextField.class, spec -> spec.withId("provider-name"));
        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Enter a name");
        assertThat(fixtures.as(fixtures.admin(), () -> providers.list())).noneMatch(p -> !p.fromEnvironment());
    }

    @Test
    void a_user_who_is_not_an_admin_cannot_open_the_providers() {
        openAs(fixtures.newUser());
        UI.getCurrent().navigate("admin/providers");
        _assertNone(ProvidersView.class);
        _get(com.vaadin.flow.component.Component.class, spec -> spec.withId("not-found"));
    }

    @SuppressWarnings("unchecked")
    private static Grid<AiProvider> grid() {
        return _get(Grid.class);
    }
}
