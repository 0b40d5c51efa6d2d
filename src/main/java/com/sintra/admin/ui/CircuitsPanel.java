package com.sintra.admin.ui;

import com.sintra.ai.AiProviders;
import com.sintra.ai.CircuitStatus;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** Every AI provider's circuit breaker, and a reset for one that stays open after its provider recovered. */
class CircuitsPanel extends VerticalLayout {

    private final AiProviders providers;
    private final Grid<CircuitStatus> grid = new Grid<>(CircuitStatus.class, false);
    private final ChangedRows<CircuitStatus> rows;

    CircuitsPanel(AiProviders providers) {
        this.providers = providers;
        setPadding(false);
        addClassName("dashboard-section");
        grid.setId("circuits");
        grid.addColumn(CircuitStatus::provider).setHeader("Provider").setAutoWidth(true);
        grid.addComponentColumn(CircuitsPanel::state).setHeader("State").setAutoWidth(true);
        grid.addColumn(c -> rate(c.failureRate())).setHeader("Failed").setAutoWidth(true);
        grid.addColumn(c -> rate(c.slowCallRate())).setHeader("Slow").setAutoWidth(true);
        grid.addColumn(CircuitStatus::bufferedCalls).setHeader("Calls in window").setAutoWidth(true);
        grid.addColumn(CircuitStatus::notPermitted).setHeader("Refused while open").setAutoWidth(true);
        grid.addComponentColumn(this::reset).setKey("reset").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        rows = new ChangedRows<>(grid, providers::circuits);
        add(new H3("Circuit breakers"), grid);
        refresh();
    }

    void refresh() {
        rows.refresh();
    }

    private Button reset(CircuitStatus circuit) {
        Button reset = new Button("Reset", e -> {
            providers.resetCircuit(circuit.providerId());
            Notifications.success("The circuit of " + circuit.provider() + " is closed again");
            refresh();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        reset.setTooltipText("Close the circuit and call the provider again now, without waiting for the probe");
        reset.setEnabled(!"CLOSED".equals(circuit.state()));
        return reset;
    }

    private static Span state(CircuitStatus circuit) {
        Span badge = new Span(switch (circuit.state()) {
            case "CLOSED" -> "Closed: calls go through";
            case "OPEN", "FORCED_OPEN" -> "Open: not called";
            case "HALF_OPEN" -> "Half open: probing";
            default -> circuit.state().toLowerCase();
        });
        badge.getElement().getThemeList().add(switch (circuit.state()) {
            case "CLOSED" -> "badge success";
            case "HALF_OPEN" -> "badge";
            default -> "badge error";
        });
        return badge;
    }

    private static String rate(float percent) {
        return percent < 0 ? "too few calls" : DashboardFigure.format(percent / 100.0, "%");
    }
}
