package com.sintra.account;

/** A user's display name changed (by themselves or an administrator); published inside the writing transaction. */
public record UserRenamed(UserId user, String displayName) {
}
