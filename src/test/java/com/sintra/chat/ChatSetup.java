package com.sintra.chat;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainService;
import com.sintra.brain.Ingest;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;

/** A workspace with a small handbook and an agent that draws on it, made through the real services. */
public record ChatSetup(User owner, WorkspaceId workspace, KnowledgeBaseId handbook, AgentId agent) {

    public static final String HANDBOOK = """
            # Refunds

            Customers can ask for a refund within 30 days of purchase. Refunds go back to the original payment \
            method and take five business days to arrive. Digital downloads cannot be refunded once opened.

            # Shipping

            Orders ship from our warehouse in Lisbon. Standard shipping takes three to five days in Europe; \
            express shipping arrives the next business day when ordered before noon.

            # Passwords

            To reset a password, open Settings, choose Security and press Reset password. The reset link in the \
            e-mail expires after one hour.
            """;

    public static ChatSetup create(Fixtures fixtures, BrainService brain, AgentService agents, BigDecimal temperature,
                                   boolean cacheAnswers) {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        Ingest.markdown(fixtures, brain, owner, workspace, handbook, "handbook.md", HANDBOOK);
        AgentId agent = fixtures.as(owner, () -> agents.create(workspace, draft("Support", temperature, cacheAnswers,
                List.of(handbook))));
        return new ChatSetup(owner, workspace, handbook, agent);
    }

    public static AgentDraft draft(String name, BigDecimal temperature, boolean cacheAnswers, List<KnowledgeBaseId> knowledge) {
        return new AgentDraft(name, "answers customers' questions", "Be brief and friendly.", "fake-model", temperature,
                500, "#3b82f6", cacheAnswers, knowledge);
    }

    /**
     * Appends {@code count} messages ("Bulk 0"…) to a conversation, alternating user and agent, a second after
     * now and three to a millisecond, so pages must break ties by id.
     */
    public static void insertMessages(JdbcClient jdbc, ConversationId conversation, int count) {
        jdbc.sql("""
                        INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, created_at)
                        SELECT c.id, c.workspace_id, c.user_id, c.agent_id, CASE WHEN s % 2 = 0 THEN 'USER' ELSE 'AGENT' END,
                               'Bulk ' || s, now() + (s / 3) * interval '1 millisecond' + interval '1 second'
                        FROM conversations c CROSS JOIN generate_series(0, :last) s WHERE c.id = :conversation""")
                .param("conversation", conversation.value()).param("last", count - 1).update();
    }
}
