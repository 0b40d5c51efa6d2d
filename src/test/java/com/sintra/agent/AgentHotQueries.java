package com.sintra.agent;

import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class AgentHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("a workspace lists its active agents, newest first", AgentRepository.ACTIVE_IN_WORKSPACE,
                        Map.of("workspace", data.workspace(), "limit", 50, "offset", 0), "agents_workspace_created_idx"));
    }
}
