package com.sintra.agent;

import java.math.BigDecimal;
import java.util.List;

import com.sintra.brain.KnowledgeBaseId;

/** An agent's editable settings, as a form or the API sends them; checked by {@link AgentService}. */
public record AgentDraft(String name, String roleDescription, String systemPrompt, String model,
                         BigDecimal temperature, int maxTokens, String avatarColor, boolean cacheAnswers,
                         List<KnowledgeBaseId> knowledgeBases) {
}
