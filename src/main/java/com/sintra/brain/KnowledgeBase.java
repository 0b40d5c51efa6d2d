package com.sintra.brain;

import java.time.Instant;

import com.sintra.workspace.WorkspaceId;

public record KnowledgeBase(KnowledgeBaseId id, WorkspaceId workspaceId, String name, String description,
                            Instant createdAt) {
}
