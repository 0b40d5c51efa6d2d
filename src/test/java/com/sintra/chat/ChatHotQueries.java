package com.sintra.chat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.pgvector.PGvector;
import com.sintra.HotQuery;
import com.sintra.PlanData;
import com.sintra.brain.BrainHotQueries;
import com.sintra.brain.PassageQuery;

public final class ChatHotQueries {

    private static final String MESSAGES_INDEX = "agent_messages_conversation_created_idx";

    private ChatHotQueries() {
    }

    public static List<HotQuery> queries(PlanData data) {
        PlanData.Brain small = new PlanData.Brain(data.workspace(), data.conversation(), data.knowledgeBases());
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
                grounding("grounding an agent without knowledge reads the conversation's latest and similar messages",
                        PassageQuery.none(), data.conversation()),
                grounding("grounding in a small workspace scans its passages exactly in the same statement",
                        BrainHotQueries.passages(small, true), small.conversation())
                        .alsoUsing(BrainHotQueries.workspaceIndex()),
                BrainHotQueries.indexSearch(grounding(
                        "grounding in a large workspace without its own index reads the shared HNSW index in the same statement",
                        BrainHotQueries.passages(data.sharedIndexed(), false), data.sharedIndexed().conversation()))
                        .alsoUsing(BrainHotQueries.sharedIndex()),
                BrainHotQueries.indexSearch(grounding(
                        "grounding in a large workspace with its own index reads that index in the same statement",
                        BrainHotQueries.passages(data.ownIndexed(), false), data.ownIndexed().conversation()))
                        .alsoUsing(BrainHotQueries.ownIndex(data)));
    }

    /** The grounding statement as {@link GroundingRepository#ground} runs it for a question in an existing conversation. */
    private static HotQuery grounding(String name, PassageQuery passages, UUID conversation) {
        ChatProperties limits = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("sintra.chat", ChatProperties.class);
        Map<String, Object> parameters = new HashMap<>(passages.parameters());
        parameters.put("conversation", conversation);
        parameters.put("question", new PGvector(new float[384]));
        parameters.put("recentCount", limits.recentMessages());
        parameters.put("similarWindow", limits.similarWindow());
        parameters.put("similarCount", limits.similarQuestions());
        return new HotQuery(name, "WITH " + passages.ctes() + ",\n" + GroundingRepository.GROUNDING_TAIL, parameters,
                MESSAGES_INDEX).after(ChatRepository.CUSTOM_PLANS, Map.of());
    }
}
