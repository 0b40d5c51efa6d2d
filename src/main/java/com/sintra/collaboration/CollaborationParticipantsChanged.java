package com.sintra.collaboration;

import java.util.List;

import com.sintra.account.UserId;

/**
 * People or agents joined or left; {@code removedUsers} no longer take part, and their open feeds of the
 * collaboration end on every node. Inside the transaction.
 */
public record CollaborationParticipantsChanged(CollaborationId id, List<UserId> removedUsers) {

    public CollaborationParticipantsChanged {
        removedUsers = List.copyOf(removedUsers);
    }
}
