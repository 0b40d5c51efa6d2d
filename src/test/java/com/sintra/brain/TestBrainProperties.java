package com.sintra.brain;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** BrainProperties as the application binds them: documented defaults, plus the overrides given. */
final class TestBrainProperties {

    private TestBrainProperties() {
    }

    static BrainProperties with(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("sintra.brain", BrainProperties.class);
    }
}
