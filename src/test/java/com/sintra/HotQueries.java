package com.sintra;

import java.util.List;
import java.util.function.Function;

import com.sintra.account.AccountHotQueries;
import com.sintra.account.ApiKeyHotQueries;
import com.sintra.account.AuditHotQueries;
import com.sintra.agent.AgentHotQueries;
import com.sintra.brain.BrainHotQueries;
import com.sintra.chat.ChatHotQueries;
import com.sintra.collaboration.CollaborationHotQueries;
import com.sintra.workspace.WorkspaceHotQueries;

/**
 * Every hot query the code issues, by feature. A feature that adds a hot query adds it to its
 * {@code *HotQueries} class (next to its repository, so it can read the SQL the repository runs);
 * a new feature adds its class here. {@link HotQueryPlansTest} checks each plan.
 */
final class HotQueries {

    static final List<Function<PlanData, List<HotQuery>>> ALL = List.of(
            AccountHotQueries::queries,
            ApiKeyHotQueries::queries,
            AuditHotQueries::queries,
            WorkspaceHotQueries::queries,
            AgentHotQueries::queries,
            BrainHotQueries::queries,
            ChatHotQueries::queries,
            CollaborationHotQueries::queries);

    private HotQueries() {
    }
}
