package com.sintra.admin.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.sintra.observability.SlowRequest;
import com.sintra.observability.Vitals;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The node's latest requests and Vaadin round trips over the slow-request threshold, newest first. */
class SlowRequestsPanel extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int SHOWN = 50;

    private final Vitals vitals;
    private final Grid<SlowRequest> grid = new Grid<>(SlowRequest.class, false);
    private final Paragraph none = new Paragraph("No slow request since start-up.");
    private SlowRequest newest;

    SlowRequestsPanel(Vitals vitals) {
        this.vitals = vitals;
        setPadding(false);
        addClassName("dashboard-section");
        grid.setId("slow-requests");
        grid.addColumn(r -> TIME.format(r.at())).setHeader("At").setAutoWidth(true);
        grid.addColumn(r -> r.kind().equals("vaadin") ? "view " + r.route() : r.method() + " " + r.route())
                .setHeader("Route").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(SlowRequest::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> DashboardFigure.format(r.durationMillis(), "ms")).setHeader("Took").setAutoWidth(true);
        grid.addColumn(r -> r.workspaceId() == null ? "" : r.workspaceId().toString()).setHeader("Workspace").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H3("Slow requests"), none, grid);
        refresh();
    }

    void refresh() {
        List<SlowRequest> latest = vitals.slowRequests();
        SlowRequest first = latest.isEmpty() ? null : latest.get(0);
        if (first != null && first.equals(newest)) {
            return;
        }
        newest = first;
        grid.setItems(latest.subList(0, Math.min(SHOWN, latest.size())));
        grid.setVisible(!latest.isEmpty());
        none.setVisible(latest.isEmpty());
    }
}
