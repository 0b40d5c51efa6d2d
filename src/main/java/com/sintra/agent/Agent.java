package com.sintra.agent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import com.sintra.ai.AiProviderId;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;

/**
 * A stored agent. {@code version} counts its edits, so an answer can say which settings produced it.
 * {@code providerId} null: the default AI provider.
 */
public record Agent(AgentId id, WorkspaceId workspaceId, String name, String roleDescription, String systemPrompt,
                    String model, BigDecimal temperature, int maxTokens, String avatarColor, boolean cacheAnswers,
                    List<KnowledgeBaseId> knowledgeBases, int version, boolean archived, Instant createdAt,
                    Instant updatedAt, AiProviderId providerId) {

    public Agent {
        knowledgeBases = List.copyOf(knowledgeBases);
    }

    /**
     * True when storing the (checked) draft would change nothing: a save without changes must not make a
     * new version. Knowledge bases compare as a set; their order means nothing.
     */
    boolean hasSettings(AgentDraft draft) {
        return name.equals(draft.name()) && roleDescription.equals(draft.roleDescription())
                && systemPrompt.equals(draft.systemPrompt()) && model.equals(draft.model())
                && java.util.Objects.equals(providerId, draft.providerId())
                && temperature.compareTo(draft.temperature()) == 0 && maxTokens == draft.maxTokens()
                && avatarColor.equals(draft.avatarColor()) && cacheAnswers == draft.cacheAnswers()
                && new HashSet<>(knowledgeBases).equals(new HashSet<>(draft.knowledgeBases()));
    }

    Agent withKnowledgeBases(List<KnowledgeBaseId> knowledgeBases) {
        return new Agent(id, workspaceId, name, roleDescription, systemPrompt, model, temperature, maxTokens,
                avatarColor, cacheAnswers, knowledgeBases, version, archived, createdAt, updatedAt, providerId);
    }
}
