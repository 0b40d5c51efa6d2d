package com.sintra.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sintra.base.ui.Icons;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainService;
import com.sintra.chat.ChatService;
import com.sintra.collaboration.CollaborationService;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.menu.MenuConfiguration;

/**
 * Ctrl/Cmd+K: type a few letters of a view, a workspace, or an agent, knowledge base, document or conversation
 * of the selected workspace, move with the arrow keys, open with Enter (Escape closes).
 */
class CommandPalette {

    /** Where an entry leads: a route path and its query parameters. */
    record Target(String label, String path, QueryParameters query) {

        Target(String label, String path) {
            this(label, path, QueryParameters.empty());
        }
    }

    /** Looked up in the database only from this many letters on: one letter matches nearly everything. */
    static final int MIN_LOOKUP = 2;
    /** Entries of each kind from the database: a palette is for jumping, not for browsing. */
    static final int PER_KIND = 5;

    /** The keys the input handles itself, as the browser's filter of its keydown events. */
    static final String KEYS = "['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key)";

    private final WorkspaceService workspaces;
    private final SelectedWorkspace selectedWorkspace;
    private final AgentService agents;
    private final BrainService brain;
    private final ChatService chat;
    private final CollaborationService collaborations;
    private final Dialog dialog = new Dialog();
    private final TextField filter = new TextField();
    private final ListBox<Target> results = new ListBox<>();
    private List<Target> fixed = List.of();
    private List<Target> shown = List.of();

    CommandPalette(WorkspaceService workspaces, SelectedWorkspace selectedWorkspace, AgentService agents,
                   BrainService brain, ChatService chat, CollaborationService collaborations) {
        this.workspaces = workspaces;
        this.selectedWorkspace = selectedWorkspace;
        this.agents = agents;
        this.brain = brain;
        this.chat = chat;
        this.collaborations = collaborations;
        dialog.setHeaderTitle("Go to…");
        dialog.setWidth("32rem");
        dialog.setMaxWidth("100%");
        filter.setId("command-palette-input");
        filter.setPlaceholder("View, workspace, agent, knowledge base, document, conversation, collaboration");
        filter.setAriaLabel("Go to");
        filter.setWidthFull();
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.setValueChangeTimeout(150);
        filter.addValueChangeListener(e -> showMatches());
        // One listener for the three keys, told apart on the server: the arrows move, Enter opens.
        filter.getElement().addEventListener("keydown", e -> key(e.getEventData().getString("event.key")))
                .addEventData("event.key").setFilter(KEYS);
        results.setId("command-palette-results");
        results.setItemLabelGenerator(Target::label);
        results.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                go(e.getValue());
            }
        });
        dialog.add(filter, results);
    }

    Button opener() {
        // On a phone only the icon shows (styles.css hides the label); the accessible name stays.
        Button button = new Button("Go to… (Ctrl+K)", Icons.SEARCH.create(), e -> open());
        button.setId("command-palette");
        button.setAriaLabel("Go to… (Ctrl+K)");
        button.setTooltipText("Go to… (Ctrl+K)");
        button.addClassName("sintra-palette-opener");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    void bindShortcut(Component scope) {
        Shortcuts.addShortcutListener(scope, this::open, Key.KEY_K, KeyModifier.CONTROL);
        Shortcuts.addShortcutListener(scope, this::open, Key.KEY_K, KeyModifier.META);
    }

    void open() {
        List<Target> all = new ArrayList<>();
        MenuConfiguration.getMenuEntries().forEach(e -> all.add(new Target(e.title(), e.path())));
        workspaces.myWorkspaces(false)
                .forEach(w -> all.add(new Target("Workspace: " + w.name(), "workspaces/" + w.id())));
        fixed = all;
        filter.clear();
        showMatches();
        dialog.open();
        filter.focus();
    }

    List<Target> matches() {
        return shown;
    }

    /** The entry Enter opens: the one the arrows moved to, else the first. */
    Target selected() {
        return results.getValue();
    }

    private void key(String key) {
        switch (key) {
            case "ArrowDown" -> move(1);
            case "ArrowUp" -> move(-1);
            case "Enter" -> {
                if (selected() != null) {
                    go(selected());
                }
            }
            default -> {
            }
        }
    }

    private void move(int by) {
        if (shown.isEmpty()) {
            return;
        }
        int at = shown.indexOf(selected());
        results.setValue(shown.get(Math.floorMod(at + by, shown.size())));
    }

    private void showMatches() {
        String needle = filter.getValue().strip().toLowerCase(Locale.ROOT);
        List<Target> matching = new ArrayList<>(
                fixed.stream().filter(t -> t.label().toLowerCase(Locale.ROOT).contains(needle)).toList());
        if (needle.length() >= MIN_LOOKUP) {
            selectedWorkspace.current().ifPresent(workspace -> matching.addAll(found(workspace, needle)));
        }
        shown = matching;
        results.setItems(matching);
        results.setValue(matching.isEmpty() ? null : matching.get(0));
    }

    /** The selected workspace's things whose name contains the letters, each kind read by its own limited query. */
    private List<Target> found(Workspace workspace, String text) {
        List<Target> found = new ArrayList<>();
        agents.agentsMatching(workspace.id(), text, PER_KIND).forEach(a ->
                found.add(new Target("Agent: " + a.name(), "agents", QueryParameters.of("agent", a.id().toString()))));
        brain.knowledgeBasesMatching(workspace.id(), text, PER_KIND).forEach(k -> found.add(
                new Target("Knowledge base: " + k.name(), "brain", QueryParameters.of("knowledgeBase", k.id().toString()))));
        brain.documentsMatching(workspace.id(), text, PER_KIND).forEach(d ->
                found.add(new Target("Document: " + d.title(), "brain/documents/" + d.id())));
        chat.conversationsMatching(workspace.id(), text, PER_KIND).forEach(c ->
                found.add(new Target("Conversation: " + c.title(), "chat/" + c.id())));
        collaborations.collaborationsMatching(workspace.id(), text, PER_KIND).forEach(c -> found.add(new Target(
                "Collaboration: " + c.title(), "collaborations", QueryParameters.of("collaboration", c.id().toString()))));
        return found;
    }

    private void go(Target target) {
        dialog.close();
        UI.getCurrent().navigate(target.path(), target.query());
    }
}
