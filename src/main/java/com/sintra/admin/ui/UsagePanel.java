package com.sintra.admin.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import com.sintra.ai.AiUsageService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

/**
 * AI usage and its estimated cost by workspace, agent and model over a chosen period. Read from the hourly sums
 * when the period changes or on request, never per sample: it is a query, and an admin reads it, not watches it.
 */
class UsagePanel extends VerticalLayout {

    enum Period {
        HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofDays(1)),
        WEEK("Last 7 days", Duration.ofDays(7)), MONTH("Last 30 days", Duration.ofDays(30));

        final String label;
        final Duration length;

        Period(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    private final AiUsageService usage;
    private final Select<Period> period = new Select<>();
    private final Grid<AiUsageService.Row> grid = new Grid<>(AiUsageService.Row.class, false);
    private final Paragraph totals = new Paragraph();

    UsagePanel(AiUsageService usage) {
        this.usage = usage;
        setPadding(false);
        addClassName("dashboard-section");
        period.setId("usage-period");
        period.setAriaLabel("Period");
        period.setItems(Period.values());
        period.setItemLabelGenerator(p -> p.label);
        period.setValue(Period.DAY);
        period.addValueChangeListener(e -> refresh());
        Button reload = new Button("Refresh", e -> refresh());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new H3("AI usage and cost"), period, reload);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        grid.setId("usage");
        grid.addColumn(r -> r.workspaceName() == null ? "(deleted workspace)" : r.workspaceName()).setHeader("Workspace")
                .setAutoWidth(true).setSortable(true);
        grid.addColumn(r -> r.agentName() == null ? (r.agentId() == null ? "(no agent)" : "(deleted agent)") : r.agentName())
                .setHeader("Agent").setAutoWidth(true);
        grid.addColumn(r -> r.provider() + " · " + r.model()).setHeader("Model").setAutoWidth(true);
        grid.addColumn(AiUsageService.Row::calls).setHeader("Calls").setAutoWidth(true);
        grid.addColumn(r -> tokens(r.promptTokens()) + " / " + tokens(r.completionTokens())).setHeader("Tokens in / out")
                .setAutoWidth(true);
        grid.addColumn(r -> r.priced() ? dollars(r.cost()) : "no price set").setHeader("Cost").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        totals.setId("usage-totals");
        add(header, totals, grid);
        refresh();
    }

    void refresh() {
        Instant to = Instant.now();
        AiUsageService.Report report = usage.usage(to.minus(period.getValue().length).truncatedTo(ChronoUnit.HOURS), to);
        grid.setItems(report.rows());
        var sum = report.totals();
        totals.setText(sum.calls() == 0 ? "No model calls in this period."
                : sum.calls() + " calls, " + tokens(sum.promptTokens()) + " tokens in and " + tokens(sum.completionTokens())
                + " out, about " + dollars(sum.cost()) + " at the prices in the settings (sintra.ai.prices)");
    }

    private static String tokens(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String dollars(BigDecimal cost) {
        return "$" + cost.setScale(cost.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
    }
}
