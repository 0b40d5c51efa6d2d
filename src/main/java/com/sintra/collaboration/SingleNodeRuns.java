package com.sintra.collaboration;

import java.time.Duration;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** One node: every run is this node's own. */
@Component
@Profile("!cluster")
class SingleNodeRuns implements RunRelay {

    @Override
    public boolean stop(CollaborationId id, Duration awaitEnd) {
        return false;
    }

    @Override
    public boolean running(CollaborationId id) {
        return false;
    }
}
