package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.IntegrationTest;
import com.sintra.cluster.ClusterMessaging;
import com.sintra.cluster.ClusterProperties;
import com.sintra.cluster.SharedCaches;
import com.sintra.workspace.WorkspaceId;

/**
 * Two nodes' brain searches, each with a {@link ClusterMessaging} of its own on the real Redis, over the real
 * database: a change of a workspace's brain on one node reaches the other's memory as soon as it commits.
 */
class BrainSearchAcrossNodesTest extends IntegrationTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("SINTRA_REDIS_URL", "redis://localhost:6379");

    @Autowired
    BrainRepository brain;

    @Autowired
    EmbeddingCache embeddings;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    BrainProperties properties;

    @Autowired
    ObjectMapper json;

    private final List<ClusterMessaging> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(ClusterMessaging::close);
    }

    @Test
    void a_change_committed_on_one_node_drops_the_workspaces_recent_state_on_the_other_well_within_its_ttl() {
        BrainSearch a = node();
        BrainSearch b = node();
        WorkspaceId workspace = fixtures.newWorkspace(fixtures.newUser());
        Embedding query = embeddings.query("refunds");
        transaction.executeWithoutResult(tx -> b.passageQuery(workspace, query, 5, List.of()));
        long read = System.nanoTime();
        assertThat(b.remembers(workspace)).isTrue();

        transaction.executeWithoutResult(tx -> a.changed(workspace, 3));

        await().atMost(Duration.ofMillis(400)).pollInterval(Duration.ofMillis(10)).until(() -> !b.remembers(workspace));
        assertThat(Duration.ofNanos(System.nanoTime() - read)).as("not the TTL's doing")
                .isLessThan(BrainSearch.RECENT_STATE_TTL);
    }

    @Test
    void a_change_rolled_back_is_not_announced() throws InterruptedException {
        BrainSearch a = node();
        BrainSearch b = node();
        WorkspaceId workspace = fixtures.newWorkspace(fixtures.newUser());
        Embedding query = embeddings.query("refunds");
        transaction.executeWithoutResult(tx -> b.passageQuery(workspace, query, 5, List.of()));

        transaction.executeWithoutResult(tx -> {
            a.changed(workspace, 3);
            tx.setRollbackOnly();
        });

        Thread.sleep(200);
        assertThat(b.remembers(workspace)).isTrue();
    }

    private BrainSearch node() {
        ClusterMessaging messaging = new ClusterMessaging(ClusterProperties.of(REDIS_URL));
        nodes.add(messaging);
        BrainSearch search = new BrainSearch(brain, embeddings, transaction, properties,
                new SharedCaches(Optional.of(messaging)), json);
        await().atMost(Duration.ofSeconds(10)).until(messaging::connected);
        // The brain's channel, and SharedCaches' own for caches cleared by an administrator.
        await().atMost(Duration.ofSeconds(5)).until(() -> messaging.listening() == 2);
        return search;
    }
}
