package com.sintra.admin.ui;

import java.time.Instant;

import com.sintra.admin.Target;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * One target on the dashboard: the figure now, the limit it is held to, and green, amber or red. The verdict is
 * also written out, for those who do not see the colour.
 */
class TargetTile extends Div {

    private final DashboardFigure figure;
    private final Target target;
    private final Span value = new Span();
    private final Span verdict = new Span();

    TargetTile(DashboardFigure figure) {
        this.figure = figure;
        this.target = figure.target();
        setId("tile-" + figure.name().toLowerCase().replace('_', '-'));
        addClassName("target-tile");
        Span name = new Span(target.name());
        name.addClassName("target-name");
        value.addClassName("target-value");
        verdict.addClassName("target-verdict");
        Span limit = new Span(limitText());
        limit.addClassName("target-limit");
        add(name, value, verdict, limit);
        show(Double.NaN);
    }

    void show(double reading) {
        show(reading, null);
    }

    /** @param measuredAt when a sparse figure was last measured, shown beside the verdict; null when it is current */
    void show(double reading, Instant measuredAt) {
        Target.Verdict judged = target.judge(reading);
        value.setText(figure.format(reading));
        String when = measuredAt == null ? "" : " · at " + SlowRequestsPanel.TIME.format(measuredAt);
        verdict.setText(words(judged) + when);
        getElement().setAttribute("verdict", judged.name().toLowerCase());
    }

    private String words(Target.Verdict judged) {
        return switch (judged) {
            case GOOD -> "on target";
            case WARNING -> Double.isNaN(target.strictLimit()) ? "close to the limit" : "misses Sintra's target";
            case BAD -> "over the limit";
            case UNKNOWN -> "no data yet";
            case INFO -> "";
        };
    }

    DashboardFigure figure() {
        return figure;
    }

    String valueText() {
        return value.getText();
    }

    String verdictText() {
        return verdict.getText();
    }

    private String limitText() {
        if (target.direction() == Target.Direction.NONE) {
            return "no limit";
        }
        String comparison = target.direction() == Target.Direction.AT_MOST ? "< " : "> ";
        String text = "target " + comparison + figure.format(target.limit());
        return Double.isNaN(target.strictLimit()) ? text : text + " · Sintra ≤ " + figure.format(target.strictLimit());
    }
}
