package com.sintra.agent;

import java.math.BigDecimal;
import java.util.List;

import com.sintra.ai.AiProviderId;
import com.sintra.brain.KnowledgeBaseId;

/**
 * An agent's editable settings, as a form or the API sends them; checked by {@link AgentService}.
 *
 * @param providerId the AI provider that answers it; null: the default one
 */
public record AgentDraft(String name, String roleDescription, String systemPrompt, String model,
                         BigDecimal temperature, int maxTokens, String avatarColor, boolean cacheAnswers,
                         List<KnowledgeBaseId> knowledgeBases, AiProviderId providerId) {

    /** Settings for the default provider. */
    public AgentDraft(String name, String roleDescription, String systemPrompt, String model, BigDecimal temperature,
                      int maxTokens, String avatarColor, boolean cacheAnswers, List<KnowledgeBaseId> knowledgeBases) {
        this(name, roleDescription, systemPrompt, model, temperature, maxTokens, avatarColor, cacheAnswers,
                knowledgeBases, null);
    }
}
