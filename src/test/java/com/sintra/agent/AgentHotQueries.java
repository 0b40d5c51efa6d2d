package com.sintra.agent;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class AgentHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("a workspace lists its active agents, newest first", AgentRepository.IN_WORKSPACE,
                        Map.of("workspace", data.workspace(), "includeArchived", false, "limit", 50, "offset", 0),
                        "agents_workspace_created_idx"),
                new HotQuery("a workspace lists all its agents, archived too", AgentRepository.IN_WORKSPACE,
                        Map.of("workspace", data.workspace(), "includeArchived", true, "limit", 50, "offset", 0),
                        "agents_workspace_created_idx"),
                new HotQuery("a page of agents loads its knowledge bases in one query", AgentRepository.KNOWLEDGE_BASES_OF,
                        Map.of("agents", new UUID[] {data.agent()}), "agent_knowledge_bases_pkey"),
                new HotQuery("the command palette finds a workspace's agents by a few letters", AgentRepository.MATCHING,
                        Map.of("workspace", data.workspace(), "pattern", "%agent 1%", "limit", 5), "agents_workspace_created_idx"),
                new HotQuery("chat reads an agent, its knowledge bases and the caller's role in its workspace in one statement",
                        AgentRepository.ONE, Map.of("id", data.agent(), "caller", data.user()), "agents_pkey")
                        .alsoUsing("agent_knowledge_bases_pkey").alsoUsing("workspace_members_(pkey|user_idx)"));
    }
}
