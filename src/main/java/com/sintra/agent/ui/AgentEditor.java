package com.sintra.agent.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.sintra.base.ui.Icons;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiProvider;
import com.sintra.ai.AiProviderId;
import com.sintra.ai.AiProviders;
import com.sintra.ai.ConnectionCheck;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Style;

/**
 * The form beside the agents grid (in its place on a phone): a new agent, or the chosen one. Editors save,
 * duplicate, archive and revert to an earlier version; viewers read, history included. The service checks
 * every value; its refusals are shown at the field.
 */
class AgentEditor extends VerticalLayout {

    private static final String NEW_AGENT_MODEL = "gpt-4o-mini";
    private static final String NEW_AGENT_COLOR = "#3b82f6";
    private static final String COLOR_PATTERN = "^#[0-9a-fA-F]{6}$";

    private final AgentService agents;
    private final BrainService brain;
    private final AiProviders providers;
    private final Workspace workspace;
    private final Consumer<Agent> onChanged;
    private final boolean canEdit;

    private final H3 title = new H3();
    private final CopyableId agentId = new CopyableId("Agent id", null);
    private final TextField name = new TextField("Name");
    private final TextArea roleDescription = new TextArea("Role description");
    private final TextArea systemPrompt = new TextArea("System prompt");
    private final ComboBox<AiProvider> provider = new ComboBox<>("AI provider");
    private final ComboBox<String> model = new ComboBox<>("Model");
    /** Each provider's models as listed once while the form is open: listing is a network call. */
    private final java.util.Map<Optional<AiProviderId>, ConnectionCheck> modelLists = new java.util.HashMap<>();
    private final NumberField temperature = new NumberField("Temperature");
    private final IntegerField maxTokens = new IntegerField("Max tokens");
    private final TextField avatarColor = new TextField("Avatar colour");
    private final Span colorPreview = AgentsView.swatch(NEW_AGENT_COLOR);
    private final MultiSelectComboBox<KnowledgeBase> knowledgeBases = new MultiSelectComboBox<>("Knowledge bases");
    private final Checkbox cacheAnswers = new Checkbox("Cache answers (for deterministic agents)");
    private final Button save = new Button("Save", e -> save());
    private final Button duplicate = new Button("Duplicate", e -> duplicate());
    private final Button archive = new Button("Archive", e -> toggleArchived());
    private final Button history = new Button("History", e -> showHistory());
    private final List<HasValue<?, ?>> fields = List.of(name, roleDescription, systemPrompt, provider, model, temperature,
            maxTokens, avatarColor, knowledgeBases, cacheAnswers);
    private final FieldErrors errors = new FieldErrors().field("name", name).field("roleDescription", roleDescription)
            .field("systemPrompt", systemPrompt).field("providerId", provider).field("model", model).field("temperature", temperature)
            .field("maxTokens", maxTokens).field("avatarColor", avatarColor).field("knowledgeBases", knowledgeBases);

    /** The agent being edited; null while a new one is being written. */
    private Agent agent;
    /** The workspace's knowledge bases when the form was filled, to name those an agent draws on. */
    private List<KnowledgeBase> available = List.of();

