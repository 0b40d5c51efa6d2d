package com.sintra.brain.ui;

import com.sintra.base.ui.Notifications;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.PermitAll;

/** The selected workspace's brain: search it, browse its documents, add new ones. */
@Route("brain")
@PageTitle("Brain · Sintra")
@Menu(title = "Brain", order = 10)
@PermitAll
class BrainView extends VerticalLayout implements BeforeEnterObserver {

    private final BrainService brain;
    private final SelectedWorkspace selectedWorkspace;

    BrainView(BrainService brain, SelectedWorkspace selectedWorkspace) {
        this.brain = brain;
        this.selectedWorkspace = selectedWorkspace;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String requested = event.getLocation().getQueryParameters().getSingleParameter("knowledgeBase").orElse(null);
        selectedWorkspace.current().ifPresentOrElse(workspace -> show(workspace, requested),
                () -> add(new H2("Brain"), new Paragraph("Create or choose a workspace first: its brain appears here.")));
    }

    /** The command palette links a knowledge base as {@code brain?knowledgeBase=<id>}. */
    private void show(Workspace workspace, String requested) {
        KnowledgeBasePicker knowledgeBases = new KnowledgeBasePicker(brain, workspace);
        TabSheet tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.add("Search", new SearchPanel(brain, workspace, knowledgeBases));
        tabs.add("Documents", new DocumentsPanel(brain, workspace, knowledgeBases));
        tabs.add("Add documents", new AddDocumentsPanel(brain, workspace, knowledgeBases));
        add(new H2("Brain · " + workspace.name()), knowledgeBases, tabs);
        expand(tabs);
        // Chosen once the panels listen, so they follow it. Another workspace's knowledge base is not in the picker.
        if (requested != null && !KnowledgeBaseId.parse(requested).map(knowledgeBases::choose).orElse(false)) {
            Notifications.error("No knowledge base with that id in " + workspace.name() + ".");
        }
    }
}
