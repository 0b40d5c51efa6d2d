package com.sintra.base.ui;

/** "1 passage", "2 passages": counts in UI texts read as a person would write them. */
public final class Plural {

    private Plural() {
    }

    public static String of(long count, String singular, String plural) {
        return String.format("%,d %s", count, count == 1 ? singular : plural);
    }

    /** For the many nouns whose plural only adds an "s". */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }
}
