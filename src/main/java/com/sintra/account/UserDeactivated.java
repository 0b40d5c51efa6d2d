package com.sintra.account;

/** An administrator deactivated the user: their sessions end and their API keys are revoked. */
public record UserDeactivated(UserId user) {
}
