package com.sintra.chat;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.account.CurrentUser;
import com.sintra.account.UserId;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiGateway;
import com.sintra.ai.AiUnavailableException;
import com.sintra.ai.ChatChunk;
import com.sintra.ai.ChatPrompt;
import com.sintra.base.Inputs;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.brain.BrainService;
import com.sintra.brain.Embedding;
import com.sintra.brain.PassageQuery;
import com.sintra.workspace.WorkspaceAccess;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The chat feature's API. Conversations are private to the user who started them; asking needs
 * membership of the agent's workspace, and an agent that is not archived.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final int TITLE_LENGTH = 80;
    /** What the conversations table allows. */
    private static final int TITLE_MAX = 200;

    private final ChatRepository chats;
    private final GroundingRepository groundings;
    private final AgentService agents;
    private final BrainService brain;
    private final AiGateway gateway;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;
    private final ChatProperties properties;
    private final TransactionTemplate transaction;
    private final Admission admission;

    ChatService(ChatRepository chats, GroundingRepository groundings, AgentService agents, BrainService brain,
                AiGateway gateway, WorkspaceAccess access, CurrentUser currentUser, ChatProperties properties,
                TransactionTemplate transaction, MeterRegistry meters) {
        this.chats = chats;
        this.groundings = groundings;
        this.agents = agents;
        this.brain = brain;
        this.gateway = gateway;
        this.access = access;
        this.currentUser = currentUser;
        this.properties = properties;
        this.transaction = transaction;
        this.admission = new Admission(properties.concurrentQuestions(), properties.admissionWait(), meters);
    }

    /**
     * Stores the question (in a new conversation when {@code conversationId} is null) after grounding it, and
     * returns the answer's stream, which starts when subscribed to. Refused, with nothing stored: an empty or
     * over-long question, an unknown, archived or foreign agent, someone else's conversation.
     */
    public ChatAnswer ask(AgentId agentId, ConversationId conversationId, String message) {
        long started = System.nanoTime();
        String question = checkedQuestion(message);
        UserId user = currentUser.require();
        try (Admission.Turn turn = admission.enter()) {
            return prepare(agentId, conversationId, question, user, started);
        }
    }

    private ChatAnswer prepare(AgentId agentId, ConversationId conversationId, String question, UserId user, long started) {
        // Embedding is CPU work: done before the transaction, so no connection is held while it runs.
        Embedding embedding = brain.embedQuery(question);
        // One transaction from the agent's check to the stored question (and an immediate answer): one commit.
        Prepared prepared = transaction.execute(tx -> {
            Agent agent = agents.get(agentId);
            if (agent.archived()) {
                throw new InvalidInputException("agent", "This agent is archived: restore it to chat with it");
            }
            Conversation existing = conversationId == null ? null : requireOwn(conversationId);
            if (existing != null && !existing.agentId().equals(agentId)) {
                throw new InvalidInputException("conversation", "This conversation is with another agent");
            }
            PassageQuery passages = brain.passageQuery(agent.workspaceId(), embedding, properties.passages(),
                    agent.knowledgeBases());
            Grounding grounding = groundings.ground(passages, conversationId, embedding, properties);
            List<Citation> citations = AnswerPrompt.citations(grounding.passages());
            String cacheKey = AnswerPrompt.cacheKey(agent, grounding, question);
            StoredAnswer immediate = immediateAnswer(agent, question, grounding, citations, cacheKey, started).orElse(null);
            // The question, a new conversation if needed, and an answer known at once: one statement.
            ChatRepository.Exchange stored = chats.store(new ChatRepository.Destination(existing, agent.workspaceId(), agentId,
                    user, title(question)), question, embedding, immediate);
            return new Prepared(agent, stored.conversation(), stored.question(), grounding, citations, cacheKey,
                    stored.answer());
        });
        Flux<ChatEvent> events = prepared.immediate() != null
                ? Flux.just(new ChatEvent.Token(prepared.immediate().content()), new ChatEvent.Answered(prepared.immediate()))
                : Flux.defer(() -> stream(question, prepared, started));
        return new ChatAnswer(prepared.conversation(), prepared.question(), prepared.citations(), events, prepared.immediate());
    }

    /**
     * Grounds an agent for a text that is not a chat question (a collaboration's turn): its best passages for
     * {@code query}, in its own knowledge bases. Admitted like a question; refused for archived agents and
     * callers outside the agent's workspace. Nothing is stored.
     */
    public AgentGrounding groundAgent(AgentId agentId, String query) {
        String text = query == null || query.isBlank() ? "" : query.strip();
        try (Admission.Turn turn = admission.enter()) {
            Embedding embedding = brain.embedQuery(text.isEmpty() ? "?" : text);
            return transaction.execute(tx -> {
                Agent agent = agents.get(agentId);
                if (agent.archived()) {
                    throw new InvalidInputException("agent", agent.name() + " is archived");
                }
                PassageQuery passages = brain.passageQuery(agent.workspaceId(), embedding, properties.passages(),
                        agent.knowledgeBases());
                return new AgentGrounding(agent, groundings.ground(passages, null, embedding, properties), properties);
            });
        }
    }

    /** A stored question with what answering it needs; {@code immediate} is its answer when that was known at once. */
    private record Prepared(Agent agent, Conversation conversation, ChatMessage question, Grounding grounding,
                            List<Citation> citations, String cacheKey, ChatMessage immediate) {
    }

    /** The caller's conversations with an agent, most recently active first. */
    @Transactional(readOnly = true)
    public List<Conversation> conversations(AgentId agentId, int limit) {
        Agent agent = agents.get(agentId);
        return chats.conversations(agent.workspaceId(), currentUser.require(), agentId, Math.max(1, Math.min(limit, 200)));
    }

    /**
     * The caller's conversations with an agent whose title contains {@code text} (ignoring case; every
     * character taken as typed), most recently active first; all of them when {@code text} is blank.
     */
    @Transactional(readOnly = true)
    public List<Conversation> conversations(AgentId agentId, String text, int limit) {
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty()) {
            return conversations(agentId, limit);
        }
        Agent agent = agents.get(agentId);
        return chats.conversationsTitled(agent.workspaceId(), currentUser.require(), agentId,
                wanted.length() > TITLE_MAX ? wanted.substring(0, TITLE_MAX) : wanted, Math.max(1, Math.min(limit, 200)));
    }

    /** Gives the caller's conversation a title of their own (on one line; at most 200 characters). */
    @Transactional
    public Conversation rename(ConversationId id, String title) {
        requireOwn(id);
        String flat = AnswerPrompt.WHITESPACE.matcher(title == null ? "" : title).replaceAll(" ");
        return chats.rename(id, Inputs.requiredText("title", "A title", flat, TITLE_MAX));
    }

    /**
     * Asks the question the conversation ended on once more. It is stored again with its new answer after
     * the earlier ones, so the conversation shows every answer given, in the order given, and the model sees
     * the earlier answer in its history (a temperature-0 agent then gives a fresh answer, not its cached one).
     */
    public ChatAnswer regenerate(ConversationId id) {
        Conversation existing = conversation(id);
        String question = transaction.execute(tx -> chats.latestQuestion(id)).orElseThrow(
                () -> new InvalidInputException("conversation", "This conversation has no question to ask again"));
        return ask(existing.agentId(), id, question);
    }

    @Transactional(readOnly = true)
    public Conversation conversation(ConversationId id) {
        return requireOwn(id);
    }

    /**
     * The conversation's messages before {@code before} (the latest when null), oldest first: the pane opens
     * on the newest page and loads earlier ones as the user scrolls back.
     */
    @Transactional(readOnly = true)
    public MessagePage messages(ConversationId id, ChatMessage before, int limit) {
        requireOwn(id);
        if (before != null && !before.conversationId().equals(id)) {
            throw new InvalidInputException("before", "That message is from another conversation");
        }
        return chats.page(id, before, Math.max(1, Math.min(limit, 200)));
    }

    @Transactional
    public void deleteConversation(ConversationId id) {
        requireOwn(id);
        chats.deleteConversation(id);
    }

    public ChatProperties settings() {
        return properties;
    }

    // --- answering ---------------------------------------------------------------------------

    /** The cached or offline answer, when no model call is needed. */
    private Optional<StoredAnswer> immediateAnswer(Agent agent, String question, Grounding grounding,
                                                   List<Citation> citations, String cacheKey, long started) {
        AnswerRecorder recorder = new AnswerRecorder(started, citations, agent.model());
        var cached = gateway.cached(cacheKey);
        var offlineReason = gateway.offlineReason(agent.providerId());
        if (cached.isPresent()) {
            recorder.mode(AnswerMode.CACHED);
            recorder.add(cached.get());
        } else if (offlineReason.isPresent()) {
            recorder.mode(AnswerMode.OFFLINE);
            recorder.add(offline(question, grounding, offlineReason.get()));
        } else {
            return Optional.empty();
        }
        return recorder.take(null);
    }

    /** Streams from the model; falls back to an offline answer if it cannot be asked before the first token. */
    private Flux<ChatEvent> stream(String question, Prepared prepared, long started) {
        Agent agent = prepared.agent();
        AnswerRecorder recorder = new AnswerRecorder(started, prepared.citations(), agent.model());
        ChatPrompt prompt = AnswerPrompt.of(agent, prepared.grounding(), question, properties.historyCharacters());
        Conversation conversation = prepared.conversation();
        Flux<ChatChunk> chunks = gateway.stream(prompt, prepared.cacheKey()).onErrorResume(
                e -> e instanceof AiUnavailableException && !recorder.started(),
                e -> {
                    recorder.mode(AnswerMode.OFFLINE);
                    return Flux.just(offline(question, prepared.grounding(), lowerFirst(e.getMessage())));
                });
        return chunks.doOnNext(recorder::add)
                .filter(chunk -> !chunk.text().isEmpty())
                .<ChatEvent>map(chunk -> new ChatEvent.Token(chunk.text()))
                .concatWith(store(conversation, recorder, null))
                .onErrorResume(e -> {
                    log.warn("An answer was interrupted: {}", e.getMessage());
                    return store(conversation, recorder, AnswerMode.INTERRUPTED);
                })
                .doOnCancel(() -> store(conversation, recorder, AnswerMode.STOPPED).subscribe());
    }

    /** Stores the answer off the stream's thread (a network event loop must never wait on the database). */
    private Mono<ChatEvent> store(Conversation conversation, AnswerRecorder recorder, AnswerMode ending) {
        return Mono.defer(() -> Mono.justOrEmpty(recorder.take(ending)))
                .publishOn(Schedulers.boundedElastic())
                .map(answer -> (ChatEvent) new ChatEvent.Answered(
                        transaction.execute(tx -> chats.insertAnswer(conversation, answer))));
    }

    private ChatChunk offline(String question, Grounding grounding, String reason) {
        return new ChatChunk(OfflineAnswer.write(question, grounding.passages(), reason, properties.offlineMinScore()), null);
    }

    // --- checks ------------------------------------------------------------------------------

    private String checkedQuestion(String message) {
        String question = message == null ? "" : message.strip();
        if (question.isEmpty()) {
            throw new InvalidInputException("message", "Write a message first");
        }
        if (question.length() > properties.maxMessageLength()) {
            throw new InvalidInputException("message",
                    "A message can be at most " + String.format("%,d", properties.maxMessageLength()) + " characters");
        }
        return question;
    }

    /** The caller's own conversation in a workspace they still belong to; "not found" for anything else. */
    private Conversation requireOwn(ConversationId id) {
        Conversation conversation = chats.conversation(id).filter(c -> c.userId().equals(currentUser.require()))
                .orElseThrow(ChatService::conversationNotFound);
        try {
            access.requireMember(conversation.workspaceId());
        } catch (NotFoundException notAMember) {
            throw conversationNotFound();
        }
        return conversation;
    }

    private static NotFoundException conversationNotFound() {
        return new NotFoundException("Conversation not found");
    }

    private static String title(String question) {
        String flat = AnswerPrompt.WHITESPACE.matcher(question).replaceAll(" ");
        return flat.length() <= TITLE_LENGTH ? flat : flat.substring(0, TITLE_LENGTH - 1).strip() + "…";
    }

    private static String lowerFirst(String text) {
        return text == null || text.isEmpty() ? "the AI provider failed" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The caller's own conversations in the workspace whose title contains {@code text}, most recent first. */
    @Transactional(readOnly = true)
    public List<Conversation> conversationsMatching(com.sintra.workspace.WorkspaceId workspace, String text, int limit) {
        access.requireMember(workspace);
        com.sintra.base.Lookup lookup = com.sintra.base.Lookup.of(text, limit);
        return lookup.isEmpty() ? List.of() : chats.conversationsMatching(workspace, currentUser.require(), lookup);
    }
}
