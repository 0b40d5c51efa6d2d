package com.sintra.collaboration;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** One node, no other to tell: its feeds deliver everything to their own subscribers. */
@Component
@Profile("!cluster")
class SingleNodeRelay implements FeedRelay {

    private final String node = "node-" + UUID.randomUUID();
    private final Set<CollaborationId> followed = ConcurrentHashMap.newKeySet();

    @Override
    public void start(Receiver receiver) {
        // Nothing ever arrives from elsewhere.
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public void publish(CollaborationId id, FeedEvent event) {
        // No other node.
    }

    @Override
    public void follow(CollaborationId id) {
        followed.add(id);
    }

    @Override
    public void unfollow(CollaborationId id) {
        followed.remove(id);
    }

    @Override
    public int following() {
        return followed.size();
    }
}
