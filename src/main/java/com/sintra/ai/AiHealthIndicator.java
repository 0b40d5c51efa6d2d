package com.sintra.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "ai" in /actuator/health: each provider's circuit, from memory, never a network call. Up while any provider's
 * circuit lets calls through, and with no provider at all (agents answer offline, which is a way of working).
 * Not in the readiness group: a failing provider must not take a node out of the load balancer.
 */
@Component
class AiHealthIndicator implements HealthIndicator {

    private final LiveProviders providers;

    AiHealthIndicator(LiveProviders providers) {
        this.providers = providers;
    }

    @Override
    public Health health() {
        List<LiveProviders.Live> all = providers.all();
        Map<String, Object> details = new LinkedHashMap<>();
        for (LiveProviders.Live provider : all) {
            CircuitStatus status = AiProviders.status(provider);
            details.put(provider.name(), Map.of("kind", provider.provider().kind().name(), "enabled",
                    provider.provider().enabled(), "circuit", status.state()));
        }
        boolean anyAskable = all.isEmpty() || all.stream().anyMatch(LiveProviders.Live::askable);
        return (anyAskable ? Health.up() : Health.down()).withDetails(details).build();
    }
}
