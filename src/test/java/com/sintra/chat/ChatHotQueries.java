package com.sintra.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pgvector.PGvector;
import com.sintra.HotQuery;
import com.sintra.PlanData;
import com.sintra.brain.PassageQuery;

public final class ChatHotQueries {

    private static final String MESSAGES_INDEX = "agent_messages_conversation_created_idx";

    public static List<HotQuery> queries(PlanData data) {
        Map<String, Object> grounding = new HashMap<>();
        grounding.put("conversation", data.conversation());
        grounding.put("question", new PGvector(new float[384]));
        grounding.put("recentCount", 10);
        grounding.put("similarWindow", 1000);
        grounding.put("similarCount", 3);
        return List.of(
                new HotQuery("a user's conversations with an agent, most recent first", ChatRepository.CONVERSATIONS_WITH_AGENT,
                        Map.of("workspace", data.workspace(), "user", data.user(), "agent", data.agent(), "limit", 50),
                        "conversations_user_agent_idx"),
                new HotQuery("a user's conversations with an agent searched by title", ChatRepository.CONVERSATIONS_WITH_AGENT_TITLED,
                        Map.of("workspace", data.workspace(), "user", data.user(), "agent", data.agent(),
                                "pattern", "%refund%", "limit", 50), "conversations_user_agent_idx"),
                new HotQuery("regenerating reads the question a conversation ended on", ChatRepository.LATEST_QUESTION,
                        Map.of("conversation", data.conversation()), MESSAGES_INDEX),
                new HotQuery("the command palette finds a user's conversations by a few letters",
                        ChatRepository.CONVERSATIONS_MATCHING,
                        Map.of("workspace", data.workspace(), "user", data.user(), "pattern", "%conversation%", "limit", 5),
                        "conversations_user_(agent_)?idx"),
                new HotQuery("the message pane opens on a conversation's newest page", ChatRepository.LATEST_MESSAGES,
                        Map.of("conversation", data.conversation(), "limit", 31), MESSAGES_INDEX),
                new HotQuery("the message pane pages back by keyset, however deep", ChatRepository.MESSAGES_BEFORE,
                        Map.of("conversation", data.conversation(), "beforeAt", Timestamp.from(Instant.now()), "beforeId", 1L,
                                "limit", 31), MESSAGES_INDEX),
                new HotQuery("grounding reads a conversation's latest and similar messages in the same statement",
                        "WITH " + PassageQuery.none().ctes() + ",\n" + GroundingRepository.GROUNDING_TAIL, grounding,
                        MESSAGES_INDEX));
    }
}
