package com.sintra.brain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The passage half of a statement that fetches other context in the same round trip (a chat's grounding):
 * common table expressions ending in {@code passages(chunk_id, document_id, position, content, title, source,
 * distance)}, and the parameters they bind. The brain keeps choosing how to search (exact scan, own
 * or shared index); the caller appends its own expressions and selects from {@code passages}.
 *
 * @param ctes       to follow {@code WITH}; the caller may add more after a comma, named other than the brain's
 *                   ({@code indexed}, {@code scored}, {@code nearest}, {@code passages})
 * @param parameters named parameters the expressions use ({@code workspace}, {@code query}, …); the caller
 *                   binds its own under other names
 */
public record PassageQuery(String ctes, Map<String, Object> parameters) {

    public PassageQuery {
        // Null values are meaningful here ("no filter"), which Map.copyOf refuses.
        parameters = Collections.unmodifiableMap(new HashMap<>(parameters));
    }

    /** The passages alone, best first: for a caller with nothing else to fetch. */
    public String statement() {
        return BrainRepository.passagesAlone(ctes);
    }

    /** No passages (an agent without knowledge, an empty brain), in the same columns. */
    public static PassageQuery none() {
        return new PassageQuery(BrainRepository.PASSAGES_NONE, Map.of());
    }

    /** One row of {@code passages}, as a search hit. */
    public static SearchHit hit(ResultSet rs) throws SQLException {
        return new SearchHit(new DocumentId(rs.getObject("document_id", UUID.class)), rs.getString("title"),
                rs.getString("source"), rs.getLong("chunk_id"), rs.getInt("position"), rs.getString("content"),
                1 - rs.getDouble("distance"));
    }
}
