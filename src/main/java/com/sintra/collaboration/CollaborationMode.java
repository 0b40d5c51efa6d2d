package com.sintra.collaboration;

/** Who speaks next when no agent is named with @ (a mention always wins). */
public enum CollaborationMode {
    /** The participating agents in turn, in the order they joined. */
    ROUND_ROBIN,
    /** Agents stay silent unless a message names them. */
    MENTIONED_ONLY,
    /** The agent whose role and knowledge best fit the latest messages. */
    ORCHESTRATED
}
