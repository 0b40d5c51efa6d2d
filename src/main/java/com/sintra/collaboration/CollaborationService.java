package com.sintra.collaboration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.account.CurrentUser;
import com.sintra.account.SintraPrincipal;
import com.sintra.account.UserId;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.base.Inputs;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.workspace.Member;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

/**
 * The collaborations feature's API. Everything needs membership of the collaboration's workspace; reading,
 * writing and following a collaboration need taking part in it. Members may join the collaborations open to
 * their workspace; those open to invited people only are "not found" to everyone else
 * (docs/decisions/0017-collaboration-membership.md). Creating, inviting, removing others, resuming
 * and completing need the editor role; any participant may post, pause (agents then wait), stop the agents
 * and leave.
 * <p>
 * Refused input stores nothing: {@link InvalidInputException} (empty or over-long messages, mentions of agents
 * not taking part, invitees from outside the workspace), {@link CollaborationCompletedException} (writing to a
 * completed collaboration), {@link NotParticipantException} (reading one open to the workspace without
 * joining), {@link NotFoundException} (unknown, foreign, or invited-only). Everything written is announced to
 * the collaboration's feeds once committed.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class CollaborationService {

    /** Unread messages are counted up to this many: a dashboard shows "99+" then. */
    public static final int UNREAD_CAP = 100;
    static final int MAX_TITLE = 120;
    static final int MAX_GOAL = 2000;
    static final int MAX_TURNS = 100;
    static final int MIN_BUDGET = 1000;
    static final int MAX_BUDGET = 10_000_000;
    private static final int MAX_PAGE = 200;
    /** Agents looked up to recognise @mentions of those not taking part: a workspace has far fewer. */
    private static final int WORKSPACE_AGENTS = 500;
    /** How long completing waits for a stopped answer to be stored, so the summary follows it. */
    private static final Duration COMPLETION_WAIT = Duration.ofSeconds(10);

    private final CollaborationRepository collaborations;
    private final Transcript transcript;
    private final CollaborationFeeds feeds;
    private final WorkspaceAccess access;
    private final WorkspaceService workspaces;
    private final AgentService agents;
    private final CurrentUser currentUser;
    private final CollaborationProperties properties;
    private final ApplicationEventPublisher events;
    private final AgentTurns agentTurns;
    private final RunRelay otherNodes;
    private final CompletionSummary summaries;
    private final TransactionTemplate transaction;

    CollaborationService(CollaborationRepository collaborations, Transcript transcript, CollaborationFeeds feeds,
                         WorkspaceAccess access, WorkspaceService workspaces, AgentService agents, CurrentUser currentUser,
                         CollaborationProperties properties, ApplicationEventPublisher events, AgentTurns agentTurns,
                         RunRelay otherNodes, CompletionSummary summaries, TransactionTemplate transaction) {
        this.collaborations = collaborations;
        this.transcript = transcript;
        this.feeds = feeds;
        this.access = access;
        this.workspaces = workspaces;
        this.agents = agents;
        this.currentUser = currentUser;
        this.properties = properties;
        this.events = events;
        this.agentTurns = agentTurns;
        this.otherNodes = otherNodes;
        this.summaries = summaries;
        this.transaction = transaction;
    }

    // --- collaborations ----------------------------------------------------------------------

    /** Starts a collaboration with the caller, the invited members and agents taking part. */
    @Transactional
    public Collaboration create(NewCollaboration draft) {
        if (draft == null || draft.workspace() == null) {
            throw new InvalidInputException("workspace", "Choose a workspace");
        }
        WorkspaceId workspace = draft.workspace();
        access.requireRole(workspace, WorkspaceRole.EDITOR);
        String title = Inputs.requiredText("title", "A title", draft.title(), MAX_TITLE);
        String goal = Inputs.optionalText("goal", "The goal", draft.goal(), MAX_GOAL);
        int turns = draft.maxAgentTurns() == null ? properties.maxAgentTurns() : draft.maxAgentTurns();
        if (turns < 1 || turns > MAX_TURNS) {
            throw new InvalidInputException("maxAgentTurns", "Agent turns must be between 1 and " + MAX_TURNS);
        }
        int budget = draft.tokenBudget() == null ? properties.tokenBudget() : draft.tokenBudget();
        if (budget < MIN_BUDGET || budget > MAX_BUDGET) {
            throw new InvalidInputException("tokenBudget",
                    "The token budget must be between " + MIN_BUDGET + " and " + String.format("%,d", MAX_BUDGET));
        }
        UserId me = currentUser.require();
        Set<UserId> people = new LinkedHashSet<>();
        people.add(me);
        people.addAll(checkedMembers(workspace, draft.members()));
        List<AgentId> invitedAgents = checkedAgents(workspace, draft.agents());
        requireRoom(people.size() + invitedAgents.size());
        Collaboration created = collaborations.insert(workspace, title, goal,
                draft.mode() == null ? CollaborationMode.ROUND_ROBIN : draft.mode(),
                draft.visibility() == null ? Visibility.WORKSPACE : draft.visibility(), turns, budget, me);
        collaborations.addParticipants(created.id(), people, invitedAgents, me);
        return created;
    }

    @Transactional(readOnly = true)
    public Collaboration get(CollaborationId id) {
        return requireParticipant(id).collaboration();
    }

    /** Who takes part, in the order they joined; shown to members who may join, too. */
    @Transactional(readOnly = true)
    public List<Participant> participants(CollaborationId id) {
        requireVisible(id);
        return collaborations.participants(id);
    }

    /**
     * The caller's collaborations in the workspace with one of {@code statuses} (all when empty), newest first,
     * with their unread counts; {@code after} is the previous page's {@code next} (null: the first page).
     */
    @Transactional(readOnly = true)
    public CollaborationPage<ListedCollaboration> mine(WorkspaceId workspace, Set<CollaborationStatus> statuses,
                                                       CollaborationPage.Cursor after, int limit) {
        access.requireMember(workspace);
        Set<CollaborationStatus> wanted = statuses == null || statuses.isEmpty()
                ? EnumSet.allOf(CollaborationStatus.class) : EnumSet.copyOf(statuses);
        return collaborations.dashboard(workspace, currentUser.require(), wanted, after, pageLimit(limit), UNREAD_CAP);
    }

    /** The caller's collaborations in the workspace whose title contains {@code text}, newest first. */
    @Transactional(readOnly = true)
    public List<Collaboration> collaborationsMatching(WorkspaceId workspace, String text, int limit) {
        access.requireMember(workspace);
        com.sintra.base.Lookup lookup = com.sintra.base.Lookup.of(text, limit);
        return lookup.isEmpty() ? List.of() : collaborations.matching(workspace, currentUser.require(), lookup);
    }

    /** The workspace's collaborations with the status that are open to its members and the caller is not in. */
    @Transactional(readOnly = true)
    public CollaborationPage<Collaboration> joinable(WorkspaceId workspace, CollaborationStatus status,
                                                     CollaborationPage.Cursor after, int limit) {
        access.requireMember(workspace);
        return collaborations.joinable(workspace, currentUser.require(),
                status == null ? CollaborationStatus.ACTIVE : status, after, pageLimit(limit));
    }

    // --- participants ------------------------------------------------------------------------

    /** Adds members of the workspace and its agents; those taking part already are left as they are. */
    @Transactional
    public List<Participant> invite(CollaborationId id, List<UserId> members, List<AgentId> agentIds) {
        Collaboration collaboration = requireManager(id);
        collaborations.lock(id);
        WorkspaceId workspace = collaboration.workspaceId();
        List<UserId> people = checkedMembers(workspace, members == null ? List.of() : members);
        List<AgentId> invitedAgents = checkedAgents(workspace, agentIds == null ? List.of() : agentIds);
        List<Participant> current = collaborations.participants(id);
        long newcomers = people.stream().filter(u -> current.stream().noneMatch(p -> u.equals(p.user()))).count()
                + invitedAgents.stream().filter(a -> current.stream().noneMatch(p -> a.equals(p.agent()))).count();
        requireRoom(current.size() + (int) newcomers);
        List<Participant> added = collaborations.addParticipants(id, people, invitedAgents, currentUser.require());
        if (!added.isEmpty()) {
            transcript.notice(id, me(), myName() + " invited " + names(added));
            events.publishEvent(new CollaborationParticipantsChanged(id, List.of()));
        }
        return added;
    }

    /** Joins a collaboration open to the workspace; false when the caller takes part already. */
    @Transactional
    public boolean join(CollaborationId id) {
        CollaborationRepository.ForCaller found = requireVisible(id);
        if (found.participates()) {
            return false;
        }
        collaborations.lock(id);
        requireRoom(collaborations.participants(id).size() + 1);
        UserId me = currentUser.require();
        boolean joined = !collaborations.addParticipants(id, List.of(me), List.of(), me).isEmpty();
        if (joined) {
            transcript.notice(id, me(), myName() + " joined");
            events.publishEvent(new CollaborationParticipantsChanged(id, List.of()));
        }
        return joined;
    }

    /** The caller stops taking part; their open feeds of it end. The last person cannot leave. */
    @Transactional
    public void leave(CollaborationId id) {
        requireParticipant(id);
        removePerson(id, currentUser.require(), myName() + " left");
    }

    /** Removes another person (or the caller: {@link #leave}); needs the editor role. */
    @Transactional
    public void remove(CollaborationId id, UserId user) {
        if (user.equals(currentUser.require())) {
            leave(id);
            return;
        }
        requireManager(id);
        String name = collaborations.participants(id).stream().filter(p -> user.equals(p.user())).findFirst()
                .map(Participant::name).orElseThrow(() -> new NotFoundException("Not taking part in this collaboration"));
        removePerson(id, user, myName() + " removed " + name);
    }

    /** Removes an agent; needs the editor role. An answer it is writing is finished by its run. */
    @Transactional
    public void remove(CollaborationId id, AgentId agent) {
        requireManager(id);
        collaborations.lock(id);
        String name = collaborations.participants(id).stream().filter(p -> agent.equals(p.agent())).findFirst()
                .map(Participant::name).orElseThrow(() -> new NotFoundException("Not taking part in this collaboration"));
        collaborations.removeAgent(id, agent);
        transcript.notice(id, me(), myName() + " removed " + name);
        events.publishEvent(new CollaborationParticipantsChanged(id, List.of()));
    }

    private void removePerson(CollaborationId id, UserId user, String notice) {
        collaborations.lock(id);
        long people = collaborations.participants(id).stream().filter(p -> !p.isAgent()).count();
        if (people <= 1) {
            throw new InvalidInputException("participants",
                    "A collaboration needs at least one person: complete it instead");
        }
        if (!collaborations.removeUser(id, user)) {
            throw new NotFoundException("Not taking part in this collaboration");
        }
        transcript.notice(id, me(), notice);
        events.publishEvent(new CollaborationParticipantsChanged(id, List.of(user)));
    }

    // --- the stream --------------------------------------------------------------------------

    /**
     * Stores a message of the caller's. Agents named with @ must take part; they answer next (the agents' runs
     * read {@link CollaborationMessage#mentions()}). Paused collaborations take messages too.
     */
    @Transactional
    public CollaborationMessage post(CollaborationId id, String text) {
        String content = text == null ? "" : text.strip();
        if (content.isEmpty()) {
            throw new InvalidInputException("message", "Write a message first");
        }
        if (content.length() > properties.maxMessageLength()) {
            throw new InvalidInputException("message",
                    "A message can be at most " + String.format("%,d", properties.maxMessageLength()) + " characters");
        }
        Collaboration collaboration = requireParticipant(id).collaboration();
        if (collaboration.completed()) {
            throw new CollaborationCompletedException();
        }
        List<AgentId> mentions = content.indexOf('@') < 0 ? List.of() : mentions(collaboration, content);
        // Completed meanwhile: the statement stores nothing then.
        return transcript.message(id, me(), content, mentions).orElseThrow(CollaborationCompletedException::new);
    }

    /**
     * Messages before {@code beforeSequence} (the newest when null), oldest first: the feed opens on the newest
     * page and loads earlier ones as the person scrolls back. Read in one snapshot with the revision to follow
     * from.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MessagePage messages(CollaborationId id, Long beforeSequence, int limit) {
        Collaboration collaboration = requireParticipant(id).collaboration();
        int wanted = pageLimit(limit);
        List<CollaborationMessage> rows = new ArrayList<>(collaborations.messagesBefore(id,
                beforeSequence == null ? Long.MAX_VALUE : beforeSequence, wanted + 1));
        boolean earlier = rows.size() > wanted;
        List<CollaborationMessage> page = new ArrayList<>(rows.subList(0, Math.min(wanted, rows.size())));
        Collections.reverse(page);
        return new MessagePage(page, earlier, collaboration.lastSequence());
    }

    /**
     * Everything that changed after {@code afterRevision}, in the order it changed, in batches: what a client
     * loads when it reconnects, or when its feed says it may have missed something.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Changes changesSince(CollaborationId id, long afterRevision) {
        long latest = requireParticipant(id).collaboration().lastSequence();
        int batch = Math.max(1, properties.catchUpBatch());
        List<CollaborationMessage> rows = collaborations.changesSince(id, Math.max(0, afterRevision), latest, batch + 1);
        if (rows.size() > batch) {
            List<CollaborationMessage> first = rows.subList(0, batch);
            return new Changes(first, first.get(batch - 1).revision(), true);
        }
        return new Changes(rows, Math.max(latest, afterRevision), false);
    }

    /** The caller has read the stream up to {@code sequence}; the marker never moves back. */
    @Transactional
    public void markRead(CollaborationId id, long sequence) {
        requireParticipant(id);
        collaborations.markRead(id, currentUser.require(), sequence);
    }

    // --- status ------------------------------------------------------------------------------

    /** Agents wait (a run ends after the answer being written); people may still post. False if paused already. */
    @Transactional
    public boolean pause(CollaborationId id) {
        requireParticipant(id);
        return changeStatus(id, EnumSet.of(CollaborationStatus.ACTIVE), CollaborationStatus.PAUSED,
                myName() + " paused the collaboration: agents wait until it is resumed");
    }

    /** Agents take turns again; needs the editor role. False if active already. */
    @Transactional
    public boolean resume(CollaborationId id) {
        requireManager(id);
        return changeStatus(id, EnumSet.of(CollaborationStatus.PAUSED), CollaborationStatus.ACTIVE,
                myName() + " resumed the collaboration");
    }

    /**
     * Stops the agents now: the answer being written is cancelled (its upstream request too) and kept as far as
     * it got, marked stopped, and the run ends; the collaboration stays active, so the next message starts a
     * new run. Any participant may. A run on another node (cluster profile) is stopped there. False when no
     * agent is at work.
     */
    @Transactional
    public boolean stop(CollaborationId id) {
        requireParticipant(id);
        if (!agentTurns.stop(id) && !otherNodes.stop(id, Duration.ZERO)) {
            return false;
        }
        transcript.notice(id, me(), myName() + " stopped the agents");
        return true;
    }

    /** Whether agents are at work in the collaboration (on any node): what a stop button offers to end. */
    public boolean agentsAtWork(CollaborationId id) {
        requireParticipant(id);
        return agentTurns.running(id) || otherNodes.running(id);
    }

    /**
     * Writes the summary (by the model, or extractive without one) and then makes the stream read-only for
     * good; an answer being written is stopped first. Needs the editor role. False if completed already. It
     * waits for the model's summary: views call it off the UI thread. No transaction is held meanwhile.
     */
    public boolean complete(CollaborationId id) {
        Collaboration collaboration = requireManager(id);
        if (collaboration.completed()) {
            return false;
        }
        if (!agentTurns.stop(id)) {
            otherNodes.stop(id, COMPLETION_WAIT);
        }
        agentTurns.awaitEnd(id, COMPLETION_WAIT);
        CompletionSummary.Summary summary = summaries.write(collaboration);
        CollaborationRepository.Author me = me();
        String notice = myName() + " completed the collaboration";
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            if (collaborations.lock(id) == CollaborationStatus.COMPLETED) {
                return false;
            }
            transcript.summary(id, Transcript.SYSTEM, summary.text());
            transcript.spent(id, summary.usage());
            return changeStatus(id, EnumSet.of(CollaborationStatus.ACTIVE, CollaborationStatus.PAUSED),
                    CollaborationStatus.COMPLETED, me, notice);
        }));
    }

    private boolean changeStatus(CollaborationId id, Set<CollaborationStatus> from, CollaborationStatus to, String notice) {
        return changeStatus(id, from, to, me(), notice);
    }

    private boolean changeStatus(CollaborationId id, Set<CollaborationStatus> from, CollaborationStatus to,
                                 CollaborationRepository.Author author, String notice) {
        if (transcript.changeStatus(id, from, to, author, notice).isPresent()) {
            return true;
        }
        if (collaborations.lock(id) == CollaborationStatus.COMPLETED) {
            throw new CollaborationCompletedException();
        }
        return false;
    }

    // --- live --------------------------------------------------------------------------------

    /**
     * Follows the collaboration live: {@code listener} gets what changes after {@code afterRevision} (a page's
     * {@link MessagePage#throughRevision()}, or the last revision a client showed), coalesced to at most four
     * deliveries a second, plus streamed text, presence and typing. The caller counts as viewing it until the
     * subscription is cancelled (a view cancels it on detach). Removing the caller ends it.
     */
    public Subscription subscribe(CollaborationId id, long afterRevision, Consumer<FeedUpdate> listener) {
        Collaboration collaboration = requireParticipant(id).collaboration();
        // Nobody has seen past the latest revision: a larger one would hide what comes next.
        long after = Math.max(0, Math.min(afterRevision, collaboration.lastSequence()));
        UserId me = currentUser.require();
        return feeds.subscribe(id, viewer(), after, listener,
                () -> collaborations.forCaller(id, me.value()).map(f -> f.collaboration().lastSequence()).orElse(0L));
    }

    /** The caller is writing ({@code true}, repeated every few seconds while they do) or stopped. */
    public void typing(CollaborationId id, boolean writing) {
        requireParticipant(id);
        feeds.publish(id, new FeedEvent.Typing(viewer(), writing ? properties.typingTimeout().toMillis() : 0));
    }

    public CollaborationProperties settings() {
        return properties;
    }

    // --- checks ------------------------------------------------------------------------------

    /** The collaboration, if the caller may know it exists: a member of its workspace, and open or taking part. */
    private CollaborationRepository.ForCaller requireVisible(CollaborationId id) {
        CollaborationRepository.ForCaller found = collaborations.forCaller(id, access.caller())
                .orElseThrow(CollaborationService::notFound);
        try {
            access.requireRole(found.collaboration().workspaceId(), WorkspaceRole.VIEWER, found.callerRole());
        } catch (NotFoundException notAMember) {
            throw notFound();
        }
        if (!found.participates() && found.collaboration().visibility() == Visibility.INVITED) {
            throw notFound();
        }
        return found;
    }

    private CollaborationRepository.ForCaller requireParticipant(CollaborationId id) {
        CollaborationRepository.ForCaller found = requireVisible(id);
        if (!found.participates()) {
            throw new NotParticipantException();
        }
        return found;
    }

    /** A participant with the editor role in the workspace. */
    private Collaboration requireManager(CollaborationId id) {
        CollaborationRepository.ForCaller found = requireParticipant(id);
        access.requireRole(found.collaboration().workspaceId(), WorkspaceRole.EDITOR, found.callerRole());
        return found.collaboration();
    }

    private List<UserId> checkedMembers(WorkspaceId workspace, List<UserId> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<UserId> members = workspaces.members(workspace).stream().map(Member::userId).collect(Collectors.toSet());
        List<UserId> checked = wanted.stream().distinct().toList();
        if (!members.containsAll(checked)) {
            throw new InvalidInputException("members", "Only members of this workspace can be invited");
        }
        return checked;
    }

    private List<AgentId> checkedAgents(WorkspaceId workspace, List<AgentId> wanted) {
        List<AgentId> checked = wanted.stream().distinct().toList();
        for (AgentId id : checked) {
            Agent agent;
            try {
                agent = agents.get(id);
            } catch (NotFoundException unknown) {
                throw new InvalidInputException("agents", "Only agents of this workspace can be invited");
            }
            if (!agent.workspaceId().equals(workspace)) {
                throw new InvalidInputException("agents", "Only agents of this workspace can be invited");
            }
            if (agent.archived()) {
                throw new InvalidInputException("agents", agent.name() + " is archived: restore it to invite it");
            }
        }
        return checked;
    }

    private void requireRoom(int participants) {
        if (participants > properties.maxParticipants()) {
            throw new InvalidInputException("participants",
                    "A collaboration can have at most " + properties.maxParticipants() + " participants");
        }
    }

    /** The participating agents the text names; naming an agent of the workspace that is not taking part is refused. */
    private List<AgentId> mentions(Collaboration collaboration, String content) {
        Map<AgentId, String> taking = collaborations.participants(collaboration.id()).stream().filter(Participant::isAgent)
                .collect(Collectors.toMap(Participant::agent, Participant::name));
        List<Mentions.Candidate> candidates = new ArrayList<>();
        taking.forEach((agent, name) -> candidates.add(new Mentions.Candidate(agent, name, true)));
        agents.agents(collaboration.workspaceId(), false, 0, WORKSPACE_AGENTS).stream()
                .filter(agent -> !taking.containsKey(agent.id()))
                .forEach(agent -> candidates.add(new Mentions.Candidate(agent.id(), agent.name(), false)));
        List<Mentions.Candidate> named = Mentions.in(content, candidates);
        List<String> absent = named.stream().filter(c -> !c.participates()).map(Mentions.Candidate::name).toList();
        if (!absent.isEmpty()) {
            throw new InvalidInputException("message", String.join(", ", absent)
                    + (absent.size() == 1 ? " is" : " are") + " not taking part in this collaboration: invite "
                    + (absent.size() == 1 ? "it" : "them") + " first");
        }
        return named.stream().map(Mentions.Candidate::agent).toList();
    }

    private CollaborationRepository.Author me() {
        return Transcript.person(currentUser.require(), myName());
    }

    private String myName() {
        return currentUser.principal().map(SintraPrincipal::user).map(u -> u.displayName()).orElse("");
    }

    private Viewer viewer() {
        return new Viewer(currentUser.require(), myName());
    }

    private static String names(List<Participant> participants) {
        return participants.stream().map(Participant::name).collect(Collectors.joining(", "));
    }

    private static int pageLimit(int limit) {
        return Math.max(1, Math.min(limit, MAX_PAGE));
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Collaboration not found");
    }
}
