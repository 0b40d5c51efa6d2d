package com.sintra.admin.ui;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.sintra.account.CurrentUser;
import com.sintra.ai.AiProviders;
import com.sintra.ai.AiUsageService;
import com.sintra.base.Subscription;
import com.sintra.brain.CacheWarming;
import com.sintra.observability.Vitals;
import com.sintra.observability.VitalsSnapshot;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The admin dashboard: a tile per target, the last hour as charts, and the levers (circuits, caches) beside the
 * figures they move. Each new sample is pushed to an open dashboard, and nothing at all to a closed one: the view
 * listens to the sampler only while it is attached. Only this route loads the charts' script (uPlot).
 */
@Route("admin")
@PageTitle("Dashboard · Sintra")
@Menu(title = "Dashboard", order = 85)
@RolesAllowed("ADMIN")
@CssImport("./admin/dashboard.css")
class DashboardView extends VerticalLayout {

    private final Vitals vitals;
    private final CurrentUser currentUser;
    private final List<TargetTile> tiles;
    private final List<LastHourChart> charts = LastHourChart.all();
    private final Paragraph sampled = new Paragraph();
    private final Div tileGrid = new Div();
    private final NodesPanel nodes = new NodesPanel();
    private final SlowRequestsPanel slowRequests;
    private final CircuitsPanel circuits;
    private final CachesPanel caches;
    private final MemoryPanel memory;
    private Subscription samples;
    /** The latest sample in which each sparse figure (page loads) was measured at all. */
    private final Map<DashboardFigure, VitalsSnapshot> lastMeasured = new EnumMap<>(DashboardFigure.class);

    DashboardView(Vitals vitals, AiProviders providers, AiUsageService usage, CacheWarming warming, CurrentUser currentUser) {
        this.vitals = vitals;
        this.currentUser = currentUser;
        setWidthFull();
        sampled.setId("dashboard-sampled");
        add(new H2("Dashboard"), sampled);

        tiles = Arrays.stream(DashboardFigure.values()).map(TargetTile::new).toList();
        tileGrid.setId("dashboard-tiles");
        tileGrid.addClassName("dashboard-tiles");
        tiles.forEach(tileGrid::add);

        Div chartGrid = new Div();
        chartGrid.addClassName("dashboard-charts");
        charts.forEach(chart -> chartGrid.add(chart.component()));

        slowRequests = new SlowRequestsPanel(vitals);
        circuits = new CircuitsPanel(providers);
        caches = new CachesPanel(vitals);
        memory = new MemoryPanel(vitals, warming);
        add(tileGrid, chartGrid, nodes, slowRequests, circuits, caches, new UsagePanel(usage), memory);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        List<VitalsSnapshot> hour = vitals.lastHour();
        charts.forEach(chart -> chart.show(hour));
        hour.forEach(this::remember);
        show(hour.isEmpty() ? null : hour.get(hour.size() - 1));
        UI ui = event.getUI();
        // The sampler's thread calls back; the admin's own rights go with it, so every read is checked as theirs.
        Runnable refresh = currentUser.asCaller(() -> ui.access(this::refresh));
        samples = vitals.onSample(snapshot -> refresh.run());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (samples != null) {
            samples.cancel();
            samples = null;
        }
    }

    /** A new sample: the tiles, one more point per chart, and whichever panels changed. */
    private void refresh() {
        VitalsSnapshot latest = vitals.now();
        if (latest == null) {
            return;
        }
        charts.forEach(chart -> chart.append(latest));
        remember(latest);
        show(latest);
        nodes.show(vitals.nodes());
        slowRequests.refresh();
        circuits.refresh();
        caches.refresh();
        memory.refresh();
    }

    private void show(VitalsSnapshot latest) {
        if (latest == null) {
            sampled.setText("No sample yet: the first comes a few seconds after start-up.");
        } else {
            // For a reader that checks the tiles against its own clock (scripts/bench-chat --dashboard).
            tileGrid.getElement().setAttribute("data-sampled-at", Long.toString(latest.at().toEpochMilli()));
            sampled.setText("Node " + latest.node() + ", sampled every " + Math.round(latest.windowSeconds())
                    + " s: each figure covers the last window. Browsers report their own page loads.");
        }
        for (TargetTile tile : tiles) {
            DashboardFigure figure = tile.figure();
            VitalsSnapshot measured = figure.sparse() ? lastMeasured.get(figure) : latest;
            boolean older = measured != null && latest != null && !measured.at().equals(latest.at());
            tile.show(figure.read(measured), older ? measured.at() : null);
        }
    }

    private void remember(VitalsSnapshot snapshot) {
        for (DashboardFigure figure : DashboardFigure.values()) {
            if (figure.sparse() && !Double.isNaN(figure.read(snapshot))) {
                lastMeasured.put(figure, snapshot);
            }
        }
    }

    List<TargetTile> tiles() {
        return tiles;
    }
}
