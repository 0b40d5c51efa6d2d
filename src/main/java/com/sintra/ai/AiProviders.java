package com.sintra.ai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.sintra.account.AuditLog;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The AI providers: the one from the environment and those administrators add (docs/decisions/0025). Their API
 * keys are stored encrypted and never returned; every change is audited (never with the key) and rebuilds the
 * provider's client and guards.
 */
@Service
public class AiProviders {

    static final int MAX_LIMIT = 10_000;

    private final ProviderRepository repository;
    private final LiveProviders live;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final AiProperties properties;

    AiProviders(ProviderRepository repository, LiveProviders live, SecretBox secrets, AuditLog audit,
                AiProperties properties) {
        this.repository = repository;
        this.live = live;
        this.secrets = secrets;
        this.audit = audit;
        this.properties = properties;
    }

    /** Every provider, the environment's first. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AiProvider> list() {
        return live.all().stream().map(LiveProviders.Live::provider).toList();
    }

    /** The providers an agent can be given: the enabled ones, the environment's first. */
    @PreAuthorize("isAuthenticated()")
    public List<AiProvider> choices() {
        return live.all().stream().map(LiveProviders.Live::provider).filter(AiProvider::enabled).toList();
    }

    /** Who answers agents that name no provider; empty when none is configured (agents answer offline). */
    @PreAuthorize("isAuthenticated()")
    public Optional<AiProvider> defaultProvider() {
        return live.defaultProvider().map(LiveProviders.Live::provider);
    }

