package com.sintra.chat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.sintra.brain.Embedding;
import com.sintra.brain.PassageQuery;
import com.sintra.brain.SearchHit;

/**
 * Reads what a question is answered from. Apart from {@link ChatRepository}, which stores conversations and
 * messages: this is the one statement that joins the brain's passage expressions (handed over as SQL text,
 * docs/decisions/0013) with the conversation's history.
 */
@Repository
class GroundingRepository {

    /**
     * Everything a question is answered from, in one statement: the brain's passages (its expressions come
     * first), the conversation's latest messages, and its earlier questions closest to this one, each with
     * the answer that followed it. The similar questions are looked for among the latest
     * {@code similarWindow} messages only, so a very long conversation costs no more than a long one.
     */
    static final String GROUNDING_TAIL = """
            recent AS (
                SELECT id, sender, content, created_at FROM agent_messages
                WHERE conversation_id = :conversation
                ORDER BY created_at DESC, id DESC LIMIT :recentCount
            ), latest AS (
                SELECT id, sender, created_at, embedding FROM agent_messages
                WHERE conversation_id = :conversation
                ORDER BY created_at DESC, id DESC LIMIT :similarWindow
            ), alike AS (
                SELECT w.id, w.created_at FROM latest w
                WHERE w.sender = 'USER' AND w.embedding IS NOT NULL
                  AND vector_dims(w.embedding) = vector_dims(:question)
                  AND w.id NOT IN (SELECT id FROM recent)
                ORDER BY w.embedding <=> :question LIMIT :similarCount
            ), exchanges AS (
                SELECT q.id, q.sender, q.content, q.created_at FROM alike s JOIN agent_messages q ON q.id = s.id
                UNION ALL
                SELECT a.id, a.sender, a.content, a.created_at FROM alike s CROSS JOIN LATERAL (
                    SELECT id, sender, content, created_at FROM agent_messages
                    WHERE conversation_id = :conversation AND (created_at, id) > (s.created_at, s.id)
                    ORDER BY created_at, id LIMIT 1
                ) a WHERE a.sender = 'AGENT'
            ), history AS (
                SELECT id, sender, content, created_at FROM recent
                UNION
                SELECT id, sender, content, created_at FROM exchanges
            )
            SELECT 'P' AS kind, chunk_id, document_id, position, content, title, source, distance,
                   NULL::bigint AS message_id, NULL::text AS sender, NULL::timestamptz AS created_at
            FROM passages
            UNION ALL
            SELECT 'M', NULL, NULL, NULL, content, NULL, NULL, NULL, id, sender, created_at FROM history""";

    private final JdbcClient jdbc;

    GroundingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip; runs in the transaction the passage query was made in. */
    Grounding ground(PassageQuery passages, ConversationId conversation, Embedding question, ChatProperties limits) {
        if (conversation == null) {
            // A new conversation has no messages to look through: the passages alone, a statement far cheaper
            // to plan (planning the whole grounding statement costs PostgreSQL about 1 ms).
            var statement = jdbc.sql(passages.statement());
            passages.parameters().forEach(statement::param);
            return new Grounding(statement.query((rs, n) -> PassageQuery.hit(rs)).list(), List.of());
        }
        ChatRepository.useCustomPlans(jdbc);
        var statement = jdbc.sql("WITH " + passages.ctes() + ",\n" + GROUNDING_TAIL);
        passages.parameters().forEach(statement::param);
        List<SearchHit> hits = new ArrayList<>();
        record Timed(Grounding.HistoryMessage message, Timestamp at) {
        }
        List<Timed> history = new ArrayList<>();
        statement.param("conversation", conversation.value())
                .param("question", question.parameter()).param("recentCount", limits.recentMessages())
                .param("similarWindow", limits.similarWindow()).param("similarCount", limits.similarQuestions())
                .query(rs -> {
                    if ("P".equals(rs.getString("kind"))) {
                        hits.add(PassageQuery.hit(rs));
                    } else {
                        history.add(new Timed(new Grounding.HistoryMessage(rs.getLong("message_id"),
                                "USER".equals(rs.getString("sender")), rs.getString("content")), rs.getTimestamp("created_at")));
                    }
                });
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        history.sort(Comparator.comparing(Timed::at).thenComparingLong(t -> t.message().id()));
        return new Grounding(hits, history.stream().map(Timed::message).toList());
    }
}
