package com.sintra.brain.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.base.ui.Plural;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.brain.KnowledgeBaseSize;
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

/**
 * Which knowledge base the panels work on ("all" for search and browsing), its id for the API, and where
 * knowledge bases are made, renamed and deleted (by editors and owners).
 */
class KnowledgeBasePicker extends HorizontalLayout {

    private final BrainService brain;
    private final Workspace workspace;
    private final Select<KnowledgeBase> select = new Select<>();
    private final CopyableId id = new CopyableId("Knowledge base id", null);
    private final Button rename = new Button("Rename", e -> openRenameDialog());
    private final Button delete = new Button("Delete", e -> confirmDelete());
    private final List<Consumer<Optional<KnowledgeBaseId>>> listeners = new ArrayList<>();

    KnowledgeBasePicker(BrainService brain, Workspace workspace) {
        this.brain = brain;
        this.workspace = workspace;
        setWrap(true);
        setWidthFull();
        setAlignItems(FlexComponent.Alignment.BASELINE);
        select.setLabel("Knowledge base");
        select.setId("knowledge-base");
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("All knowledge bases");
        select.setItemLabelGenerator(kb -> kb == null ? "All knowledge bases" : kb.name());
        Wrapping.growing(select, "12rem", "20rem");
        select.addValueChangeListener(e -> {
            showSelected();
            listeners.forEach(l -> l.accept(selected()));
        });
        add(select);
        if (workspace.myRole().atLeast(WorkspaceRole.EDITOR)) {
            Button create = new Button("New knowledge base", e -> openCreateDialog());
            create.setId("new-knowledge-base");
            create.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            rename.setId("rename-knowledge-base");
            rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            delete.setId("delete-knowledge-base");
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            add(create, rename, delete);
        }
        id.setId("knowledge-base-id");
        add(id);
        reload(null);
    }

    /** The id, rename and delete belong to one knowledge base: shown only while one is chosen. */
    private void showSelected() {
        Optional<KnowledgeBaseId> chosen = selected();
        id.setId(chosen.orElse(null));
        rename.setVisible(chosen.isPresent());
        delete.setVisible(chosen.isPresent());
    }

    Optional<KnowledgeBaseId> selected() {
        return Optional.ofNullable(select.getValue()).map(KnowledgeBase::id);
    }

    /** Chooses the knowledge base when it is one of this workspace's; false (and nothing changes) otherwise. */
    boolean choose(KnowledgeBaseId wanted) {
        Optional<KnowledgeBase> found = select.getListDataView().getItems().filter(kb -> kb.id().equals(wanted)).findFirst();
        found.ifPresent(select::setValue);
        return found.isPresent();
    }

    void onChange(Consumer<Optional<KnowledgeBaseId>> listener) {
        listeners.add(listener);
    }

    private void reload(KnowledgeBaseId toSelect) {
        List<KnowledgeBase> all = brain.knowledgeBases(workspace.id());
        select.setItems(all);
        all.stream().filter(kb -> kb.id().equals(toSelect)).findFirst().ifPresent(select::setValue);
        showSelected();
    }

    private void openRenameDialog() {
        KnowledgeBase chosen = select.getValue();
        TextField name = new TextField("Name");
        name.setMaxLength(80);
        name.setWidthFull();
        name.setValue(chosen.name());
        Dialog dialog = new Dialog("Rename knowledge base");
        dialog.add(name);
        FieldErrors errors = new FieldErrors().field("name", name);
        Button save = new Button("Rename", e -> {
            if (errors.attempt(() -> brain.renameKnowledgeBase(chosen.id(), name.getValue()))) {
                Notifications.success("Knowledge base renamed to " + name.getValue().strip());
                dialog.close();
                reload(chosen.id());
            }
        });
        save.setId("save-knowledge-base-name");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void confirmDelete() {
        KnowledgeBase chosen = select.getValue();
        KnowledgeBaseSize size = brain.knowledgeBaseSize(chosen.id());
        Confirmations.confirmDangerous(deleteQuestion(chosen.name(), size),
                "Its documents leave search, and agents using this knowledge base stop using it. This cannot be undone.",
                "Delete", () -> {
                    KnowledgeBaseSize removed = brain.deleteKnowledgeBase(chosen.id());
                    Notifications.success("“" + chosen.name() + "” deleted with " + Plural.of(removed.documents(), "document"));
                    reload(null);
                });
    }

    static String deleteQuestion(String name, KnowledgeBaseSize size) {
        return size.documents() == 0 ? "Delete “" + name + "”? It holds no documents."
                : "Delete “" + name + "” with its " + Plural.of(size.documents(), "document") + " and "
                        + Plural.of(size.passages(), "passage") + "?";
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
