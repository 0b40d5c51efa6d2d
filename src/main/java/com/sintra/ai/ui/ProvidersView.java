package com.sintra.ai.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sintra.ai.AiProvider;
import com.sintra.ai.AiProviderDraft;
import com.sintra.ai.AiProviderId;
import com.sintra.ai.AiProviderKind;
import com.sintra.ai.AiProviders;
import com.sintra.ai.CircuitStatus;
import com.sintra.ai.ConnectionCheck;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * The AI providers agents are answered by: the one from the environment (read-only here) and those added by
 * administrators, each with its circuit's state. Keys are typed, never shown again (docs/decisions/0025).
 */
@Route("admin/providers")
@PageTitle("AI providers · Sintra")
@Menu(title = "AI providers", order = 92)
@RolesAllowed("ADMIN")
class ProvidersView extends VerticalLayout {

    private final AiProviders providers;
    private final Grid<AiProvider> grid = new Grid<>(AiProvider.class, false);
    private Map<String, CircuitStatus> circuits = Map.of();
    private Map<AiProviderId, String> names = Map.of();

    ProvidersView(AiProviders providers) {
        this.providers = providers;
        setSizeFull();
        Button create = new Button("New provider", e -> openDialog(null));
        create.setId("new-provider");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("AI providers"), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);
        add(header);
        if (!providers.canStoreKeys()) {
            Paragraph warning = new Paragraph("SINTRA_SECRET_KEY is not set, so API keys cannot be saved. Generate one "
                    + "with `openssl rand -base64 32`, set it in the environment and restart Sintra.");
            warning.setId("secret-key-missing");
            add(warning);
        }

