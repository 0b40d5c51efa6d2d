package com.sintra.ai;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The providers calls can go to, each with its client and its guards: the one from the environment (never stored,
 * docs/decisions/0025) and the stored ones. Rebuilt from the table when a provider changes, here at once and on
 * the other nodes within {@link #RELOAD_EVERY} (a provider whose row is unchanged keeps its guards and circuit).
 * The table is read on a thread of its own, never on a call's path (which may be a network event loop), except
 * once if a call comes before the application is ready.
 */
@Component
class LiveProviders {

    private static final Logger log = LoggerFactory.getLogger(LiveProviders.class);
    static final java.time.Duration RELOAD_EVERY = java.time.Duration.ofSeconds(30);

    /** A provider ready to be asked. */
    record Live(AiProvider provider, ModelClient client, AiResilience.Guards guards, Instant version) {

        String name() {
            return provider.name();
        }

        /** Enabled and its circuit lets calls through (closed or half open). */
        boolean askable() {
            CircuitBreaker.State state = guards.circuitBreaker().getState();
            return provider.enabled() && state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
        }

        boolean circuitOpen() {
            CircuitBreaker.State state = guards.circuitBreaker().getState();
            return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
        }
    }

    private final AiProperties properties;
    private final AiResilience resilience;
    private final ObjectProvider<ProviderRepository> repository;
    private final SecretBox secrets;
    private final Live environment;
    private volatile Map<AiProviderId, Live> stored = Map.of();
    private volatile boolean loaded;
    private final java.util.concurrent.ScheduledExecutorService reloader;

    LiveProviders(AiProperties properties, AiResilience resilience, ObjectProvider<ProviderRepository> repository,
                  SecretBox secrets) {
        this.properties = properties;
        this.resilience = resilience;
        this.repository = repository;
        this.secrets = secrets;
        this.environment = properties.providerConfigured() ? environment(properties, resilience) : null;
        this.reloader = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sintra-ai-providers");
            thread.setDaemon(true);
            return thread;
        });
    }

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void start() {
        reload();
        reloader.scheduleWithFixedDelay(this::reload, RELOAD_EVERY.toMillis(), RELOAD_EVERY.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        reloader.shutdownNow();
    }

    private static Live environment(AiProperties properties, AiResilience resilience) {
        AiProvider provider = new AiProvider(null, AiProvider.ENVIRONMENT, AiProviderKind.OPENAI_COMPATIBLE,
                properties.baseUrl(), !properties.apiKey().isBlank(), properties.model(), null,
                properties.requestsPerSecond(), properties.maxConcurrentCalls(), true);
        return new Live(provider, new OpenAiCompatibleClient(properties.baseUrl(), properties.apiKey(),
                properties.maxConcurrentCalls(), properties.firstTokenTimeout(), properties.idleTimeout()),
                resilience.build(AiProvider.ENVIRONMENT, properties.requestsPerSecond(), properties.maxConcurrentCalls()),
                Instant.EPOCH);
    }

    /** The environment's provider, then the stored ones in the order they were added. */
    List<Live> all() {
        List<Live> all = new ArrayList<>();
        if (environment != null) {
            all.add(environment);
        }
        all.addAll(storedProviders().values());
        return all;
    }

    /** The provider for calls that name none: the environment's when set, else the first enabled stored one. */
    Optional<Live> defaultProvider() {
        if (environment != null) {
            return Optional.of(environment);
        }
        return storedProviders().values().stream().filter(live -> live.provider().enabled()).findFirst();
    }

    /** That provider; the default one for null or a provider since deleted. */
    Optional<Live> resolve(AiProviderId id) {
        if (id != null) {
            Live live = storedProviders().get(id);
            if (live != null) {
                return Optional.of(live);
            }
        }
        return defaultProvider();
    }

    Optional<Live> find(AiProviderId id) {
        return id == null ? Optional.ofNullable(environment) : Optional.ofNullable(storedProviders().get(id));
    }

    /** The first provider that can be asked: the one given, or along its fallbacks while its circuit is open. */
    Optional<Live> askable(Live primary) {
        Set<String> seen = new HashSet<>();
        Live current = primary;
        while (current != null && seen.add(current.name())) {
            if (current.askable()) {
                return Optional.of(current);
            }
            AiProviderId fallback = current.provider().fallbackId();
            current = fallback == null ? null : storedProviders().get(fallback);
        }
        return Optional.empty();
    }

    private Map<AiProviderId, Live> storedProviders() {
        if (!loaded) {
            reload();
        }
        return stored;
    }

    /** Reads the table again; providers whose row changed get a new client and new guards, deleted ones lose theirs. */
    synchronized void reload() {
        ProviderRepository rows = repository.getIfAvailable();
        loaded = true;
        if (rows == null) {
            return;
        }
        List<ProviderRepository.Stored> current;
        try {
            current = rows.all();
        } catch (RuntimeException e) {
            log.warn("AI providers could not be read, keeping the ones loaded: {}", e.getMessage());
            return;
        }
        Map<AiProviderId, Live> before = stored;
        Map<AiProviderId, Live> after = new LinkedHashMap<>();
        for (ProviderRepository.Stored row : current) {
            Live old = before.get(row.provider().id());
            boolean unchanged = old != null && old.version().equals(row.updatedAt()) && old.name().equals(row.provider().name());
            after.put(row.provider().id(), unchanged ? old : build(row, old));
        }
        before.forEach((id, old) -> {
            Live now = after.get(id);
            if (now == null || !now.name().equals(old.name())) {
                resilience.remove(old.name());
            }
        });
        stored = java.util.Collections.unmodifiableMap(after);
    }

    private Live build(ProviderRepository.Stored row, Live old) {
        if (old != null && !old.name().equals(row.provider().name())) {
            resilience.remove(old.name());
        }
        AiProvider provider = row.provider();
        String key = "";
        if (row.encryptedKey() != null) {
            try {
                key = secrets.decrypt(row.encryptedKey());
            } catch (IllegalStateException e) {
                log.warn("AI provider {}: {}", provider.name(), e.getMessage());
            }
        }
        ModelClient client = switch (provider.kind()) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleClient(provider.baseUrl(), key, provider.maxConcurrentCalls(),
                    properties.firstTokenTimeout(), properties.idleTimeout());
            case ANTHROPIC -> new AnthropicClient(provider.baseUrl(), key, provider.maxConcurrentCalls(),
                    properties.firstTokenTimeout(), properties.idleTimeout());
        };
        return new Live(provider, client, resilience.build(provider.name(), provider.requestsPerSecond(),
                provider.maxConcurrentCalls()), row.updatedAt());
    }

    /** A client for settings not stored yet (testing a connection from the form); unguarded, never a paid call. */
    ModelClient client(AiProviderKind kind, String baseUrl, String key) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleClient(baseUrl, key, 2, properties.firstTokenTimeout(),
                    properties.idleTimeout());
            case ANTHROPIC -> new AnthropicClient(baseUrl, key, 2, properties.firstTokenTimeout(), properties.idleTimeout());
        };
    }
}
