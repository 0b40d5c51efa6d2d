package com.sintra.collaboration;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.sintra.agent.AgentId;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;

/**
 * Decides which agent speaks next: one named with @ first, in the order named; otherwise the collaboration's
 * mode. Round-robin takes the agents in the order they joined, after the one that spoke last; mentioned-only
 * leaves them silent; orchestrated asks the {@link Orchestrator} among the agents other than the last speaker
 * (unless it is the only one). Unless named, no agent follows its own answer: with a single agent the run waits
 * for someone else to write instead of letting it answer itself until the turn cap.
 */
@Component
class Speakers {

    private final Orchestrator orchestrator;

    Speakers(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    /**
     * @param agents the participating agents, in the order they joined
     * @param recent the latest messages, oldest first
     * @param named  agents named with @ still to answer; those taken are removed
     */
    Optional<Participant> next(Collaboration collaboration, List<Participant> agents, List<CollaborationMessage> recent,
                               Deque<AgentId> named) {
        while (!named.isEmpty()) {
            AgentId wanted = named.poll();
            Optional<Participant> taking = agents.stream().filter(p -> wanted.equals(p.agent())).findFirst();
            if (taking.isPresent()) {
                return taking;
            }
        }
        if (agents.isEmpty()) {
            return Optional.empty();
        }
        Optional<AgentId> answeredLast = lastSpeaker(recent, false);
        Optional<Participant> chosen = switch (collaboration.mode()) {
            case MENTIONED_ONLY -> Optional.empty();
            case ROUND_ROBIN -> Optional.of(agents.get((indexOf(agents, lastSpeaker(recent, true)) + 1) % agents.size()));
            case ORCHESTRATED -> {
                List<Participant> candidates = new ArrayList<>(agents);
                if (candidates.size() > 1) {
                    answeredLast.ifPresent(agent -> candidates.removeIf(p -> agent.equals(p.agent())));
                }
                yield Optional.of(candidates.size() == 1 ? candidates.get(0)
                        : orchestrator.choose(collaboration, candidates, recent));
            }
        };
        return chosen.filter(p -> answeredLast.isEmpty() || !answeredLast.get().equals(p.agent()));
    }

    /**
     * The agent that wrote the latest message (notices do not count). {@code pastPeople}: the latest agent to
     * speak even if people wrote since (round-robin goes on after it); otherwise empty when a person wrote
     * last (the orchestrator may then give the floor back to the agent they answer).
     */
    static Optional<AgentId> lastSpeaker(List<CollaborationMessage> recent, boolean pastPeople) {
        for (int i = recent.size() - 1; i >= 0; i--) {
            CollaborationMessage message = recent.get(i);
            if (message.kind() != Kind.MESSAGE) {
                continue;
            }
            if (message.authorKind() == AuthorKind.AGENT && message.authorAgent() != null) {
                return Optional.of(message.authorAgent());
            }
            if (!pastPeople) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<Participant> agents, Optional<AgentId> agent) {
        for (int i = 0; i < agents.size(); i++) {
            if (agent.isPresent() && agent.get().equals(agents.get(i).agent())) {
                return i;
            }
        }
        return -1;
    }
}
