package com.sintra.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.listbox.ListBox;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.menu.MenuConfiguration;

/** Ctrl/Cmd+K: type a few letters of a view or workspace and jump there. */
class CommandPalette {

    record Target(String label, String path) {
    }

    private final WorkspaceService workspaces;
    private final Dialog dialog = new Dialog();
    private final TextField filter = new TextField();
    private final ListBox<Target> results = new ListBox<>();
    private List<Target> targets = List.of();

    CommandPalette(WorkspaceService workspaces) {
        this.workspaces = workspaces;
        dialog.setHeaderTitle("Go to…");
        dialog.setWidth("32rem");
        filter.setPlaceholder("View or workspace");
        filter.setWidthFull();
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(e -> showMatches());
        filter.addKeyPressListener(Key.ENTER, e -> firstMatch().ifPresent(this::go));
        results.setItemLabelGenerator(Target::label);
        results.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                go(e.getValue());
            }
        });
        dialog.add(filter, results);
    }

    Button opener() {
        // On a phone only the icon shows (styles.css hides the label); the accessible name stays.
        Button button = new Button("Go to… (Ctrl+K)", VaadinIcon.SEARCH.create(), e -> open());
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
        targets = all;
        filter.clear();
        showMatches();
        dialog.open();
        filter.focus();
    }

    List<Target> matches() {
        String needle = filter.getValue().strip().toLowerCase(Locale.ROOT);
        return targets.stream().filter(t -> t.label().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    private java.util.Optional<Target> firstMatch() {
        return matches().stream().findFirst();
    }

    private void showMatches() {
        results.setItems(matches());
    }

    private void go(Target target) {
        dialog.close();
        UI.getCurrent().navigate(target.path());
    }
}
