package com.sintra.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.account.CurrentUser;
import com.sintra.ai.AiProviderId;
import com.sintra.ai.AiProviders;
import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;
import com.sintra.base.NotFoundException;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;

/**
 * The agents feature's API; every method checks the caller's membership of the agent's workspace, and
 * changing agents needs the editor role. Archived agents keep their settings but can be neither edited
 * nor duplicated until they are restored.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class AgentService {

    static final int MAX_NAME = 80;
    static final int HISTORY_LIMIT = 100;
    private static final String COPY_SUFFIX = " (copy)";
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    private final AgentRepository agents;
    private final BrainService brain;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;

    private final AiProviders providers;

    AgentService(AgentRepository agents, BrainService brain, WorkspaceAccess access, CurrentUser currentUser,
                 AiProviders providers) {
        this.providers = providers;
        this.agents = agents;
        this.brain = brain;
        this.access = access;
        this.currentUser = currentUser;
    }

    @Transactional
    public AgentId create(WorkspaceId workspace, AgentDraft draft) {
        access.requireRole(workspace, WorkspaceRole.EDITOR);
        return agents.insert(workspace, checked(workspace, draft), currentUser.require());
    }

    @Transactional(readOnly = true)
    public Agent get(AgentId id) {
        return require(id, WorkspaceRole.VIEWER);
    }

    /**
     * Stores the edit as the agent's next version, knowledge bases included. An edit that changes nothing
     * stores nothing: no new version, no new time of change. True when a new version was stored.
     */
    @Transactional
    public boolean update(AgentId id, AgentDraft draft) {
        Agent agent = requireActive(id);
        return store(agent, checked(agent.workspaceId(), draft));
    }

    /** The agent's stored versions, newest first (at most {@value #HISTORY_LIMIT}), with who saved each and when. */
    @Transactional(readOnly = true)
    public List<AgentVersion> history(AgentId id) {
        require(id, WorkspaceRole.VIEWER);
        return agents.history(id, HISTORY_LIMIT);
    }

    /**
     * Stores the settings of an earlier version as the agent's next version: history is never rewritten.
     * Knowledge bases deleted since are left out. False when that version's settings are the current ones.
     */
    @Transactional
    public boolean revert(AgentId id, int version) {
        Agent agent = requireActive(id);
        AgentVersion earlier = agents.version(id, version)
                .orElseThrow(() -> new NotFoundException("No version " + version + " of this agent"));
        AgentDraft draft = earlier.draft(knowledgeBasesOf(agent.workspaceId()));
        return store(agent, checked(agent.workspaceId(), draft));
    }

    private boolean store(Agent agent, AgentDraft checked) {
        if (agent.hasSettings(checked)) {
            return false;
        }
        if (!agents.update(agent.id(), checked, currentUser.require())) {
            throw archived();
        }
        return true;
    }

    /** A new agent with the same settings and knowledge bases, named "… (copy)", at version 1. */
    @Transactional
    public AgentId duplicate(AgentId id) {
        Agent source = requireActive(id);
        AgentDraft copy = new AgentDraft(copyName(source.name()), source.roleDescription(), source.systemPrompt(),
                source.model(), source.temperature(), source.maxTokens(), source.avatarColor(), source.cacheAnswers(),
                source.knowledgeBases(), source.providerId());
        return agents.insert(source.workspaceId(), copy, currentUser.require());
    }

    /** Archived agents leave the default list and cannot be chosen for new chats; restoring brings them back. */
    @Transactional
    public void setArchived(AgentId id, boolean archived) {
        require(id, WorkspaceRole.EDITOR);
        agents.setArchived(id, archived);
    }

    /** A page of the workspace's active agents, newest first. */
    @Transactional(readOnly = true)
    public List<Agent> agents(WorkspaceId workspace, int offset, int limit) {
        return agents(workspace, false, offset, limit);
    }

    /** A page of the workspace's agents, newest first, archived ones too if asked for. */
    @Transactional(readOnly = true)
    public List<Agent> agents(WorkspaceId workspace, boolean includeArchived, int offset, int limit) {
        access.requireMember(workspace);
        return agents.inWorkspace(workspace, includeArchived, offset, Math.min(limit, 500));
    }

    /** The agent, if the caller has the role in its workspace; "not found" for non-members, as for unknown ids. */
    private Agent require(AgentId id, WorkspaceRole role) {
        AgentRepository.Found found = agents.find(id, access.caller()).orElseThrow(AgentService::notFound);
        try {
            access.requireRole(found.agent().workspaceId(), role, found.callerRole());
        } catch (NotFoundException notAMember) {
            throw notFound();
        }
        return found.agent();
    }

    private Agent requireActive(AgentId id) {
        Agent agent = require(id, WorkspaceRole.EDITOR);
        if (agent.archived()) {
            throw archived();
        }
        return agent;
    }

    private AgentDraft checked(WorkspaceId workspace, AgentDraft draft) {
        String name = Inputs.requiredText("name", "Name", draft.name(), MAX_NAME);
        String role = Inputs.optionalText("roleDescription", "Role", draft.roleDescription(), 500);
        String prompt = Inputs.optionalText("systemPrompt", "System prompt", draft.systemPrompt(), 20_000);
        String model = Inputs.requiredText("model", "Model", draft.model(), 200);
        BigDecimal temperature = draft.temperature() == null ? new BigDecimal("0.7") : draft.temperature();
        if (temperature.compareTo(BigDecimal.ZERO) < 0 || temperature.compareTo(new BigDecimal("2")) > 0) {
            throw new InvalidInputException("temperature", "Temperature must be between 0 and 2");
        }
        if (draft.maxTokens() < 1 || draft.maxTokens() > 200_000) {
            throw new InvalidInputException("maxTokens", "Max tokens must be between 1 and 200,000");
        }
        String color = draft.avatarColor() == null || draft.avatarColor().isBlank() ? "#3b82f6" : draft.avatarColor().strip();
        if (!COLOR.matcher(color).matches()) {
            throw new InvalidInputException("avatarColor", "Colour must look like #3b82f6");
        }
        // The column keeps two decimals; rounding here means the agent reads back exactly as stored.
        return new AgentDraft(name, role, prompt, model, temperature.setScale(2, RoundingMode.HALF_UP),
                draft.maxTokens(), color, draft.cacheAnswers(), checkedKnowledgeBases(workspace, draft.knowledgeBases()),
                checkedProvider(draft.providerId()));
    }

    private AiProviderId checkedProvider(AiProviderId provider) {
        if (provider != null && providers.choices().stream().noneMatch(p -> provider.equals(p.id()))) {
            throw new InvalidInputException("providerId", "Choose one of the AI providers");
        }
        return provider;
    }

    private List<KnowledgeBaseId> checkedKnowledgeBases(WorkspaceId workspace, List<KnowledgeBaseId> chosen) {
        if (chosen == null || chosen.isEmpty()) {
            return List.of();
        }
        Set<KnowledgeBaseId> ofWorkspace = knowledgeBasesOf(workspace);
        if (chosen.stream().anyMatch(kb -> kb == null || !ofWorkspace.contains(kb))) {
            throw new InvalidInputException("knowledgeBases", "No such knowledge base in this workspace");
        }
        return chosen.stream().distinct().toList();
    }

    private Set<KnowledgeBaseId> knowledgeBasesOf(WorkspaceId workspace) {
        return brain.knowledgeBases(workspace).stream().map(KnowledgeBase::id).collect(Collectors.toSet());
    }

    /** "name (copy)", the name cut short if needed so the whole still fits (and no character is split). */
    static String copyName(String name) {
        int room = MAX_NAME - COPY_SUFFIX.length();
        if (name.length() > room) {
            int end = Character.isHighSurrogate(name.charAt(room - 1)) ? room - 1 : room;
            name = name.substring(0, end).strip();
        }
        return name + COPY_SUFFIX;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Agent not found");
    }

    private static InvalidInputException archived() {
        return new InvalidInputException("archived", "This agent is archived: restore it to change it");
    }

    /** The workspace's active agents whose name contains {@code text}, newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Agent> agentsMatching(WorkspaceId workspace, String text, int limit) {
        access.requireMember(workspace);
        com.sintra.base.Lookup lookup = com.sintra.base.Lookup.of(text, limit);
        return lookup.isEmpty() ? List.of() : agents.matching(workspace, lookup);
    }
}