    /** {@code onBack} returns to the list where the form takes its place (narrow screens). */
    AgentEditor(AgentService agents, BrainService brain, AiProviders providers, Workspace workspace,
                Consumer<Agent> onChanged, Runnable onBack) {
        this.agents = agents;
        this.brain = brain;
        this.providers = providers;
        this.workspace = workspace;
        this.onChanged = onChanged;
        this.canEdit = workspace.myRole().atLeast(WorkspaceRole.EDITOR);
        setId("agent-editor");
        // Its width lives in the theme (Agents): 28rem beside the list, all of it on a phone. A vertical
        // layout's own inline 100% would beat the theme, so it goes.
        setWidth(null);
        addClassName("sintra-agent-editor");
        setPadding(false);
        setHeightFull();
        getStyle().setOverflow(Style.Overflow.AUTO);
        setAlignItems(Alignment.STRETCH);

        name.setId("agent-name");
        name.setMaxLength(80);
        name.setRequired(true);
        roleDescription.setId("agent-role");
        roleDescription.setMaxLength(500);
        systemPrompt.setId("agent-prompt");
        systemPrompt.setMaxLength(20_000);
        systemPrompt.setMaxHeight("16rem");
        provider.setId("agent-provider");
        provider.setItemLabelGenerator(p -> p.name() + " · " + p.kind().label());
        provider.setPlaceholder("Default provider");
        provider.setClearButtonVisible(true);
        provider.setHelperText("Empty: the default provider");
        provider.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                listModels(e.getValue(), null);
            }
        });
        model.setId("agent-model");
        model.setRequired(true);
        // The provider's list when it can be fetched; any name typed otherwise (or a model it does not list).
        model.setAllowCustomValue(true);
        model.addCustomValueSetListener(e -> {
            String typed = e.getDetail().strip();
            listModels(provider.getValue(), typed);
            model.setValue(typed);
        });
        temperature.setId("agent-temperature");
        temperature.setStep(0.1);
        temperature.setMin(0);
        temperature.setMax(2);
        temperature.setStepButtonsVisible(true);
        maxTokens.setId("agent-max-tokens");
        maxTokens.setMin(1);
        maxTokens.setMax(200_000);
        avatarColor.setId("agent-color");
        avatarColor.setPattern(COLOR_PATTERN);
        avatarColor.setPrefixComponent(colorPreview);
        avatarColor.setHelperText("Like " + NEW_AGENT_COLOR);
        avatarColor.addValueChangeListener(e -> {
            if (e.getValue().strip().matches(COLOR_PATTERN)) {
                colorPreview.getStyle().setBackgroundColor(e.getValue().strip());
            }
        });
        knowledgeBases.setId("agent-knowledge-bases");
        knowledgeBases.setItemLabelGenerator(KnowledgeBase::name);
        cacheAnswers.setId("agent-cache-answers");

        save.setId("save-agent");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        duplicate.setId("duplicate-agent");
        archive.setId("archive-agent");
        history.setId("agent-history");
        agentId.setId("agent-id");
        HorizontalLayout buttons = new HorizontalLayout(save, duplicate, archive, history);
        buttons.addClassName("sintra-agent-row");

        Button back = new Button("Back to agents", Icons.BACK.create(), e -> onBack.run());
        back.setId("agent-back");
        back.addClassName("sintra-agent-back");
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout sampling = new HorizontalLayout(temperature, maxTokens);
        sampling.addClassName("sintra-agent-row");
        sampling.expand(temperature, maxTokens);
        add(back, title, agentId, name, roleDescription, systemPrompt, provider, model, sampling, avatarColor, knowledgeBases,
                cacheAnswers, buttons);
        editNew();
    }

    /** Empties the form for a new agent. */
    void editNew() {
        edit(null);
    }

    /** Shows the agent; read-only for viewers and while it is archived. */
    void edit(Agent shown) {
        agent = shown;
        available = brain.knowledgeBases(workspace.id());
        knowledgeBases.setItems(available);
        List<AiProvider> choices = providers.choices();
        provider.setItems(choices);
        provider.setValue(shown == null || shown.providerId() == null ? null
                : choices.stream().filter(p -> shown.providerId().equals(p.id())).findFirst().orElse(null));
        String current = shown == null ? NEW_AGENT_MODEL : shown.model();
        listModels(provider.getValue(), current);
        agentId.setId(shown == null ? null : shown.id());
        if (shown == null) {
            title.setText("New agent");
            name.clear();
            roleDescription.clear();
            systemPrompt.clear();
            model.setValue(current);
            temperature.setValue(0.7);
            maxTokens.setValue(1024);
            avatarColor.setValue(NEW_AGENT_COLOR);
            cacheAnswers.setValue(false);
            knowledgeBases.clear();
        } else {
            title.setText(shown.name() + " · version " + shown.version() + (shown.archived() ? " · archived" : ""));
            name.setValue(shown.name());
            roleDescription.setValue(shown.roleDescription());
            systemPrompt.setValue(shown.systemPrompt());
            model.setValue(current);
            temperature.setValue(shown.temperature().doubleValue());
            maxTokens.setValue(shown.maxTokens());
            avatarColor.setValue(shown.avatarColor());
            cacheAnswers.setValue(shown.cacheAnswers());
            knowledgeBases.setValue(available.stream().filter(kb -> shown.knowledgeBases().contains(kb.id())).toList());
        }
        errors.attempt(() -> { }); // clears the messages of an earlier attempt
        boolean editable = canEdit && (shown == null || !shown.archived());
        fields.forEach(field -> field.setReadOnly(!editable));
        save.setVisible(editable);
        duplicate.setVisible(editable && shown != null);
        archive.setVisible(canEdit && shown != null);
        archive.setText(shown != null && shown.archived() ? "Restore" : "Archive");
        history.setVisible(shown != null);
    }

    private void save() {
        AgentDraft draft = new AgentDraft(name.getValue(), roleDescription.getValue(), systemPrompt.getValue(),
                model.getValue() == null ? "" : model.getValue(), temperature.getValue() == null ? null : BigDecimal.valueOf(temperature.getValue()),
                maxTokens.getValue() == null ? 0 : maxTokens.getValue(), avatarColor.getValue(),
                cacheAnswers.getValue(), knowledgeBases.getValue().stream().map(KnowledgeBase::id).toList(),
                provider.getValue() == null ? null : provider.getValue().id());
        if (agent == null) {
            if (changed(() -> Optional.of(agents.create(workspace.id(), draft))) == Outcome.STORED) {
                Notifications.success("Agent " + agent.name() + " saved");
            }
            return;
        }
        AgentId id = agent.id();
        switch (changed(() -> agents.update(id, draft) ? Optional.of(id) : Optional.empty())) {
            case STORED -> Notifications.success("Agent " + agent.name() + " saved as version " + agent.version());
            case UNCHANGED -> unchanged("No changes to save");
            case REFUSED -> { } // shown at the field
        }
    }

    private void duplicate() {
        if (changed(() -> Optional.of(agents.duplicate(agent.id()))) == Outcome.STORED) {
            Notifications.success("Duplicated as " + agent.name());
        }
    }

    /** Archiving is asked first (others lose the agent from their chat picker); restoring is not. */
    private void toggleArchived() {
        AgentId id = agent.id();
        if (agent.archived()) {
            setArchived(id, false);
            return;
        }
        Confirmations.confirmDangerous("Archive " + agent.name() + "?",
                "Its conversations stay, but it leaves the agents list and the chat picker, so nobody can start a "
                        + "new chat with it. You can restore it at any time: tick \"Show archived\", choose it and "
                        + "click Restore.",
                "Archive", () -> setArchived(id, true));
    }

    private void setArchived(AgentId id, boolean archiving) {
        if (changed(() -> {
            agents.setArchived(id, archiving);
            return Optional.of(id);
        }) == Outcome.STORED) {
            Notifications.success(archiving ? "Archived " + agent.name() : "Restored " + agent.name());
        }
    }

    private void showHistory() {
        Agent shown = agent;
        boolean canRevert = canEdit && !shown.archived();
        AgentHistoryDialog[] dialog = new AgentHistoryDialog[1];
        dialog[0] = new AgentHistoryDialog(shown, agents.history(shown.id()), this::knowledgeBaseName, this::providerName,
                canRevert ? version -> revert(shown.id(), version, dialog[0]) : null);
        dialog[0].open();
    }

    private void revert(AgentId id, int version, AgentHistoryDialog dialog) {
        dialog.close();
        switch (changed(() -> agents.revert(id, version) ? Optional.of(id) : Optional.empty())) {
            case STORED -> Notifications.success("Reverted to version " + version + ", saved as version "
                    + agent.version());
            case UNCHANGED -> unchanged("Version " + version + " has the current settings: nothing to revert");
            case REFUSED -> { } // told by the service's message
        }
    }

    /**
     * Fills the model list from the provider (the default one for null), keeping {@code keep} in it; says in the
     * helper text when the list could not be fetched, so the name is typed instead.
     */
    private void listModels(AiProvider chosen, String keep) {
        Optional<AiProviderId> key = Optional.ofNullable(chosen).map(AiProvider::id);
        ConnectionCheck check = modelLists.computeIfAbsent(key, k -> providers.models(k.orElse(null)));
        List<String> items = new ArrayList<>(check.models());
        String kept = keep != null ? keep : model.getValue();
        if (kept != null && !kept.isBlank() && !items.contains(kept)) {
            items.add(0, kept);
        }
        model.setItems(items);
        if (kept != null && !kept.isBlank()) {
            model.setValue(kept);
        }
        model.setHelperText(check.ok() ? null : "Models could not be listed (" + check.message() + "): type the model's name");
    }

    private String providerName(AiProviderId id) {
        if (id == null) {
            return "Default provider";
        }
        return providers.choices().stream().filter(p -> id.equals(p.id())).map(AiProvider::name).findFirst()
                .orElse("A deleted or disabled provider");
    }

    private String knowledgeBaseName(KnowledgeBaseId id) {
        return available.stream().filter(kb -> kb.id().equals(id)).map(KnowledgeBase::name).findFirst()
                .orElse("A deleted knowledge base");
    }

    private static void unchanged(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_END).setId("agent-unchanged");
    }

    private enum Outcome { STORED, UNCHANGED, REFUSED }

    /**
     * Runs the change; when the service stores it, shows the agent it leaves behind and tells the grid.
     * Refusals appear at their field. The change returns empty when it had nothing to store.
     */
    private Outcome changed(Supplier<Optional<AgentId>> change) {
        List<AgentId> stored = new ArrayList<>(1);
        if (!errors.attempt(() -> change.get().ifPresent(stored::add))) {
            return Outcome.REFUSED;
        }
        if (stored.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        Agent after = agents.get(stored.get(0));
        edit(after);
        onChanged.accept(after);
        return Outcome.STORED;
    }
}
