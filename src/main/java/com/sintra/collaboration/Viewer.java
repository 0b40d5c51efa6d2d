package com.sintra.collaboration;

import com.sintra.account.UserId;

/** A person who has a collaboration open right now (presence), or is writing in it (typing). */
public record Viewer(UserId user, String name) {
}
