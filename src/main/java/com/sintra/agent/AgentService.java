package com.sintra.agent;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.account.CurrentUser;
import com.sintra.base.InvalidInputException;
import com.sintra.base.Inputs;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;

/** The agents feature's API; every method checks the caller's membership of the agent's workspace. */
@Service
@PreAuthorize("isAuthenticated()")
public class AgentService {

    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    private final AgentRepository agents;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;

    AgentService(AgentRepository agents, WorkspaceAccess access, CurrentUser currentUser) {
        this.agents = agents;
        this.access = access;
        this.currentUser = currentUser;
    }

    @Transactional
    public AgentId create(WorkspaceId workspace, AgentDraft draft) {
        access.requireRole(workspace, WorkspaceRole.EDITOR);
        return agents.insert(workspace, checked(draft), currentUser.require());
    }

    @Transactional(readOnly = true)
    public List<Agent> agents(WorkspaceId workspace, int offset, int limit) {
        access.requireMember(workspace);
        return agents.active(workspace, offset, limit);
    }

    static AgentDraft checked(AgentDraft draft) {
        String name = Inputs.requiredText("name", "Name", draft.name(), 80);
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
        String color = draft.avatarColor() == null || draft.avatarColor().isBlank() ? "#3b82f6" : draft.avatarColor();
        if (!COLOR.matcher(color).matches()) {
            throw new InvalidInputException("avatarColor", "Colour must look like #3b82f6");
        }
        return new AgentDraft(name, role, prompt, model, temperature, draft.maxTokens(), color);
    }
}
