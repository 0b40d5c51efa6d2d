package com.sintra.account;

/** An API key with its owner, as administrators list every user's keys. */
public record OwnedApiKey(ApiKey key, UserId ownerId, String ownerEmail) {
}
