package com.sintra.brain;

import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class BrainHotQueries {

    public static List<HotQuery> queries(PlanData data) {
        return List.of(
                new HotQuery("the command palette finds a workspace's knowledge bases by a few letters",
                        BrainRepository.KNOWLEDGE_BASES_MATCHING,
                        Map.of("workspace", data.workspace(), "pattern", "%knowledge%", "limit", 5),
                        "knowledge_bases_workspace_name_key"),
                new HotQuery("the command palette finds a workspace's active documents by a few letters",
                        BrainRepository.DOCUMENTS_MATCHING,
                        Map.of("workspace", data.workspace(), "pattern", "%document%", "limit", 5),
                        "brain_documents_workspace_active_created_idx"));
    }
}
