package com.sintra.collaboration;

import java.time.Duration;

/**
 * Reaches the agents' runs on the other nodes. A run goes on on the node where it started ({@link AgentTurns});
 * a stop (or a complete) asked on another node is carried to it here. A pause needs no relay: it is the
 * collaboration's status in the database, which a run reads before every answer.
 */
interface RunRelay {

    /**
     * Stops the collaboration's run on whichever other node has one, waiting up to {@code awaitEnd} for it to
     * end (its stopped answer stored); false when no other node had one, or none answered in time.
     */
    boolean stop(CollaborationId id, Duration awaitEnd);

    /** Whether another node runs agents in the collaboration. */
    boolean running(CollaborationId id);
}
