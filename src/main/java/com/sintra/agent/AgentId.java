package com.sintra.agent;

import java.util.UUID;

public record AgentId(UUID value) {

    public AgentId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