    /** Whether SINTRA_SECRET_KEY is set, so API keys can be stored. */
    public boolean canStoreKeys() {
        return secrets.available();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AiProviderId create(AiProviderDraft draft) {
        AiProviderDraft checked = checked(null, draft, false);
        AiProviderId id = repository.insert(checked, encryptedKey(checked));
        audit.record("ai_provider_created", "ai_provider", id.toString(), null, details(checked));
        reloadAfterCommit();
        return id;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void update(AiProviderId id, AiProviderDraft draft) {
        ProviderRepository.Stored stored = repository.find(id).orElseThrow(AiProviders::notFound);
        AiProviderDraft checked = checked(id, draft, stored.encryptedKey() != null);
        repository.update(id, checked, encryptedKey(checked));
        Map<String, Object> details = details(checked);
        details.put("keyChanged", checked.apiKey() != null || checked.removeKey());
        audit.record("ai_provider_updated", "ai_provider", id.toString(), null, details);
        reloadAfterCommit();
    }

    /** Agents that used it answer through the default provider (the column is set to null). */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void delete(AiProviderId id) {
        ProviderRepository.Stored stored = repository.find(id).orElseThrow(AiProviders::notFound);
        repository.delete(id);
        audit.record("ai_provider_deleted", "ai_provider", id.toString(), null,
                Map.of("name", stored.provider().name()));
        reloadAfterCommit();
    }

    /**
     * Lists the models the settings reach, with a short timeout, never a paid call. With {@code existing}, a blank
     * key in the draft means the stored one.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public ConnectionCheck testConnection(AiProviderId existing, AiProviderDraft draft) {
        if (draft.kind() == null || draft.baseUrl() == null || draft.baseUrl().isBlank()) {
            return new ConnectionCheck(false, "Choose a kind and enter a base URL first", List.of());
        }
        try {
            checkedUrl(draft.baseUrl());
        } catch (InvalidInputException e) {
            return new ConnectionCheck(false, e.getMessage(), List.of());
        }
        String key = draft.apiKey() != null && !draft.apiKey().isBlank() ? draft.apiKey().strip() : "";
        if (key.isEmpty() && existing != null && !draft.removeKey()) {
            key = repository.find(existing).map(ProviderRepository.Stored::encryptedKey)
                    .map(secrets::decrypt).orElse("");
        }
        return check(live.client(draft.kind(), draft.baseUrl().strip(), key));
    }

    /** The models of that provider (null: the default one), for choosing an agent's model. */
    @PreAuthorize("isAuthenticated()")
    public ConnectionCheck models(AiProviderId provider) {
        Optional<LiveProviders.Live> found = provider == null ? live.defaultProvider() : live.find(provider);
        if (found.isEmpty()) {
            return new ConnectionCheck(false, "No AI provider is configured", List.of());
        }
        return check(found.get().client());
    }

    /** Every provider's circuit breaker, for the dashboard. */
    @PreAuthorize("hasRole('ADMIN')")
    public List<CircuitStatus> circuits() {
        return live.all().stream().map(AiProviders::status).toList();
    }

    /** That provider's circuit (null: the environment's), closed again so calls go to it at once. */
    @PreAuthorize("hasRole('ADMIN')")
    public void resetCircuit(AiProviderId provider) {
        LiveProviders.Live found = live.find(provider).orElseThrow(AiProviders::notFound);
        String before = found.guards().circuitBreaker().getState().name();
        found.guards().circuitBreaker().reset();
        audit.record("ai_circuit_reset", "ai_provider", provider == null ? AiProvider.ENVIRONMENT : provider.toString(),
                null, Map.of("name", found.name(), "state", before));
    }

    static CircuitStatus status(LiveProviders.Live provider) {
        CircuitBreaker breaker = provider.guards().circuitBreaker();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return new CircuitStatus(provider.provider().id(), provider.name(), breaker.getState().name(),
                metrics.getFailureRate(), metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(),
                metrics.getNumberOfFailedCalls(), metrics.getNumberOfNotPermittedCalls());
    }

    private ConnectionCheck check(ModelClient client) {
        Duration timeout = properties.connectionTimeout();
        try {
            List<String> models = client.models(timeout).block(timeout.plusSeconds(1));
            models = models == null ? List.of() : models;
            return new ConnectionCheck(true, models.isEmpty() ? "Connected; the provider lists no models"
                    : "Connected; " + models.size() + (models.size() == 1 ? " model" : " models"), models);
        } catch (RuntimeException e) {
            return new ConnectionCheck(false, inWords(e), List.of());
        }
    }

    /** What went wrong, as a person fixing the settings needs to read it. */
    static String inWords(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof WebClientResponseException)
                && !(cause instanceof WebClientRequestException) && !(cause instanceof TimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof WebClientResponseException response) {
            int status = response.getStatusCode().value();
            return switch (status) {
                case 401, 403 -> "The provider refused the API key (" + status + ")";
                case 404 -> "Nothing answers at that address (404): check the base URL";
                default -> "The provider answered " + status;
            };
        }
        if (cause instanceof TimeoutException) {
            return "The provider did not answer in time";
        }
        if (cause instanceof WebClientRequestException request) {
            return "Sintra could not connect to the provider: " + request.getMostSpecificCause().getMessage();
        }
        return "The connection failed: " + e.getMessage();
    }

    // --- checks ------------------------------------------------------------------------------

    private AiProviderDraft checked(AiProviderId id, AiProviderDraft draft, boolean keyStored) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "Enter a name");
        }
        if (name.length() > 60) {
            throw new InvalidInputException("name", "A name can be at most 60 characters");
        }
        if (name.equalsIgnoreCase(AiProvider.ENVIRONMENT)) {
            throw new InvalidInputException("name", "\"environment\" is the name of the provider set in the environment");
        }
        if (repository.nameTaken(name, id)) {
            throw new InvalidInputException("name", "A provider with this name already exists");
        }
        if (draft.kind() == null) {
            throw new InvalidInputException("kind", "Choose a kind");
        }
        String baseUrl = checkedUrl(draft.baseUrl());
        String key = draft.apiKey() == null || draft.apiKey().isBlank() ? null : draft.apiKey().strip();
        if (key != null && key.length() > 1000) {
            throw new InvalidInputException("apiKey", "An API key can be at most 1,000 characters");
        }
        boolean keyAfter = key != null || (keyStored && !draft.removeKey());
        if (draft.kind() == AiProviderKind.ANTHROPIC && !keyAfter) {
            throw new InvalidInputException("apiKey", "Anthropic needs an API key");
        }
        String model = draft.defaultModel() == null ? "" : draft.defaultModel().strip();
        if (model.length() > 200) {
            throw new InvalidInputException("defaultModel", "A model name can be at most 200 characters");
        }
        if (draft.requestsPerSecond() < 1 || draft.requestsPerSecond() > MAX_LIMIT) {
            throw new InvalidInputException("requestsPerSecond", "Between 1 and 10,000 requests a second");
        }
        if (draft.maxConcurrentCalls() < 1 || draft.maxConcurrentCalls() > MAX_LIMIT) {
            throw new InvalidInputException("maxConcurrentCalls", "Between 1 and 10,000 calls at once");
        }
        checkFallback(id, draft.fallbackId());
        return new AiProviderDraft(name, draft.kind(), baseUrl, key, draft.removeKey(), model, draft.fallbackId(),
                draft.requestsPerSecond(), draft.maxConcurrentCalls(), draft.enabled());
    }

    private static String checkedUrl(String value) {
        String url = value == null ? "" : value.strip();
        if (url.isEmpty()) {
            throw new InvalidInputException("baseUrl", "Enter the provider's base URL");
        }
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(url, "not an http(s) address");
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException("baseUrl", "Enter an http:// or https:// address, such as http://localhost:11434");
        }
        if (url.length() > 500) {
            throw new InvalidInputException("baseUrl", "A base URL can be at most 500 characters");
        }
        return url;
    }

    /** The fallback must exist and must not lead back to this provider. */
    private void checkFallback(AiProviderId id, AiProviderId fallback) {
        if (fallback == null) {
            return;
        }
        if (fallback.equals(id)) {
            throw new InvalidInputException("fallbackId", "A provider cannot be its own fallback");
        }
        Map<AiProviderId, AiProviderId> next = new HashMap<>();
        repository.all().forEach(s -> next.put(s.provider().id(), s.provider().fallbackId()));
        if (!next.containsKey(fallback)) {
            throw new InvalidInputException("fallbackId", "That fallback provider does not exist");
        }
        Set<AiProviderId> seen = new HashSet<>();
        for (AiProviderId at = fallback; at != null && seen.add(at); at = next.get(at)) {
            if (at.equals(id)) {
                throw new InvalidInputException("fallbackId", "That fallback falls back to this provider: choose another");
            }
        }
    }

    private byte[] encryptedKey(AiProviderDraft checked) {
        return checked.apiKey() == null ? null : secrets.encrypt(checked.apiKey());
    }

    private static Map<String, Object> details(AiProviderDraft draft) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", draft.name());
        details.put("kind", draft.kind().name());
        details.put("baseUrl", draft.baseUrl());
        details.put("enabled", draft.enabled());
        return details;
    }

    private void reloadAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                live.reload();
            }
        });
    }

    private static NotFoundException notFound() {
        return new NotFoundException("AI provider not found");
    }
}
