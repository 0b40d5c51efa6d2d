package com.sintra.collaboration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import com.sintra.account.CurrentUser;
import com.sintra.agent.AgentId;
import com.sintra.ai.AiGateway;
import com.sintra.ai.AiUnavailableException;
import com.sintra.ai.ChatChunk;
import com.sintra.ai.ChatPrompt;
import com.sintra.chat.AgentGrounding;
import com.sintra.chat.ChatService;
import com.sintra.chat.Citation;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;

import jakarta.annotation.PreDestroy;
import reactor.core.publisher.Flux;

/**
 * The agents' runs. A person's message (or a resume) starts a run once committed, off the request thread,
 * as that person (the agents ground their answers in what the person may read); a message while a run goes
 * on re-plans its next turn and restarts its counts. One run at a time per collaboration, on this node. A run
 * gives the floor to one agent after another ({@link Speakers}), streams each answer through the AI gateway
 * into the feed, grounded in the agent's own knowledge bases, and ends — saying why in a notice — when the
 * collaboration's agent turns are used up, its token budget is spent, an agent finds the goal met, agents
 * keep naming each other past {@link #MENTION_DEPTH}, or an answer fails. A pause ends it after the answer
 * being written; {@link #stop} cancels that answer (docs/decisions/0020-agent-turns.md).
 */
@Component
class AgentTurns {

    private static final Logger log = LoggerFactory.getLogger(AgentTurns.class);
    /** Answers that name another agent, in a row, before the run stops: agents cannot loop on each other. */
    static final int MENTION_DEPTH = 4;
    private static final int QUERY_CHARACTERS = 2000;

    private final CollaborationRepository collaborations;
    private final Transcript transcript;
    private final Speakers speakers;
    private final ChatService chat;
    private final AiGateway gateway;
    private final CurrentUser currentUser;
    private final CollaborationProperties properties;
    private final ExecutorService executor;
    /** The runs going on, by collaboration; guarded by itself. */
    private final Map<CollaborationId, Run> runs = new HashMap<>();

    AgentTurns(CollaborationRepository collaborations, Transcript transcript, Speakers speakers, ChatService chat,
               AiGateway gateway, CurrentUser currentUser, CollaborationProperties properties) {
        this.collaborations = collaborations;
        this.transcript = transcript;
        this.speakers = speakers;
        this.chat = chat;
        this.gateway = gateway;
        this.currentUser = currentUser;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        int size = Math.max(1, properties.agentRuns());
        // A run's thread mostly waits on its answer's stream: a fixed pool bounds the runs at once, the rest queue.
        this.executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "agent-run-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void shutDown() {
        synchronized (runs) {
            runs.values().forEach(Run::stop);
        }
        executor.shutdownNow();
    }

    @TransactionalEventListener
    void on(CollaborationMessageAdded added) {
        CollaborationMessage message = added.message();
        if (message.authorKind() == AuthorKind.USER && message.kind() == Kind.MESSAGE) {
            wake(message.collaborationId());
        }
    }

    @TransactionalEventListener
    void on(CollaborationStatusChanged changed) {
        if (changed.status() == CollaborationStatus.ACTIVE) {
            wake(changed.id());
        }
    }

    /** Starts a run as the caller, or has the one going on re-plan from the latest message. */
    void wake(CollaborationId id) {
        Runnable work;
        synchronized (runs) {
            Run going = runs.get(id);
            if (going != null) {
                going.replan();
                return;
            }
            Run run = new Run(id);
            runs.put(id, run);
            work = currentUser.asCaller(() -> run(run));
        }
        executor.execute(work);
    }

    /** Cancels the answer being written, if any, and ends the run; false when no run goes on. */
    boolean stop(CollaborationId id) {
        Run run;
        synchronized (runs) {
            run = runs.get(id);
        }
        return run != null && run.stop();
    }

