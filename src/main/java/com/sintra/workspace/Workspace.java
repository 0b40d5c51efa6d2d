package com.sintra.workspace;

import java.time.Instant;

/** A workspace as one of its members sees it. */
public record Workspace(WorkspaceId id, String name, String description, boolean archived, Instant createdAt,
                        WorkspaceRole myRole, int memberCount) {
}
