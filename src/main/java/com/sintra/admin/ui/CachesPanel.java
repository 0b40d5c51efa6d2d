package com.sintra.admin.ui;

import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.Notifications;
import com.sintra.observability.CacheFigures;
import com.sintra.observability.Vitals;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The node's caches with their hit rates, and a clear button for those that only save work. */
class CachesPanel extends VerticalLayout {

    private final Vitals vitals;
    private final Grid<CacheFigures> grid = new Grid<>(CacheFigures.class, false);
    private final ChangedRows<CacheFigures> rows;

    CachesPanel(Vitals vitals) {
        this.vitals = vitals;
        setPadding(false);
        addClassName("dashboard-section");
        grid.setId("caches");
        grid.addColumn(CacheFigures::name).setHeader("Cache").setAutoWidth(true);
        grid.addColumn(c -> c.hits() + c.misses() == 0 ? "not asked yet" : DashboardFigure.format(c.hitRate(), "%"))
                .setHeader("Hit rate").setAutoWidth(true);
        grid.addColumn(CacheFigures::size).setHeader("Entries").setAutoWidth(true);
        grid.addColumn(c -> c.hits() + c.misses()).setHeader("Lookups").setAutoWidth(true);
        grid.addColumn(CacheFigures::evictions).setHeader("Evicted").setAutoWidth(true);
        grid.addColumn(c -> c.essential() ? "limit, kept" : c.shared() ? "memory + Redis" : "memory").setHeader("Kind")
                .setAutoWidth(true);
        grid.addComponentColumn(this::clear).setKey("clear").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        rows = new ChangedRows<>(grid, vitals::caches);
        add(new H3("Caches"), grid);
        refresh();
    }

    void refresh() {
        rows.refresh();
    }

    private Component clear(CacheFigures cache) {
        if (cache.essential()) {
            return new Span();
        }
        Button clear = new Button("Clear", e -> Confirmations.confirmDangerous("Clear the " + cache.name() + " cache?",
                "Its " + cache.size() + " entries are dropped" + (cache.shared() ? " on every node and in Redis" : "")
                        + ". Nothing is lost: each is computed again when next needed, a little slower the first time.",
                "Clear", () -> {
                    vitals.clearCache(cache.name());
                    Notifications.success("The " + cache.name() + " cache is cleared");
                    refresh();
                }));
        clear.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return clear;
    }
}
