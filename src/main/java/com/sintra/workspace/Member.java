package com.sintra.workspace;

import java.time.Instant;

import com.sintra.account.UserId;

public record Member(UserId userId, String email, String displayName, WorkspaceRole role, Instant since) {
}
