package com.sintra.brain.ui;

import com.sintra.brain.BrainService;
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
        selectedWorkspace.current().ifPresentOrElse(this::show,
                () -> add(new H2("Brain"), new Paragraph("Create or choose a workspace first: its brain appears here.")));
    }

    private void show(Workspace workspace) {
        KnowledgeBasePicker knowledgeBases = new KnowledgeBasePicker(brain, workspace);
        TabSheet tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.add("Search", new SearchPanel(brain, workspace, knowledgeBases));
        tabs.add("Documents", new DocumentsPanel(brain, workspace, knowledgeBases));
        tabs.add("Add documents", new AddDocumentsPanel(brain, workspace, knowledgeBases));
        add(new H2("Brain · " + workspace.name()), knowledgeBases, tabs);
        expand(tabs);
    }
}
