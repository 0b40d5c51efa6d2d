package com.sintra.collaboration;

/** Who may find and join a collaboration without being invited (docs/decisions/0017-collaboration-membership.md). */
public enum Visibility {
    /** Every member of the workspace may find it and join; until they do, they see its title, not its messages. */
    WORKSPACE,
    /** Only its participants know it exists: to everyone else it is "not found". */
    INVITED
}
