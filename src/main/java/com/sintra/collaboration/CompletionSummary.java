package com.sintra.collaboration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.sintra.ai.AiGateway;
import com.sintra.ai.ChatChunk;
import com.sintra.ai.ChatPrompt;
import com.sintra.chat.KeySentences;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;

/**
 * Writes the summary a collaboration is completed with: by the model when one can be asked, otherwise (or if
 * it fails) an extractive one — the goal, then the sentences of each agent's answers that say most about it.
 */
@Component
class CompletionSummary {

    private static final Logger log = LoggerFactory.getLogger(CompletionSummary.class);
    static final String EXTRACTIVE_LABEL = "**Summary** (written without a model, from the agents' own sentences)";
    /** The latest messages a summary is written from. */
    private static final int MESSAGES = 100;
    private static final int MESSAGE_CHARACTERS = 2000;
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(60);

    private final CollaborationRepository collaborations;
    private final AiGateway gateway;

    CompletionSummary(CollaborationRepository collaborations, AiGateway gateway) {
        this.collaborations = collaborations;
        this.gateway = gateway;
    }

    /** The summary's text and what the model reported for it (null usage when written without the model). */
    record Summary(String text, ChatChunk.Usage usage) {
    }

    Summary write(Collaboration collaboration) {
        List<CollaborationMessage> messages = new ArrayList<>(
                collaborations.messagesBefore(collaboration.id(), Long.MAX_VALUE, MESSAGES));
        java.util.Collections.reverse(messages);
        List<CollaborationMessage> spoken = messages.stream()
                .filter(m -> m.kind() == Kind.MESSAGE && m.state() != State.STREAMING && !m.content().isBlank()).toList();
        if (gateway.offlineReason().isEmpty() && !spoken.isEmpty()) {
            try {
                ChatChunk summary = byModel(collaboration, spoken);
                if (!summary.text().isBlank()) {
                    return new Summary(summary.text().strip(), summary.usage());
                }
            } catch (RuntimeException unavailable) {
                log.info("The model could not summarise collaboration {} ({}): summarising without it",
                        collaboration.id(), unavailable.getMessage());
            }
        }
        return new Summary(extractive(collaboration, spoken), null);
    }

    private ChatChunk byModel(Collaboration collaboration, List<CollaborationMessage> spoken) {
        String system = """
                You write the closing summary of a collaboration between people and AI agents: what was worked \
                out towards the goal, what was decided, and what is still open. Use short Markdown, at most 200 \
                words, and add nothing that was not said.""";
        StringBuilder transcript = new StringBuilder("Collaboration: ").append(collaboration.title()).append('\n');
        if (!collaboration.goal().isBlank()) {
            transcript.append("Goal: ").append(collaboration.goal().strip()).append('\n');
        }
        transcript.append('\n');
        for (CollaborationMessage message : spoken) {
            String text = message.content();
            transcript.append(message.authorName().isBlank() ? "Someone" : message.authorName()).append(": ")
                    .append(text.length() <= MESSAGE_CHARACTERS ? text : text.substring(0, MESSAGE_CHARACTERS))
                    .append("\n\n");
        }
        transcript.append("Write the summary.");
        ChatPrompt prompt = new ChatPrompt("", system, List.of(), transcript.toString(), 0.2, 600, null,
                new ChatPrompt.Attribution(collaboration.workspaceId().value(), null));
        return gateway.answer(prompt, MODEL_TIMEOUT);
    }

    /** The goal, then per agent (in the order they first answered) its answers' sentences closest to the goal. */
    static String extractive(Collaboration collaboration, List<CollaborationMessage> spoken) {
        String topic = collaboration.goal().isBlank() ? collaboration.title() : collaboration.goal();
        StringBuilder summary = new StringBuilder(EXTRACTIVE_LABEL).append("\n\n**Goal:** ")
                .append(collaboration.goal().isBlank() ? collaboration.title() : collaboration.goal().strip());
        Map<String, StringBuilder> answers = new LinkedHashMap<>();
        for (CollaborationMessage message : spoken) {
            if (message.authorKind() == AuthorKind.AGENT) {
                answers.computeIfAbsent(message.authorName(), name -> new StringBuilder()).append(message.content()).append('\n');
            }
        }
        if (answers.isEmpty()) {
            return summary.append("\n\nNo agent answered.").toString();
        }
        summary.append('\n');
        answers.forEach((agent, text) -> summary.append("\n- **").append(agent.isBlank() ? "An agent" : agent)
                .append(":** ").append(String.join(" ", KeySentences.of(text.toString(), topic))));
        return summary.toString();
    }
}
