package com.sintra.base;

import java.util.Locale;

/**
 * A few letters typed to find something by name (the command palette): the LIKE pattern of "contains these
 * letters", bound as a value, with the user's own % and _ taken literally, and a small bound on the rows.
 */
public record Lookup(String pattern, int limit) {

    public static final int MAX_LIMIT = 20;

    /** Empty text finds nothing: {@link #isEmpty()} lets a service answer without a query. */
    public static Lookup of(String text, int limit) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.length() > 100) {
            needle = needle.substring(0, 100);
        }
        String escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return new Lookup(needle.isEmpty() ? "" : "%" + escaped + "%", Math.max(1, Math.min(limit, MAX_LIMIT)));
    }

    public boolean isEmpty() {
        return pattern.isEmpty();
    }
}
