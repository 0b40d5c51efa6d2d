package com.sintra.admin.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.sintra.observability.VitalsSnapshot;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** Each node's latest figures side by side; shown only when there is more than one node. */
class NodesPanel extends VerticalLayout {

    private final Grid<VitalsSnapshot> grid = new Grid<>(VitalsSnapshot.class, false);

    NodesPanel() {
        setPadding(false);
        addClassName("dashboard-section");
        grid.setId("nodes");
        grid.addColumn(VitalsSnapshot::node).setHeader("Node").setAutoWidth(true);
        grid.addColumn(s -> SlowRequestsPanel.TIME.format(s.at())).setHeader("Sampled").setAutoWidth(true);
        for (DashboardFigure figure : DashboardFigure.values()) {
            grid.addColumn(s -> figure.format(figure.read(s))).setHeader(figure.target().name()).setAutoWidth(true);
        }
        grid.setAllRowsVisible(true);
        add(new H3("Nodes"), grid);
        setVisible(false);
    }

    void show(Map<String, VitalsSnapshot> nodes) {
        List<VitalsSnapshot> rows = new ArrayList<>(nodes.values());
        rows.sort(Comparator.comparing(VitalsSnapshot::node));
        setVisible(rows.size() > 1);
        if (rows.size() > 1) {
            grid.setItems(rows);
        }
    }
}
