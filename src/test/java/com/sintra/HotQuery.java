package com.sintra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A query the application issues on a hot path, with parameters taken from the seeded data, and the
 * indexes its plan must use (each a regular expression, for lookups that two equally good indexes serve).
 *
 * @param before what the code runs first in the same transaction, such as its transaction-local planner
 *               settings: the query is planned after them, as it runs
 */
public record HotQuery(String name, String sql, Map<String, Object> params, List<String> expectedIndexes,
                       List<Statement> before) {

    /** A statement and its parameters. */
    public record Statement(String sql, Map<String, Object> params) {
    }

    public HotQuery(String name, String sql, Map<String, Object> params, String expectedIndex) {
        this(name, sql, params, List.of(expectedIndex), List.of());
    }

    /** The same query, planned after {@code sql} has run in its transaction. */
    public HotQuery after(String sql, Map<String, Object> params) {
        List<Statement> statements = new ArrayList<>(before);
        statements.add(new Statement(sql, params));
        return new HotQuery(name, this.sql, this.params, expectedIndexes, List.copyOf(statements));
    }

    /** The same query, whose plan must use this index as well. */
    public HotQuery alsoUsing(String index) {
        List<String> indexes = new ArrayList<>(expectedIndexes);
        indexes.add(index);
        return new HotQuery(name, sql, params, List.copyOf(indexes), before);
    }
}