        grid.addColumn(p -> p.name() + (p.fromEnvironment() ? " (environment)" : "")).setHeader("Name").setKey("name")
                .setAutoWidth(true);
        grid.addColumn(p -> p.kind().label()).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(AiProvider::baseUrl).setHeader("Base URL").setAutoWidth(true);
        grid.addColumn(p -> p.keySet() ? "Set" : "Not set").setHeader("API key");
        grid.addComponentColumn(this::circuit).setHeader("Circuit").setKey("circuit");
        grid.addColumn(p -> p.fallbackId() == null ? "" : names.getOrDefault(p.fallbackId(), "")).setHeader("Fallback");
        grid.addColumn(p -> p.enabled() ? "Yes" : "No").setHeader("Enabled");
        grid.addComponentColumn(this::actions).setKey("actions").setAutoWidth(true);
        grid.setSizeFull();
        add(grid);
        refresh();
    }

    private void refresh() {
        List<AiProvider> all = providers.list();
        names = all.stream().filter(p -> !p.fromEnvironment())
                .collect(Collectors.toMap(AiProvider::id, AiProvider::name));
        circuits = providers.circuits().stream().collect(Collectors.toMap(CircuitStatus::provider, Function.identity(), (a, b) -> a));
        grid.setItems(all);
    }

    private Span circuit(AiProvider provider) {
        CircuitStatus status = circuits.get(provider.name());
        String state = status == null ? "UNKNOWN" : status.state();
        Span badge = new Span(switch (state) {
            case "CLOSED" -> "Closed";
            case "HALF_OPEN" -> "Half open";
            case "OPEN", "FORCED_OPEN" -> "Open";
            default -> state;
        });
        badge.getElement().getThemeList().add(switch (state) {
            case "CLOSED" -> "badge success";
            case "OPEN", "FORCED_OPEN" -> "badge error";
            default -> "badge contrast";
        });
        if (status != null && status.failureRate() >= 0) {
            badge.setTitle(String.format("%.0f%% failed, %.0f%% slow of %d calls", status.failureRate(),
                    status.slowCallRate(), status.bufferedCalls()));
        }
        return badge;
    }

    private FlexLayout actions(AiProvider provider) {
        FlexLayout actions = new FlexLayout();
        if (!provider.fromEnvironment()) {
            Button edit = new Button("Edit", e -> openDialog(provider));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            Button delete = new Button("Delete", e -> confirmDelete(provider));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(edit, delete);
        }
        Button reset = new Button("Reset circuit", e -> {
            providers.resetCircuit(provider.id());
            Notifications.success("Circuit of " + provider.name() + " closed");
            refresh();
        });
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        actions.add(reset);
        actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        actions.getStyle().set("gap", "var(--lumo-space-xs)");
        return actions;
    }

    private void confirmDelete(AiProvider provider) {
        Confirmations.confirmDangerous("Delete " + provider.name() + "?",
                "Agents that use it are answered by the default provider from now on, and providers that fall back "
                        + "to it no longer have a fallback. Its stored key is gone for good.",
                "Delete", () -> {
                    providers.delete(provider.id());
                    Notifications.success("Provider " + provider.name() + " deleted");
                    refresh();
                });
    }

    /** A new provider (null) or an edit; the key field stays empty: a stored key is never shown. */
    private void openDialog(AiProvider editing) {
        TextField name = new TextField("Name");
        name.setId("provider-name");
        name.setMaxLength(60);
        Select<AiProviderKind> kind = new Select<>();
        kind.setId("provider-kind");
        kind.setLabel("Kind");
        kind.setItems(AiProviderKind.values());
        kind.setItemLabelGenerator(AiProviderKind::label);
        TextField baseUrl = new TextField("Base URL");
        baseUrl.setId("provider-base-url");
        baseUrl.setHelperText("Like https://api.openai.com/v1, http://localhost:11434 or https://api.anthropic.com");
        PasswordField apiKey = new PasswordField("API key");
        apiKey.setId("provider-api-key");
        Checkbox removeKey = new Checkbox("Remove the stored key");
        removeKey.setId("provider-remove-key");
        ComboBox<String> defaultModel = new ComboBox<>("Default model");
        defaultModel.setId("provider-default-model");
        defaultModel.setAllowCustomValue(true);
        defaultModel.addCustomValueSetListener(e -> {
            defaultModel.setItems(List.of(e.getDetail()));
            defaultModel.setValue(e.getDetail());
        });
        defaultModel.setHelperText("For agents that name none, and when it stands in for another provider");
        ComboBox<AiProvider> fallback = new ComboBox<>("Fallback while its circuit is open");
        fallback.setId("provider-fallback");
        fallback.setItemLabelGenerator(AiProvider::name);
        fallback.setClearButtonVisible(true);
        fallback.setItems(providers.list().stream().filter(p -> !p.fromEnvironment())
                .filter(p -> editing == null || !p.id().equals(editing.id())).toList());
        IntegerField requestsPerSecond = new IntegerField("Requests per second");
        requestsPerSecond.setId("provider-rps");
        requestsPerSecond.setMin(1);
        IntegerField maxConcurrentCalls = new IntegerField("Calls at once");
        maxConcurrentCalls.setId("provider-concurrent");
        maxConcurrentCalls.setMin(1);
        Checkbox enabled = new Checkbox("Enabled");
        enabled.setId("provider-enabled");

        if (editing == null) {
            kind.setValue(AiProviderKind.OPENAI_COMPATIBLE);
            requestsPerSecond.setValue(10);
            maxConcurrentCalls.setValue(20);
            enabled.setValue(true);
            apiKey.setHelperText("Not needed for Ollama");
            removeKey.setVisible(false);
        } else {
            name.setValue(editing.name());
            kind.setValue(editing.kind());
            baseUrl.setValue(editing.baseUrl());
            if (!editing.defaultModel().isBlank()) {
                defaultModel.setItems(List.of(editing.defaultModel()));
                defaultModel.setValue(editing.defaultModel());
            }
            fallback.setValue(fallback.getListDataView().getItems()
                    .filter(p -> Objects.equals(p.id(), editing.fallbackId())).findFirst().orElse(null));
            requestsPerSecond.setValue(editing.requestsPerSecond());
            maxConcurrentCalls.setValue(editing.maxConcurrentCalls());
            enabled.setValue(editing.enabled());
            apiKey.setHelperText(editing.keySet() ? "Set: leave empty to keep it" : "Not set");
            removeKey.setVisible(editing.keySet());
        }

        Dialog dialog = new Dialog(editing == null ? "New AI provider" : "Edit " + editing.name());
        dialog.setWidth("36rem");
        dialog.setMaxWidth("100%");
        Span testResult = new Span();
        testResult.setId("provider-test-result");
        FormLayout form = new FormLayout(name, kind, baseUrl, apiKey, removeKey, defaultModel, fallback,
                requestsPerSecond, maxConcurrentCalls, enabled);
        VerticalLayout content = new VerticalLayout(form, testResult);
        content.setPadding(false);
        dialog.add(content);

        java.util.function.Supplier<AiProviderDraft> draft = () -> new AiProviderDraft(name.getValue(), kind.getValue(),
                baseUrl.getValue(), apiKey.getValue(), removeKey.getValue(), defaultModel.getValue(),
                fallback.getValue() == null ? null : fallback.getValue().id(),
                requestsPerSecond.getValue() == null ? 0 : requestsPerSecond.getValue(),
                maxConcurrentCalls.getValue() == null ? 0 : maxConcurrentCalls.getValue(), enabled.getValue());
        Button test = new Button("Test connection", e -> {
            ConnectionCheck check = providers.testConnection(editing == null ? null : editing.id(), draft.get());
            testResult.setText(check.message() + (check.models().isEmpty() ? ""
                    : ": " + String.join(", ", check.models().subList(0, Math.min(8, check.models().size())))
                    + (check.models().size() > 8 ? "…" : "")));
            testResult.getElement().getThemeList().set("badge", true);
            testResult.getElement().getThemeList().set("success", check.ok());
            testResult.getElement().getThemeList().set("error", !check.ok());
            if (check.ok()) {
                String chosen = defaultModel.getValue();
                defaultModel.setItems(check.models());
                if (chosen != null && !chosen.isBlank()) {
                    defaultModel.setValue(chosen);
                }
            }
        });
        test.setId("provider-test");
        FieldErrors errors = new FieldErrors().field("name", name).field("kind", kind).field("baseUrl", baseUrl)
                .field("apiKey", apiKey).field("defaultModel", defaultModel).field("fallbackId", fallback)
                .field("requestsPerSecond", requestsPerSecond).field("maxConcurrentCalls", maxConcurrentCalls);
        Button save = new Button(editing == null ? "Add" : "Save", e -> {
            if (errors.attempt(() -> {
                if (editing == null) {
                    providers.create(draft.get());
                } else {
                    providers.update(editing.id(), draft.get());
                }
            })) {
                Notifications.success("Provider " + name.getValue().strip() + " saved");
                refresh();
                dialog.close();
            }
        });
        save.setId("provider-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(test, new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
