package com.sintra.brain.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** Which knowledge base the panels work on ("all" for search and browsing), and where new ones are made. */
class KnowledgeBasePicker extends HorizontalLayout {

    private final BrainService brain;
    private final Workspace workspace;
    private final Select<KnowledgeBase> select = new Select<>();
    private final List<Consumer<Optional<KnowledgeBaseId>>> listeners = new ArrayList<>();

    KnowledgeBasePicker(BrainService brain, Workspace workspace) {
        this.brain = brain;
        this.workspace = workspace;
        setAlignItems(FlexComponent.Alignment.BASELINE);
        select.setLabel("Knowledge base");
        select.setId("knowledge-base");
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("All knowledge bases");
        select.setItemLabelGenerator(kb -> kb == null ? "All knowledge bases" : kb.name());
        select.setWidth("20rem");
        select.addValueChangeListener(e -> listeners.forEach(l -> l.accept(selected())));
        add(select);
        if (workspace.myRole().atLeast(WorkspaceRole.EDITOR)) {
            Button create = new Button("New knowledge base", e -> openCreateDialog());
            create.setId("new-knowledge-base");
            create.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(create);
        }
        reload(null);
    }

    Optional<KnowledgeBaseId> selected() {
        return Optional.ofNullable(select.getValue()).map(KnowledgeBase::id);
    }

    void onChange(Consumer<Optional<KnowledgeBaseId>> listener) {
        listeners.add(listener);
    }

    private void reload(KnowledgeBaseId toSelect) {
        List<KnowledgeBase> all = brain.knowledgeBases(workspace.id());
        select.setItems(all);
        all.stream().filter(kb -> kb.id().equals(toSelect)).findFirst().ifPresent(select::setValue);
    }

    private void openCreateDialog() {
        TextField name = new TextField("Name");
        name.setMaxLength(80);
        name.setWidthFull();
        TextArea description = new TextArea("Description");
        description.setMaxLength(500);
        description.setWidthFull();
        Dialog dialog = new Dialog("New knowledge base");
        dialog.add(new VerticalLayout(name, description));
        FieldErrors errors = new FieldErrors().field("name", name).field("description", description);
        Button save = new Button("Create", e -> {
            KnowledgeBaseId[] created = new KnowledgeBaseId[1];
            if (errors.attempt(() -> created[0] = brain.createKnowledgeBase(workspace.id(), name.getValue(), description.getValue()))) {
                Notifications.success("Knowledge base " + name.getValue().strip() + " created");
                dialog.close();
                reload(created[0]);
            }
        });
        save.setId("create-knowledge-base");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}
