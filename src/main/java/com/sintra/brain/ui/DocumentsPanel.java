package com.sintra.brain.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.Notifications;
import com.sintra.base.ui.Plural;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.RouterLink;

/**
 * The workspace's documents, newest first. The grid is lazy and of undefined size: it fetches only
 * the rows in view and never counts the table, so a million documents scroll like a hundred.
 */
class DocumentsPanel extends VerticalLayout {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final BrainService brain;
    private final Workspace workspace;
    private final KnowledgeBasePicker knowledgeBases;
    // Deactivated documents are listed beside the active ones, not instead of them: hiding every active
    // document behind a checkbox read as "the documents are gone".
    private final Checkbox showDeactivated = new Checkbox("Include deactivated documents");
    private final Grid<BrainDocument> grid = new Grid<>(BrainDocument.class, false);

    DocumentsPanel(BrainService brain, Workspace workspace, KnowledgeBasePicker knowledgeBases) {
        this.brain = brain;
        this.workspace = workspace;
        this.knowledgeBases = knowledgeBases;
        setPadding(false);
        setSizeFull();
        boolean editor = workspace.myRole().atLeast(WorkspaceRole.EDITOR);

        grid.addComponentColumn(d -> new RouterLink(d.title(), DocumentView.class, DocumentView.parameters(d.id())))
                .setHeader("Title").setFlexGrow(4).setResizable(true);
        grid.addColumn(d -> String.join(", ", d.tags())).setHeader("Tags").setFlexGrow(1);
        grid.addColumn(d -> d.category() == null ? "" : d.category()).setHeader("Category").setFlexGrow(1);
        grid.addColumn(BrainDocument::mediaType).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> size(d.sizeBytes())).setHeader("Size").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(BrainDocument::chunkCount).setHeader("Passages").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.active() ? "Active" : "Deactivated").setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> DATE.format(d.createdAt())).setHeader("Added").setAutoWidth(true).setFlexGrow(0);
        if (editor) {
            grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        grid.setSizeFull();
        grid.setPageSize(100);
        grid.setItems(query -> brain.documents(workspace.id(), knowledgeBases.selected().orElse(null),
                !showDeactivated.getValue(), query.getOffset(), query.getLimit()).stream());
        showDeactivated.setId("include-deactivated");
        showDeactivated.addValueChangeListener(e -> refresh());
        knowledgeBases.onChange(kb -> refresh());
        refresh();
        add(showDeactivated, grid);
    }

    void refresh() {
        grid.setEmptyStateText(emptyStateText());
        grid.getDataProvider().refreshAll();
    }

    /** What an empty grid means under the current filters; never "none yet" when the filters hide some. */
    private String emptyStateText() {
        String where = knowledgeBases.selected().isPresent() ? "in this knowledge base" : "in this workspace";
        return showDeactivated.getValue() ? "No documents " + where + " yet: add some in the Add documents tab."
                : "No active documents " + where + ". Add some in the Add documents tab, or include deactivated ones.";
    }

    private HorizontalLayout actions(BrainDocument document) {
        Button toggle = new Button(document.active() ? "Deactivate" : "Activate", e -> {
            brain.setActive(document.id(), !document.active());
            Notifications.success(document.title() + (document.active() ? " no longer appears in search" : " is searchable again"));
            refresh();
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button("Delete", e -> Confirmations.confirmDangerous("Delete “" + document.title() + "”?",
                "The document and its " + Plural.of(document.chunkCount(), "passage") + " are removed for good.", "Delete", () -> {
                    brain.delete(document.id());
                    Notifications.success(document.title() + " deleted");
                    refresh();
                }));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(toggle, delete);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