    /** Waits for the collaboration's run, if any, to end; false if it still goes on after the wait. */
    boolean awaitEnd(CollaborationId id, Duration wait) {
        Run run;
        synchronized (runs) {
            run = runs.get(id);
        }
        try {
            return run == null || run.ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean running(CollaborationId id) {
        synchronized (runs) {
            return runs.containsKey(id);
        }
    }

    // --- a run -------------------------------------------------------------------------------

    private void run(Run run) {
        try {
            loop(run);
        } catch (RuntimeException e) {
            // Refusals end up here too: the agent was archived, the person who started the run left the workspace.
            log.warn("An agents' run of collaboration {} failed", run.id, e);
            transcript.notice(run.id, Transcript.SYSTEM, "The agents stopped: " + e.getMessage());
        } finally {
            synchronized (runs) {
                runs.remove(run.id, run);
            }
            run.ended.countDown();
        }
    }

    private void loop(Run run) {
        int turns = 0;
        int depth = 0;
        Deque<AgentId> named = new ArrayDeque<>();
        while (!run.stopped()) {
            Collaboration collaboration = collaborations.find(run.id).orElse(null);
            List<CollaborationMessage> recent = recent(run.id);
            if (run.takeReplan()) {
                turns = 0;
                depth = 0;
                named = new ArrayDeque<>(unansweredMentions(recent));
            }
            if (collaboration == null || collaboration.status() != CollaborationStatus.ACTIVE) {
                if (end(run, null)) {
                    return;
                }
                continue;
            }
            List<Participant> participants = collaborations.participants(run.id);
            List<Participant> agents = participants.stream().filter(Participant::isAgent).toList();
            Optional<Participant> next = speakers.next(collaboration, agents, recent, named);
            String why = next.isEmpty() ? null
                    : collaboration.tokensUsed() >= collaboration.tokenBudget()
                    ? "The agents stopped: this collaboration's budget of " + String.format("%,d", collaboration.tokenBudget())
                    + " tokens is spent"
                    : turns >= collaboration.maxAgentTurns()
                    ? "The agents stopped after " + turns + " turns: write to them to go on"
                    : "";
            if (why == null || !why.isEmpty()) {
                if (end(run, why)) {
                    return;
                }
                continue;
            }
            Participant speaker = next.get();
            Optional<AgentAnswer.Ending> spoken = speak(run, collaboration, speaker, participants, recent);
            if (spoken.isEmpty()) {
                continue;
            }
            turns++;
            AgentAnswer.Ending ending = spoken.get();
            List<AgentId> handedTo = ending.state() == State.COMPLETE ? namedIn(ending.content(), agents, speaker) : List.of();
            depth = handedTo.isEmpty() ? 0 : depth + 1;
            why = switch (ending.state()) {
                case STOPPED -> null;
                case INTERRUPTED -> speaker.name() + "'s answer was interrupted (" + ending.failure() + "): the agents stopped";
                default -> ending.goalMet() ? speaker.name() + " says the goal is met: the agents stopped"
                        : depth > MENTION_DEPTH ? "The agents stopped: they named each other " + MENTION_DEPTH
                        + " times in a row. Write to them to go on" : "";
            };
            if (why == null) {
                return;
            }
            if (!why.isEmpty()) {
                if (end(run, why)) {
                    return;
                }
                continue;
            }
            named.addAll(handedTo);
        }
    }

    /**
     * Ends the run with a notice saying why (none when null), unless a person wrote meanwhile: then the run
     * goes on from their message and false is returned.
     */
    private boolean end(Run run, String why) {
        synchronized (runs) {
            if (run.replanning() && !run.stopped()) {
                return false;
            }
            runs.remove(run.id, run);
        }
        if (why != null) {
            transcript.notice(run.id, Transcript.SYSTEM, why);
        }
        return true;
    }

    /** One answer, streamed into the feed and stored; empty when none was started (paused or completed meanwhile). */
    private Optional<AgentAnswer.Ending> speak(Run run, Collaboration collaboration, Participant speaker,
                                               List<Participant> participants, List<CollaborationMessage> recent) {
        String query = query(collaboration, speaker, recent);
        AgentGrounding grounding = chat.groundAgent(speaker.agent(), query);
        ChatPrompt prompt = grounding.prompt(instructions(collaboration, speaker, participants),
                history(recent, speaker), "It is your turn, " + speaker.name() + ".");
        boolean active = collaborations.find(collaboration.id())
                .map(c -> c.status() == CollaborationStatus.ACTIVE).orElse(false);
        if (!active || run.stopped()) {
            return Optional.empty();
        }
        String model = grounding.agent().model();
        CollaborationMessage placeholder = transcript.startAnswer(collaboration.id(), speaker.agent(), speaker.name(),
                model).orElse(null);
        if (placeholder == null) {
            run.stop();
            return Optional.empty();
        }
        AgentAnswer answer = new AgentAnswer(transcript, collaboration.id(), placeholder.sequence());
        String cacheKey = grounding.cacheKey(prompt);
        Optional<ChatChunk> cached = gateway.cached(cacheKey);
        Optional<String> offline = gateway.offlineReason(prompt.provider());
        boolean[] spent = {cached.isEmpty() && offline.isEmpty()};
        Flux<ChatChunk> chunks = cached.isPresent() ? Flux.just(cached.get())
                : offline.isPresent() ? Flux.just(new ChatChunk(grounding.offlineAnswer(query, offline.get()), null))
                : gateway.stream(prompt, cacheKey).onErrorResume(
                        e -> e instanceof AiUnavailableException && !answer.started(),
                        e -> {
                            spent[0] = false;
                            return Flux.just(new ChatChunk(grounding.offlineAnswer(query, lowerFirst(e.getMessage())), null));
                        });
        if (run.speaking(answer)) {
            answer.start(chunks);
        }
        AgentAnswer.Ending ending = answer.await();
        run.spoke();
        // Cached and offline answers cost nothing; a model's count against the budget as the provider reports them,
        // and an answer cut short (stopped, interrupted: no usage comes) by an estimate of what was sent and written.
        boolean byModel = spent[0];
        ChatChunk.Usage usage = ending.usage() != null || !byModel ? ending.usage()
                : ending.state() == State.COMPLETE ? null : ChatChunk.Usage.estimate(prompt, ending.content());
        Integer promptTokens = !byModel ? Integer.valueOf(0) : usage == null ? null : usage.promptTokens();
        Integer completionTokens = !byModel ? Integer.valueOf(0) : usage == null ? null : usage.completionTokens();
        transcript.finish(collaboration.id(), placeholder.sequence(), ending.state(), ending.content(),
                Citation.citedIn(ending.content(), grounding.citations()), byModel || cached.isPresent() ? model : null,
                promptTokens, completionTokens, speaker.name());
        return Optional.of(ending);
    }

    /** What the agent's passages are looked up for: the latest message not its own (the goal if none). */
    private static String query(Collaboration collaboration, Participant speaker, List<CollaborationMessage> recent) {
        for (int i = recent.size() - 1; i >= 0; i--) {
            CollaborationMessage message = recent.get(i);
            if (message.kind() == Kind.MESSAGE && !message.content().isBlank()
                    && !speaker.agent().equals(message.authorAgent())) {
                String text = message.content();
                return text.length() <= QUERY_CHARACTERS ? text : text.substring(0, QUERY_CHARACTERS);
            }
        }
        return collaboration.goal().isBlank() ? collaboration.title() : collaboration.goal();
    }

    /** Who the agent is talking to, what they work towards, and how to say the goal is met. */
    static String instructions(Collaboration collaboration, Participant speaker, List<Participant> participants) {
        StringBuilder text = new StringBuilder("You are taking part in a collaboration, \"")
                .append(collaboration.title()).append("\", with people and other AI agents.\n");
        if (!collaboration.goal().isBlank()) {
            text.append("Its goal: ").append(collaboration.goal().strip()).append('\n');
        }
        text.append("Taking part: ").append(participants.stream()
                .map(p -> p.name() + (p.isAgent() ? " (agent)" : " (person)") + (speaker.agent().equals(p.agent()) ? " — you" : ""))
                .collect(Collectors.joining(", "))).append(".\n");
        text.append("""
                The others' messages come as "Name: text". Answer as yourself, briefly, with what your role and \
                knowledge add; name another agent with @ and its name only when you need its answer.
                When, and only when, the goal has been met, end your answer with a last line that says only:\s""")
                .append(AgentAnswer.GOAL_MET);
        return text.toString();
    }

    /** The latest messages as the agent sees them: its own as its turns, everyone else's under their names. */
    private static List<ChatPrompt.Turn> history(List<CollaborationMessage> recent, Participant speaker) {
        List<ChatPrompt.Turn> turns = new ArrayList<>();
        for (CollaborationMessage message : recent) {
            if (message.kind() == Kind.NOTICE || message.content().isBlank()) {
                continue;
            }
            boolean own = speaker.agent().equals(message.authorAgent());
            String author = message.authorName().isBlank() ? "Someone" : message.authorName();
            turns.add(new ChatPrompt.Turn(!own, own ? message.content() : author + ": " + message.content()));
        }
        return turns;
    }

    private List<CollaborationMessage> recent(CollaborationId id) {
        List<CollaborationMessage> recent = new ArrayList<>(
                collaborations.messagesBefore(id, Long.MAX_VALUE, Math.max(1, properties.agentHistory())));
        Collections.reverse(recent);
        return recent;
    }

    /** The agents the latest person's message names, if no agent has answered since. */
    private static List<AgentId> unansweredMentions(List<CollaborationMessage> recent) {
        for (int i = recent.size() - 1; i >= 0; i--) {
            CollaborationMessage message = recent.get(i);
            if (message.kind() != Kind.MESSAGE) {
                continue;
            }
            return message.authorKind() == AuthorKind.USER ? message.mentions() : List.of();
        }
        return List.of();
    }

    /** The other participating agents an answer names with @, in order. */
    private static List<AgentId> namedIn(String answer, List<Participant> agents, Participant speaker) {
        if (answer.indexOf('@') < 0) {
            return List.of();
        }
        List<Mentions.Candidate> candidates = agents.stream().filter(p -> !p.agent().equals(speaker.agent()))
                .map(p -> new Mentions.Candidate(p.agent(), p.name(), true)).toList();
        return Mentions.in(answer, candidates).stream().map(Mentions.Candidate::agent).toList();
    }

    private static String lowerFirst(String text) {
        return text == null || text.isEmpty() ? "the AI provider failed"
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** A run's state, shared between its thread and those that re-plan or stop it. */
    private static final class Run {

        final CollaborationId id;
        final CountDownLatch ended = new CountDownLatch(1);
        private boolean replan = true;
        private boolean stopped;
        private AgentAnswer answer;

        Run(CollaborationId id) {
            this.id = id;
        }

        synchronized void replan() {
            replan = true;
        }

        synchronized boolean replanning() {
            return replan;
        }

        synchronized boolean takeReplan() {
            boolean wanted = replan;
            replan = false;
            return wanted;
        }

        synchronized boolean stop() {
            if (stopped) {
                return false;
            }
            stopped = true;
            if (answer != null) {
                answer.stop();
            }
            return true;
        }

        synchronized boolean stopped() {
            return stopped;
        }

        /** The answer now being written; false (and the answer stopped) when the run was stopped first. */
        synchronized boolean speaking(AgentAnswer written) {
            if (stopped) {
                written.stop();
                return false;
            }
            answer = written;
            return true;
        }

        synchronized void spoke() {
            answer = null;
        }
    }
}
