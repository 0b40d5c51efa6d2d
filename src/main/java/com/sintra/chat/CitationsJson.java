package com.sintra.chat;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.brain.DocumentId;

/**
 * Citations as a jsonb column holds them (agent_messages.citations, collaboration_messages.citations): one shape
 * wherever answers are stored, with plain UUIDs for the documents.
 */
public final class CitationsJson {

    private static final TypeReference<List<Stored>> STORED = new TypeReference<>() {
    };

    /** A citation as the column holds it. */
    record Stored(int number, UUID documentId, String documentTitle, String source, long chunkId, int position,
                  String excerpt, double score) {
    }

    private CitationsJson() {
    }

    public static List<Citation> read(ObjectMapper json, String column) {
        try {
            return json.readValue(column, STORED).stream().map(c -> new Citation(c.number(),
                    new DocumentId(c.documentId()), c.documentTitle(), c.source(), c.chunkId(), c.position(),
                    c.excerpt(), c.score())).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable citations", e);
        }
    }

    public static String write(ObjectMapper json, List<Citation> citations) {
        try {
            return json.writeValueAsString(citations.stream().map(c -> new Stored(c.number(), c.documentId().value(),
                    c.documentTitle(), c.source(), c.chunkId(), c.position(), c.excerpt(), c.score())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
