package com.sintra.collaboration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sintra.HotQuery;
import com.sintra.PlanData;

public final class CollaborationHotQueries {

    private static final String SEQUENCE_INDEX = "collaboration_messages_sequence_key";

    public static List<HotQuery> queries(PlanData data) {
        Map<String, Object> dashboard = keyset();
        dashboard.putAll(Map.of("user", data.user(), "workspace", data.workspace(), "active", true, "paused", true,
                "completed", false, "limit", 51, "unreadCap", CollaborationService.UNREAD_CAP));
        Map<String, Object> joinable = keyset();
        joinable.putAll(Map.of("user", data.user(), "workspace", data.workspace(), "status", "ACTIVE", "limit", 51));
        Map<String, Object> append = new HashMap<>();
        append.put("id", data.collaboration());
        append.put("authorKind", "USER");
        append.put("authorUser", data.user());
        append.put("authorAgent", null);
        append.put("kind", "MESSAGE");
        append.put("state", "COMPLETE");
        append.put("content", "Hello");
        append.put("mentions", "{}");
        append.put("model", null);
        return List.of(
                new HotQuery("the dashboard lists a member's collaborations by status, newest first, with unread counts",
                        CollaborationRepository.DASHBOARD, dashboard, "collaboration_participants_dashboard_idx"),
                new HotQuery("the dashboard's unread counts read the stream's sequence index",
                        CollaborationRepository.DASHBOARD, dashboard, SEQUENCE_INDEX),
                new HotQuery("members find the open collaborations of their workspace to join",
                        CollaborationRepository.JOINABLE, joinable, "collaborations_workspace_status_created_idx"),
                new HotQuery("every collaboration call reads it with the caller's membership and participation",
                        CollaborationRepository.FOR_CALLER, Map.of("id", data.collaboration(), "caller", data.user()),
                        "collaboration_participants_user_key"),
                new HotQuery("a message takes the collaboration's next number as it is stored", CollaborationRepository.APPEND,
                        append, "collaborations_pkey"),
                new HotQuery("the feed opens on the newest page and pages back by sequence",
                        CollaborationRepository.MESSAGES_BEFORE,
                        Map.of("id", data.collaboration(), "before", Long.MAX_VALUE, "limit", 51), SEQUENCE_INDEX),
                new HotQuery("a reconnecting client catches up by revision", CollaborationRepository.CHANGES_SINCE,
                        Map.of("id", data.collaboration(), "after", 2L, "through", 5L, "limit", 501),
                        "collaboration_messages_revision_key"),
                new HotQuery("a collaboration lists its participants", CollaborationRepository.PARTICIPANTS,
                        Map.of("id", data.collaboration()), "collaboration_participants_collaboration_idx"),
                new HotQuery("answers left streaming by a node that stopped are found without reading the streams",
                        CollaborationRepository.STREAMING_ANSWERS, Map.of("idleSeconds", 120.0),
                        "collaboration_messages_streaming_idx"),
                new HotQuery("a node writing an answer touches it among the few still streaming",
                        CollaborationRepository.STILL_WRITING, Map.of("id", data.collaboration(), "sequence", 1L),
                        "collaboration_messages_streaming_idx"),
                new HotQuery("the command palette finds the caller's collaborations by a few letters",
                        CollaborationRepository.MATCHING, Map.of("user", data.user(), "workspace", data.workspace(),
                        "pattern", "%laun%", "limit", 5), "collaboration_participants_dashboard_idx"),
                new HotQuery("a read marker moves forward", CollaborationRepository.MARK_READ,
                        Map.of("id", data.collaboration(), "user", data.user(), "sequence", 5L),
                        "collaboration_participants_user_key"));
    }

    private static Map<String, Object> keyset() {
        Map<String, Object> params = new HashMap<>();
        params.put("beforeAt", CollaborationRepository.NEWEST_AT);
        params.put("beforeId", CollaborationRepository.NEWEST_ID);
        return params;
    }
}
