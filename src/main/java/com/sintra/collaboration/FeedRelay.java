package com.sintra.collaboration;

/**
 * Carries collaboration events between nodes. A node's feeds deliver to their own subscribers themselves and
 * hand each event to the relay for the other nodes; the relay hands the other nodes' events back
 * ({@link Receiver}). A node follows a collaboration ({@link #follow}) while it has subscribers of it. See
 * docs/decisions/0018-collaboration-relay.md.
 */
interface FeedRelay {

    /** What the relay reports to this node's feeds. */
    interface Receiver {

        /** Another node's event for a collaboration this node follows. */
        void received(CollaborationId id, FeedEvent event);

        /** Events of other nodes may have been lost (the connection between nodes was down, and is back). */
        void reconnected();
    }

    /** Set once, by the feeds, before anything else is called. */
    void start(Receiver receiver);

    /** This node's name, unique among the nodes (presence is kept per node). */
    String node();

    /** Sends the event to the other nodes that follow the collaboration; never blocks, never throws. */
    void publish(CollaborationId id, FeedEvent event);

    /** This node has a first subscriber of the collaboration. */
    void follow(CollaborationId id);

    /** This node's last subscriber of the collaboration left. */
    void unfollow(CollaborationId id);

    /** The collaborations followed; for tests and metrics. */
    int following();
}
