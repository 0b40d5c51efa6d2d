package com.sintra.account.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sintra.account.AuditEntry;
import com.sintra.account.AuditFilter;
import com.sintra.account.AuditLog;
import com.sintra.account.AuditPage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The audit trail for administrators: filters on top, entries newest first in a lazy grid that pages by keyset
 * (each page continues after the last entry of the one before), so scrolling far stays as cheap as the first page.
 */
@Route("admin/audit")
@PageTitle("Audit log · Sintra")
@Menu(title = "Audit log", order = 94)
@RolesAllowed("ADMIN")
class AuditLogView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final AuditLog audit;
    private final MultiSelectComboBox<String> actions = new MultiSelectComboBox<>("Actions");
    private final TextField actor = new TextField("Actor e-mail");
    private final TextField workspace = new TextField("Workspace id");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    /** Where the grid's pages start, by position: the grid asks for consecutive pages, walked to from the nearest. */
    private final TreeMap<Integer, AuditEntry.AuditCursor> cursors = new TreeMap<>();

    AuditLogView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        actions.setId("audit-actions");
        actions.setItems(audit.actions());
        actor.setId("audit-actor");
        actor.setClearButtonVisible(true);
        actor.setValueChangeMode(ValueChangeMode.LAZY);
        workspace.setId("audit-workspace");
        workspace.setClearButtonVisible(true);
        workspace.setValueChangeMode(ValueChangeMode.LAZY);
        workspace.setErrorMessage("Not a workspace id");
        from.setId("audit-from");
        to.setId("audit-to");
        Button clear = new Button("Clear filters", e -> {
            actions.clear();
            actor.clear();
            workspace.clear();
            from.clear();
            to.clear();
        });
        HorizontalLayout filters = new HorizontalLayout(actions, actor, workspace, from, to, clear);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2("Audit log"), filters);

        grid.setId("audit-grid");
        grid.addColumn(e -> TIME.format(e.createdAt())).setHeader("Time").setKey("time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::action).setHeader("Action").setKey("action").setAutoWidth(true);
        grid.addColumn(e -> e.actorEmail() == null ? "—" : e.actorEmail()).setHeader("Actor").setKey("actor").setAutoWidth(true);
        grid.addColumn(e -> e.workspaceName() == null ? "" : e.workspaceName()).setHeader("Workspace").setKey("workspace");
        grid.addColumn(e -> e.targetType() + " " + e.targetId()).setHeader("Target").setKey("target");
        grid.addColumn(e -> details(e.details())).setHeader("Details").setKey("details").setFlexGrow(2);
        grid.setEmptyStateText("No entries match.");
        grid.setItems(query -> page(query.getOffset(), query.getLimit()));
        grid.setSizeFull();
        add(grid);
        expand(grid);

        actions.addValueChangeListener(e -> refresh());
        actor.addValueChangeListener(e -> refresh());
        workspace.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
    }

    private void refresh() {
        cursors.clear();
        grid.getDataProvider().refreshAll();
    }

    private Stream<AuditEntry> page(int offset, int limit) {
        Optional<AuditFilter> filter = filter();
        if (filter.isEmpty()) {
            return Stream.empty();
        }
        var start = cursors.floorEntry(offset);
        int position = start == null ? 0 : start.getKey();
        AuditEntry.AuditCursor cursor = start == null ? null : start.getValue();
        List<AuditEntry> rows = new ArrayList<>();
        while (rows.size() < limit) {
            int wantedNow = Math.min(AuditLog.MAX_PAGE, position < offset ? offset - position : limit - rows.size());
            AuditPage page = audit.entries(filter.get(), cursor, wantedNow);
            if (position >= offset) {
                rows.addAll(page.entries());
            }
            position += page.entries().size();
            cursor = page.next();
            if (cursor == null || page.entries().isEmpty()) {
                break;
            }
            cursors.put(position, cursor);
        }
        return rows.stream();
    }

    /** The filter the fields say; empty (and the field marked) while the workspace id is not one. */
    private Optional<AuditFilter> filter() {
        UUID workspaceId = null;
        String typed = workspace.getValue().strip();
        workspace.setInvalid(false);
        if (!typed.isEmpty()) {
            try {
                workspaceId = UUID.fromString(typed);
            } catch (IllegalArgumentException notAnId) {
                workspace.setInvalid(true);
                return Optional.empty();
            }
        }
        ZoneId zone = ZoneId.systemDefault();
        LocalDate fromDay = from.getValue();
        LocalDate toDay = to.getValue();
        return Optional.of(new AuditFilter(actions.getValue(), actor.getValue(), workspaceId,
                fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
                // The day chosen is included: entries before the start of the next.
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private static String details(Map<String, Object> details) {
        return details.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }
}
