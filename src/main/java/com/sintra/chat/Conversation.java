package com.sintra.chat;

import java.time.Instant;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.workspace.WorkspaceId;

/** A user's conversation with one agent; private to that user. */
public record Conversation(ConversationId id, WorkspaceId workspaceId, AgentId agentId, UserId userId, String title,
                           Instant createdAt, Instant updatedAt) {
}
