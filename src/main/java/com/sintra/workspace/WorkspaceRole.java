package com.sintra.workspace;

/** A member's role, from most to least powerful. */
public enum WorkspaceRole {
    /** Manages members, renames and archives. */
    OWNER,
    /** Changes content: agents, documents, collaborations. */
    EDITOR,
    /** Reads, searches and chats. */
    VIEWER;

    public boolean atLeast(WorkspaceRole required) {
        return ordinal() <= required.ordinal();
    }
}
