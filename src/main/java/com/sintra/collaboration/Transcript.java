package com.sintra.collaboration;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.chat.Citation;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;

/**
 * Writes to collaborations' streams and announces what it wrote once committed. It checks nothing about the
 * caller: {@link CollaborationService} checks people before it writes for them, and the agents' runs (which act
 * for no one signed in) write through here directly.
 */
@Component
class Transcript {

    private final CollaborationRepository collaborations;
    private final CollaborationFeeds feeds;
    private final ApplicationEventPublisher events;
    private final Set<Writing> writing = ConcurrentHashMap.newKeySet();

    Transcript(CollaborationRepository collaborations, CollaborationFeeds feeds, ApplicationEventPublisher events) {
        this.collaborations = collaborations;
        this.feeds = feeds;
        this.events = events;
    }

    static CollaborationRepository.Author person(UserId user, String name) {
        return new CollaborationRepository.Author(AuthorKind.USER, user, null, name);
    }

    static CollaborationRepository.Author agent(AgentId agent, String name) {
        return new CollaborationRepository.Author(AuthorKind.AGENT, null, agent, name);
    }

    static final CollaborationRepository.Author SYSTEM = new CollaborationRepository.Author(AuthorKind.SYSTEM, null, null, "");

    /** A person's message; empty when the collaboration is completed (nothing stored). */
    @Transactional
    Optional<CollaborationMessage> message(CollaborationId id, CollaborationRepository.Author author, String content,
                                           List<AgentId> mentions) {
        return announce(collaborations.append(id, author, Kind.MESSAGE, State.COMPLETE, content, mentions, null));
    }

    /**
     * A notice ("paused by Ana", "stopped: 8 agent turns"), by the person who caused it or by the system; empty
     * (nothing stored) when the collaboration is completed.
     */
    @Transactional
    Optional<CollaborationMessage> notice(CollaborationId id, CollaborationRepository.Author author, String content) {
        return announce(collaborations.append(id, author, Kind.NOTICE, State.COMPLETE, content, List.of(), null));
    }

    /** The summary written as the collaboration is completed (before its status changes). */
    @Transactional
    Optional<CollaborationMessage> summary(CollaborationId id, CollaborationRepository.Author author, String content) {
        return announce(collaborations.append(id, author, Kind.SUMMARY, State.COMPLETE, content, List.of(), null));
    }

    /**
     * An agent's answer takes its place in the stream as it starts; its text follows through
     * {@link #streamed}, and {@link #finish} stores it. Empty when the collaboration is completed.
     */
    @Transactional
    Optional<CollaborationMessage> startAnswer(CollaborationId id, AgentId agent, String agentName, String model) {
        Optional<CollaborationMessage> started = announce(collaborations.append(id, agent(agent, agentName), Kind.MESSAGE,
                State.STREAMING, "", List.of(), model));
        started.ifPresent(answer -> writing.add(new Writing(id, answer.sequence())));
        return started;
    }

    /** An answer this node is writing. */
    record Writing(CollaborationId collaboration, long sequence) {
    }

    /** The answers this node started and has not finished. */
    Set<Writing> writingHere() {
        return Set.copyOf(writing);
    }

    /** Forgets an answer that is no longer streaming, whoever finished it. */
    void forget(Writing answer) {
        writing.remove(answer);
    }

    /** More of an answer being written: to the feeds at once, stored only when the answer is finished. */
    void streamed(CollaborationId id, StreamedText text) {
        feeds.publish(id, new FeedEvent.Streamed(text));
    }

    /**
     * Stores the answer's text and how it ended; its tokens count against the collaboration's budget. Empty
     * when it was finished already (a stop racing the last token): the first finish wins.
     */
    @Transactional
    Optional<CollaborationMessage> finish(CollaborationId id, long sequence, State state, String content,
                                          List<Citation> citations, String model, Integer promptTokens,
                                          Integer completionTokens, String agentName) {
        if (state == State.STREAMING) {
            throw new IllegalArgumentException("A finished answer is complete, stopped or interrupted");
        }
        writing.remove(new Writing(id, sequence));
        Optional<CollaborationMessage> finished = collaborations.finishAnswer(id, sequence, state, content, citations,
                model, promptTokens, completionTokens, agentName);
        finished.ifPresent(message -> events.publishEvent(new CollaborationAnswerFinished(message)));
        return finished;
    }

    /** What a model call besides the answers cost (choosing a speaker, a summary) counts against the budget too. */
    @Transactional
    void spent(CollaborationId id, com.sintra.ai.ChatChunk.Usage usage) {
        if (usage != null && usage.total() > 0) {
            collaborations.spend(id, usage.total());
        }
    }

    /**
     * Moves the collaboration to {@code to} if its status is one of {@code from}, with a notice saying so; empty
     * (nothing changed) otherwise.
     */
    @Transactional
    Optional<CollaborationMessage> changeStatus(CollaborationId id, Set<CollaborationStatus> from, CollaborationStatus to,
                                                CollaborationRepository.Author author, String notice) {
        Optional<CollaborationMessage> changed = announce(collaborations.changeStatus(id, from, to, author, notice));
        changed.ifPresent(message -> events.publishEvent(new CollaborationStatusChanged(id, to)));
        return changed;
    }

    private Optional<CollaborationMessage> announce(Optional<CollaborationMessage> stored) {
        stored.ifPresent(message -> events.publishEvent(new CollaborationMessageAdded(message)));
        return stored;
    }
}
