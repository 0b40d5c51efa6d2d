package com.sintra.admin.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.sintra.brain.CacheWarming;
import com.sintra.observability.MemoryEvent;
import com.sintra.observability.Vitals;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** When the memory watchdog shed caches and how much that gave back, and what warming loaded after start. */
class MemoryPanel extends VerticalLayout {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Vitals vitals;
    private final CacheWarming warming;
    private final Paragraph warmed = new Paragraph();
    private final UnorderedList events = new UnorderedList();
    private final Paragraph none = new Paragraph("The heap has stayed below the watchdog's threshold since start-up.");
    private List<MemoryEvent> shown = List.of();

    MemoryPanel(Vitals vitals, CacheWarming warming) {
        this.vitals = vitals;
        this.warming = warming;
        setPadding(false);
        addClassName("dashboard-section");
        events.setId("memory-events");
        warmed.setId("cache-warming");
        add(new H3("Memory and warm-up"), none, events, warmed);
        refresh();
    }

    void refresh() {
        warmed.setText(warming.lastRun().map(run -> "Cache warming after start-up took "
                        + DashboardFigure.format(run.took().toMillis(), "ms") + (run.complete() ? "" : " (stopped at its time limit)")
                        + ": the embeddings of " + run.questions() + " frequent questions and " + run.searches()
                        + " search results in " + run.workspaces() + " workspaces.")
                .orElse("Cache warming has not run since start-up (it is off, or still running)."));
        List<MemoryEvent> now = vitals.memoryEvents();
        if (now.equals(shown)) {
            return;
        }
        shown = now;
        events.removeAll();
        now.forEach(event -> events.add(new ListItem(AT.format(event.at()) + ": heap " + mb(event.heapBeforeBytes()) + " of "
                + mb(event.heapMaxBytes()) + ", " + mb(event.heapAfterBytes()) + " after shedding "
                + (event.shed().isEmpty() ? "nothing" : String.join(", ", event.shed())))));
        none.setVisible(now.isEmpty());
        events.setVisible(!now.isEmpty());
    }

    private static String mb(long bytes) {
        return DashboardFigure.format(bytes / 1048576.0, "MB");
    }
}
