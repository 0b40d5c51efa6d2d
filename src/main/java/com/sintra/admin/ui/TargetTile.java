package com.sintra.admin.ui;

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
        Target.Verdict judged = target.judge(reading);
        value.setText(figure.format(reading));
        verdict.setText(switch (judged) {
            case GOOD -> "on target";
            case WARNING -> Double.isNaN(target.strictLimit()) ? "close to the limit" : "misses Sintra's target";
            case BAD -> "over the limit";
            case UNKNOWN -> "no data yet";
            case INFO -> "";
        });
        getElement().setAttribute("verdict", judged.name().toLowerCase());
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
