package com.sintra.account;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;

/**
 * What the sign-in page shows after a failed attempt, handed over in the session across the redirect: the
 * e-mail as typed (so it need not be typed again) and, when further attempts are blocked, until when. It never
 * says whether the account exists.
 *
 * @param retryAt null when the next attempt may come at once
 */
public record FailedSignIn(String email, Instant retryAt) implements Serializable {

    /** The session attribute holding the last failure; the sign-in page takes it out once shown. */
    public static final String SESSION_ATTRIBUTE = FailedSignIn.class.getName();

    private static final int MAX_EMAIL = 254;

    /** The key an e-mail is throttled and audited by: trimmed, lower case, no longer than an e-mail can be. */
    static String normalized(String email) {
        return shortened(email).toLowerCase(Locale.ROOT);
    }

    static String shortened(String email) {
        String trimmed = email == null ? "" : email.strip();
        return trimmed.length() > MAX_EMAIL ? trimmed.substring(0, MAX_EMAIL) : trimmed;
    }
}
