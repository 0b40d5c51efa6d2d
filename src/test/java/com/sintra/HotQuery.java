package com.sintra;

import java.util.Map;

/**
 * A query the application issues on a hot path, with parameters taken from the seeded data,
 * and the index its plan must use ({@code expectedIndex} is a regular expression, for lookups that two
 * equally good indexes serve).
 */
public record HotQuery(String name, String sql, Map<String, Object> params, String expectedIndex) {
}
