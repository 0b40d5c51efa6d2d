package com.sintra.collaboration;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Relays between nodes in one process, for tests of several nodes' feeds without Redis: like Redis pub/sub, an
 * event reaches, in the order published and on another thread, the other nodes that follow its collaboration.
 */
final class LinkedRelays implements AutoCloseable {

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final ExecutorService wire = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "linked-relays");
        thread.setDaemon(true);
        return thread;
    });

    /** A relay for one more node. */
    FeedRelay relay() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    @Override
    public void close() {
        wire.shutdownNow();
    }

    private final class Node implements FeedRelay {

        private final String name = "node-" + UUID.randomUUID();
        private final Set<CollaborationId> followed = ConcurrentHashMap.newKeySet();
        private volatile Receiver receiver;

        @Override
        public void start(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public String node() {
            return name;
        }

        @Override
        public void publish(CollaborationId id, FeedEvent event) {
            wire.execute(() -> nodes.stream().filter(n -> n != this && n.followed.contains(id))
                    .forEach(n -> n.receiver.received(id, event)));
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
}
