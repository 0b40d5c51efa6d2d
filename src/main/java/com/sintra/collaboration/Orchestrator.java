package com.sintra.collaboration;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiGateway;
import com.sintra.ai.ChatChunk;
import com.sintra.ai.ChatPrompt;
import com.sintra.brain.BrainService;
import com.sintra.brain.Embedding;
import com.sintra.brain.KnowledgeBase;

/**
 * Chooses who speaks next in an orchestrated collaboration: the agent whose role and knowledge best fit the
 * latest messages. With a model it asks the model, in a short selection prompt through the gateway (as
 * AutoGen's selector group chat does); without one, or if its reply names no candidate, it takes the agent
 * whose description (role and knowledge bases) is closest in meaning to the latest messages, by the brain's
 * embeddings (docs/decisions/0020-agent-turns.md).
 */
@Component
class Orchestrator {

    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);
    static final String SELECTION_QUESTION = "Who should speak next?";
    /** The latest messages the choice is made on. */
    private static final int LATEST = 3;
    private static final int MESSAGE_CHARACTERS = 1500;
    private static final Duration SELECTION_TIMEOUT = Duration.ofSeconds(20);

    private final AiGateway gateway;
    private final AgentService agents;
    private final BrainService brain;
    private final Transcript transcript;

    Orchestrator(AiGateway gateway, AgentService agents, BrainService brain, Transcript transcript) {
        this.gateway = gateway;
        this.agents = agents;
        this.brain = brain;
        this.transcript = transcript;
    }

    /** One of {@code candidates} (two or more, agents taking part). */
    Participant choose(Collaboration collaboration, List<Participant> candidates, List<CollaborationMessage> recent) {
        Map<Participant, String> profiles = profiles(collaboration, candidates);
        String latest = latest(recent, collaboration);
        if (gateway.offlineReason().isEmpty()) {
            try {
                Optional<Participant> chosen = askModel(collaboration, profiles, recent);
                if (chosen.isPresent()) {
                    return chosen.get();
                }
            } catch (RuntimeException unavailable) {
                log.info("The model could not choose the next speaker ({}): choosing by similarity", unavailable.getMessage());
            }
        }
        return closest(profiles, latest);
    }

    /** The candidate whose profile is closest in meaning to the latest messages; the first on a tie. */
    Participant closest(Map<Participant, String> profiles, String latest) {
        Embedding topic = brain.embedQuery(latest);
        return profiles.entrySet().stream()
                .max(Comparator.comparingDouble(e -> brain.embedQuery(e.getValue()).similarity(topic)))
                .map(Map.Entry::getKey).orElseThrow();
    }

    private Optional<Participant> askModel(Collaboration collaboration, Map<Participant, String> profiles,
                                           List<CollaborationMessage> recent) {
        StringBuilder system = new StringBuilder("""
                You choose who speaks next in a collaboration between people and AI agents. Pick the one agent \
                whose role and knowledge best fit the latest messages. Reply with that agent's name only.
                """);
        if (!collaboration.goal().isBlank()) {
            system.append("\nThe goal: ").append(collaboration.goal().strip()).append('\n');
        }
        system.append("\nThe agents:\n");
        profiles.values().forEach(profile -> system.append("- ").append(profile).append('\n'));
        StringBuilder conversation = new StringBuilder("The latest messages:\n");
        spoken(recent, LATEST * 2).forEach(m -> conversation.append(m.authorName()).append(": ").append(cut(m.content())).append('\n'));
        conversation.append('\n').append(SELECTION_QUESTION);
        ChatPrompt prompt = new ChatPrompt("", system.toString().strip(), List.of(), conversation.toString(), 0, 20,
                null, new ChatPrompt.Attribution(collaboration.workspaceId().value(), null));
        ChatChunk answer = gateway.answer(prompt, SELECTION_TIMEOUT);
        transcript.spent(collaboration.id(), answer.usage());
        String reply = answer.text();
        List<Mentions.Candidate> names = profiles.keySet().stream()
                .map(p -> new Mentions.Candidate(p.agent(), p.name(), true)).toList();
        Map<com.sintra.agent.AgentId, Participant> byId = profiles.keySet().stream()
                .collect(Collectors.toMap(Participant::agent, Function.identity()));
        // The reply is a bare name: read it as if it were "@name".
        return Mentions.in("@" + reply.strip(), names).stream().findFirst()
                .map(c -> byId.get(c.agent()));
    }

    /** Each candidate as "name: role. Knows: knowledge base — description; …", in the candidates' order. */
    private Map<Participant, String> profiles(Collaboration collaboration, List<Participant> candidates) {
        Map<com.sintra.brain.KnowledgeBaseId, KnowledgeBase> bases = brain.knowledgeBases(collaboration.workspaceId())
                .stream().collect(Collectors.toMap(KnowledgeBase::id, Function.identity()));
        Map<Participant, String> profiles = new java.util.LinkedHashMap<>();
        for (Participant candidate : candidates) {
            Agent agent = agents.get(candidate.agent());
            StringBuilder profile = new StringBuilder(agent.name());
            if (!agent.roleDescription().isBlank()) {
                profile.append(": ").append(agent.roleDescription().strip());
            }
            String knows = agent.knowledgeBases().stream().map(bases::get).filter(java.util.Objects::nonNull)
                    .map(kb -> kb.description() == null || kb.description().isBlank() ? kb.name()
                            : kb.name() + " — " + kb.description().strip())
                    .collect(Collectors.joining("; "));
            if (!knows.isEmpty()) {
                profile.append(". Knows: ").append(knows);
            }
            profiles.put(candidate, profile.toString());
        }
        return profiles;
    }

    /** The latest messages' text (the goal when there are none): what the next speaker should fit. */
    private static String latest(List<CollaborationMessage> recent, Collaboration collaboration) {
        String text = spoken(recent, LATEST).stream().map(m -> cut(m.content())).collect(Collectors.joining("\n"));
        return text.isBlank() ? collaboration.title() + ". " + collaboration.goal() : text;
    }

    /** The last {@code count} messages people and agents wrote (no notices, nothing still empty), oldest first. */
    static List<CollaborationMessage> spoken(List<CollaborationMessage> recent, int count) {
        List<CollaborationMessage> spoken = recent.stream()
                .filter(m -> m.kind() == CollaborationMessage.Kind.MESSAGE && !m.content().isBlank()).toList();
        return spoken.subList(Math.max(0, spoken.size() - count), spoken.size());
    }

    private static String cut(String text) {
        return text.length() <= MESSAGE_CHARACTERS ? text : text.substring(0, MESSAGE_CHARACTERS);
    }
}
