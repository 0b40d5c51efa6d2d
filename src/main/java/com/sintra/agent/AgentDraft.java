package com.sintra.agent;

import java.math.BigDecimal;

/** An agent's editable settings, as a form or the API sends them; checked by {@link AgentService}. */
public record AgentDraft(String name, String roleDescription, String systemPrompt, String model,
                         BigDecimal temperature, int maxTokens, String avatarColor) {
}
