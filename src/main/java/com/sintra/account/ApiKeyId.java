package com.sintra.account;

import java.util.UUID;

public record ApiKeyId(UUID value) {

    public ApiKeyId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
