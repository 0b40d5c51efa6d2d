package com.sintra.collaboration;

import java.time.Duration;

/** Feed settings for tests that build the registry (and relays) without the application. */
final class FeedsForTests {

    private FeedsForTests() {
    }

    static CollaborationProperties properties(Duration deliveryInterval, int maxPendingChanges) {
        return properties(deliveryInterval, maxPendingChanges, "sintra:collaboration:");
    }

    static CollaborationProperties properties(Duration deliveryInterval, int maxPendingChanges, String channelPrefix) {
        return new CollaborationProperties(8000, 50, 8, 100_000, 50, 500, deliveryInterval, 2, 4, maxPendingChanges,
                Duration.ofSeconds(6), Duration.ofSeconds(15), Duration.ofSeconds(45), channelPrefix,
                16, 20, Duration.ofSeconds(20), Duration.ofMinutes(2));
    }
}
