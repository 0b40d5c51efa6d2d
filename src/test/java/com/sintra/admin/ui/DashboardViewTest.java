package com.sintra.admin.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sintra.KaribuTest;
import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.ai.AiUsageService;
import com.sintra.observability.CacheFigures;
import com.sintra.observability.Vitals;
import com.sintra.workspace.WorkspaceId;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;

class DashboardViewTest extends KaribuTest {

    @Autowired
    Vitals vitals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_admin_sees_a_tile_per_target_judged_against_its_limit() {
        User admin = fixtures.admin();
        openDashboardAs(admin);

        DashboardView view = _get(DashboardView.class);
        assertThat(view.tiles()).hasSize(DashboardFigure.values().length);
        TargetTile heap = view.tiles().stream().filter(t -> t.figure() == DashboardFigure.HEAP).findFirst().orElseThrow();
        assertThat(heap.valueText()).endsWith(" MB");
        assertThat(heap.getElement().getAttribute("verdict")).isIn("good", "warning", "bad");
        assertThat(_get(Component.class, spec -> spec.withId("dashboard-tiles")).getElement().getAttribute("data-sampled-at"))
                .isNotBlank();
    }

    @Test
    void a_user_who_is_not_an_admin_is_refused_the_dashboard() {
        openAs(fixtures.newUser(Role.USER));
        UI.getCurrent().navigate("admin");

        assertThat(_find(DashboardView.class)).isEmpty();
        assertThat(_get(Component.class, spec -> spec.withId("not-found")).getElement().getTextRecursively())
                .contains("Page not found");
    }

    @Test
    void clearing_a_cache_asks_first_and_then_empties_it() {
        User admin = fixtures.admin();
        openDashboardAs(admin);
        @SuppressWarnings("unchecked")
        Grid<CacheFigures> caches = _get(Grid.class, spec -> spec.withId("caches"));
        int row = clearableRow(caches);
        String name = GridKt._get(caches, row).name();

        _click((Button) GridKt._getCellComponent(caches, row, "clear"));
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        long size = fixtures.as(admin, () -> vitals.caches().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().size());
        assertThat(size).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'cache_cleared' AND target_id = :name")
                .param("name", name).query(Long.class).single()).isPositive();
    }

    @Test
    void ai_usage_shows_each_workspaces_calls_and_cost_for_the_chosen_period() {
        User admin = fixtures.admin();
        WorkspaceId workspace = fixtures.newWorkspace(admin);
        jdbc.sql("""
                        INSERT INTO ai_usage (hour, workspace_id, agent_id, provider, model, calls, prompt_tokens,
                                              completion_tokens, cost)
                        VALUES (:hour, :workspace, NULL, 'environment', 'gpt-4o-mini', 3, 1200, 300, 0.00036)""")
                .param("hour", java.sql.Timestamp.from(Instant.now().truncatedTo(ChronoUnit.HOURS)))
                .param("workspace", workspace.value()).update();
        openDashboardAs(admin);

        @SuppressWarnings("unchecked")
        Grid<AiUsageService.Row> usage = _get(Grid.class, spec -> spec.withId("usage"));
        List<AiUsageService.Row> rows = GridKt._findAll(usage);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.workspaceId()).isEqualTo(workspace.value());
            assertThat(row.calls()).isEqualTo(3);
        });
        assertThat(_get(Paragraph.class, spec -> spec.withId("usage-totals")).getText()).contains("calls");
    }

    private void openDashboardAs(User admin) {
        openAs(admin);
        UI.getCurrent().navigate("admin");
    }

    private static int clearableRow(Grid<CacheFigures> caches) {
        List<CacheFigures> rows = GridKt._findAll(caches);
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).essential()) {
                return i;
            }
        }
        throw new AssertionError("no cache that can be cleared: " + rows);
    }
}
