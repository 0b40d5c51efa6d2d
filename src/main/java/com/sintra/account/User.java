package com.sintra.account;

import java.time.Instant;

public record User(UserId id, String email, String displayName, Role role, boolean active, Instant createdAt) {
}
