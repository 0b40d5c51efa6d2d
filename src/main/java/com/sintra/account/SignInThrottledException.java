package com.sintra.account;

import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password, because the e-mail or the address is blocked for now. */
class SignInThrottledException extends AuthenticationException {

    private final Instant retryAt;

    SignInThrottledException(Instant retryAt) {
        super("Too many sign-in attempts");
        this.retryAt = retryAt;
    }

    Instant retryAt() {
        return retryAt;
    }
}
