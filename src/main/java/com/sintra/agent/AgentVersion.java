package com.sintra.agent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.sintra.ai.AiProviderId;
import com.sintra.brain.KnowledgeBaseId;

/**
 * One stored version of an agent: its settings as they were saved, by whom and when. Versions are never
 * changed once stored; reverting stores a new version with an old one's settings.
 */
public record AgentVersion(AgentId agentId, int version, String name, String roleDescription, String systemPrompt,
                           String model, BigDecimal temperature, int maxTokens, String avatarColor,
                           boolean cacheAnswers, List<KnowledgeBaseId> knowledgeBases, String savedBy,
                           Instant savedAt, AiProviderId providerId) {

    public AgentVersion {
        knowledgeBases = List.copyOf(knowledgeBases);
    }

    /** These settings as an edit, to store them again, without the knowledge bases that no longer exist. */
    AgentDraft draft(Set<KnowledgeBaseId> existingKnowledgeBases) {
        return new AgentDraft(name, roleDescription, systemPrompt, model, temperature, maxTokens, avatarColor,
                cacheAnswers, knowledgeBases.stream().filter(existingKnowledgeBases::contains).toList(), providerId);
    }
}
