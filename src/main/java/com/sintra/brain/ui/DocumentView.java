package com.sintra.brain.ui;

import com.sintra.base.NotFoundException;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.Plural;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentChunk;
import com.sintra.brain.DocumentId;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import jakarta.annotation.security.PermitAll;

/** One document: what it is and its passages, in order. Only members of its workspace can open it. */
@Route("brain/documents/:documentId")
@PermitAll
class DocumentView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final BrainService brain;
    private BrainDocument document;
    /** The passage a link pointed at (an answer's citation), shown selected and scrolled to. */
    private Integer passage;

    DocumentView(BrainService brain) {
        this.brain = brain;
        setSizeFull();
    }

    static RouteParameters parameters(DocumentId id) {
        return new RouteParameters("documentId", id.toString());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            DocumentId id = event.getRouteParameters().get("documentId").flatMap(DocumentId::parse)
                    .orElseThrow(() -> new NotFoundException("Document not found"));
            document = brain.document(id);
            passage = event.getLocation().getQueryParameters().getSingleParameter("passage")
                    .filter(p -> p.matches("\\d{1,9}")).map(Integer::valueOf).orElse(null);
            render();
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "Document not found");
        }
    }

    @Override
    public String getPageTitle() {
        return (document == null ? "Document" : document.title()) + " · Sintra";
    }

    private void render() {
        removeAll();
        Span facts = new Span(document.mediaType() + " · " + DocumentsPanel.size(document.sizeBytes()) + " · "
                + Plural.of(document.chunkCount(), "passage") + (document.active() ? "" : " · deactivated")
                + (document.tags().isEmpty() ? "" : " · tags: " + String.join(", ", document.tags())));
        Span source = new Span("Source: " + document.source());
        Grid<DocumentChunk> chunks = new Grid<>(DocumentChunk.class, false);
        chunks.addColumn(c -> c.position() + 1).setHeader("#").setWidth("4rem").setFlexGrow(0);
        chunks.addColumn(DocumentChunk::content).setHeader("Passage").setFlexGrow(1);
        chunks.addColumn(DocumentChunk::tokenCount).setHeader("Tokens").setWidth("6rem").setFlexGrow(0);
        chunks.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        chunks.setItems(query -> brain.chunks(document.id(), query.getOffset(), query.getLimit()).stream());
        chunks.setSizeFull();
        if (passage != null) {
            chunks.scrollToIndex(passage);
            brain.chunks(document.id(), passage, 1).stream().findFirst().ifPresent(chunks::select);
        }
        add(new HorizontalLayout(new RouterLink("← Brain", BrainView.class)), new H2(document.title()), facts, source,
                new CopyableId("Document id", document.id()), chunks);
        expand(chunks);
    }
}
