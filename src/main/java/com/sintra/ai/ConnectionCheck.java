package com.sintra.ai;

import java.util.List;

/** What testing a provider's connection found: its models, or in words why none could be listed. */
public record ConnectionCheck(boolean ok, String message, List<String> models) {

    public ConnectionCheck {
        models = List.copyOf(models);
    }
}
