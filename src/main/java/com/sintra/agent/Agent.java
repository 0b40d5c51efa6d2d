package com.sintra.agent;

import java.math.BigDecimal;
import java.time.Instant;

import com.sintra.workspace.WorkspaceId;

public record Agent(AgentId id, WorkspaceId workspaceId, String name, String roleDescription, String systemPrompt,
                    String model, BigDecimal temperature, int maxTokens, String avatarColor, int version,
                    boolean archived, Instant createdAt) {
}
