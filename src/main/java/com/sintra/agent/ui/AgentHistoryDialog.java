package com.sintra.agent.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

import com.sintra.agent.Agent;
import com.sintra.agent.AgentChange;
import com.sintra.agent.AgentVersion;
import com.sintra.base.ui.Plural;
import com.sintra.brain.KnowledgeBaseId;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/**
 * An agent's versions, newest first: who saved each and when, what it changed against the version before,
 * and (for editors) a button that stores an earlier version's settings as a new version.
 */
class AgentHistoryDialog extends Dialog {

    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** {@code revert} receives the version to go back to; null when the caller may not revert. */
    AgentHistoryDialog(Agent agent, List<AgentVersion> versions, Function<KnowledgeBaseId, String> knowledgeBaseName,
                       Function<com.sintra.ai.AiProviderId, String> providerName, IntConsumer revert) {
        setId("agent-history-dialog");
        setHeaderTitle("History of " + agent.name());
        setWidth("40rem");
        setMaxWidth("100%");
        Button close = new Button("Close", e -> close());
        close.setId("close-agent-history");
        getFooter().add(close);

        add(new Paragraph(Plural.of(versions.size(), "version") + " kept. Reverting stores the old settings as a "
                + "new version; no version is ever changed or removed."));
        for (int i = 0; i < versions.size(); i++) {
            AgentVersion version = versions.get(i);
            AgentVersion previous = i + 1 < versions.size() ? versions.get(i + 1) : null;
            add(entry(version, previous, version.version() == agent.version(), knowledgeBaseName, providerName,
                    revert));
        }
    }

    private Div entry(AgentVersion version, AgentVersion previous, boolean current,
                      Function<KnowledgeBaseId, String> knowledgeBaseName,
                      Function<com.sintra.ai.AiProviderId, String> providerName, IntConsumer revert) {
        Div entry = new Div();
        entry.setId("agent-version-" + version.version());
        entry.addClassName("sintra-agent-version");
        entry.add(new H4("Version " + version.version() + (current ? " (current)" : "")));
        Span byline = new Span("Saved by " + version.savedBy() + " · " + SAVED_AT.format(version.savedAt()));
        byline.addClassName("sintra-muted");
        entry.add(byline);
        if (previous == null) {
            entry.add(new Paragraph(version.version() == 1 ? "The first version."
                    : "The oldest version kept: nothing earlier to compare with."));
        } else {
            List<AgentChange> changes = AgentChange.between(previous, version, knowledgeBaseName, providerName);
            if (changes.isEmpty()) {
                entry.add(new Paragraph("No settings changed."));
            }
            changes.forEach(change -> entry.add(change(change)));
        }
        if (revert != null && !current) {
            Button back = new Button("Revert to this version", e -> revert.accept(version.version()));
            back.setId("revert-agent-" + version.version());
            back.addThemeVariants(ButtonVariant.LUMO_SMALL);
            entry.add(back);
        }
        return entry;
    }

    private static Div change(AgentChange change) {
        Div field = new Div();
        field.addClassName("sintra-agent-change");
        Span label = new Span(change.field());
        label.addClassName("sintra-agent-change-field");
        field.add(label);
        for (AgentChange.Line line : change.lines()) {
            boolean added = line.kind() == AgentChange.Kind.ADDED;
            Div shown = new Div((added ? "+ " : "− ") + line.text());
            shown.addClassName(added ? "sintra-diff-added" : "sintra-diff-removed");
            field.add(shown);
        }
        return field;
    }
}
