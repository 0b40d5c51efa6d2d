package com.sintra.account;

/** What an administrator fills in to create a user; checked by {@link AccountService#createUser}. */
public record NewUser(String email, String displayName, String password, Role role) {
}
