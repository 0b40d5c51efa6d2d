package com.sintra.base;

import java.util.regex.Pattern;

/** Checks shared by every feature's service, so a name means the same everywhere. */
public final class Inputs {

    // Deliberately simple: one @, something before it, a dot in the domain, no spaces.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Inputs() {
    }

    /** Trims and checks a required text; returns the trimmed value. */
    public static String requiredText(String field, String label, String value, int maxLength) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, label + " is required");
        }
        return maxLength(field, label, trimmed, maxLength);
    }

    /** Trims an optional text (null becomes empty) and checks its length. */
    public static String optionalText(String field, String label, String value, int maxLength) {
        return maxLength(field, label, value == null ? "" : value.strip(), maxLength);
    }

    public static String email(String field, String value) {
        String email = requiredText(field, "E-mail", value, 254).toLowerCase(java.util.Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidInputException(field, "Enter a valid e-mail address, like name@example.com");
        }
        return email;
    }

    private static String maxLength(String field, String label, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidInputException(field, label + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
