package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.PlanData;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;

/**
 * A small workspace inside a large table: a filtered HNSW scan's candidate list fills up with other
 * workspaces' chunks and can return fewer than k rows. Sintra's search must still return k, through
 * the exact scan it picks for small workspaces and through the iterative index scan alike.
 */
class FilteredSearchGuaranteeTest extends IntegrationTest {

    private static final int SMALL = 12;

    @Autowired
    BrainRepository brain;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    BrainSearch search;

    private static WorkspaceId small;

    @BeforeAll
    static void seed(@Autowired com.sintra.Fixtures fixtures, @Autowired JdbcTemplate jdbcTemplate,
                     @Autowired JdbcClient jdbc, @Autowired BrainRepository brain) {
        // The hot-query seed puts 10,000 chunks of 1,000 other workspaces into the table.
        PlanData.seed(jdbcTemplate, jdbc);
        User owner = fixtures.newUser();
        small = fixtures.newWorkspace(owner);
        insertRandomChunks(jdbc, owner, small, SMALL);
        brain.changed(small, SMALL);
        jdbc.sql("ANALYZE brain_chunks").update();
    }

    @Test
    void a_small_workspace_is_searched_exactly_and_gets_k_rows() {
        BrainRepository.State state = brain.state(small);
        assertThat(search.strategy(state)).isEqualTo(BrainSearch.Strategy.EXACT);
        List<SearchHit> hits = transaction.execute(tx ->
                brain.search(BrainRepository.SEARCH_EXACT, small, randomVector(), 10, List.of(), null));
        assertThat(hits).hasSize(10);
    }

    @Test
    void the_iterative_index_scan_also_returns_k_rows_for_a_small_workspace() {
        List<SearchHit> hits = transaction.execute(tx -> {
            brain.useHnswSettings(40);
            return brain.search(BrainRepository.SEARCH_INDEXED, small, randomVector(), 10, List.of(), null);
        });
        assertThat(hits).hasSize(10);
    }

    private static void insertRandomChunks(JdbcClient jdbc, User owner, WorkspaceId workspace, int count) {
        UUID kb = jdbc.sql("INSERT INTO knowledge_bases (workspace_id, name, created_by) VALUES (:w, 'Random', :u) RETURNING id")
                .param("w", workspace.value()).param("u", owner.id().value()).query(UUID.class).single();
        UUID document = jdbc.sql("""
                        INSERT INTO brain_documents (workspace_id, knowledge_base_id, title, media_type, size_bytes, content_hash, created_by)
                        VALUES (:w, :kb, 'Random vectors', 'text/plain', 0, md5(random()::text), :u) RETURNING id""")
                .param("w", workspace.value()).param("kb", kb).param("u", owner.id().value()).query(UUID.class).single();
        jdbc.sql("""
                        INSERT INTO brain_chunks (document_id, workspace_id, knowledge_base_id, position, content, token_count, embedding)
                        SELECT :d, :w, :kb, g, 'chunk ' || g, 2,
                               (SELECT array_agg(random() - 0.5)::vector(384) FROM generate_series(1, 384) WHERE g >= 0)
                        FROM generate_series(0, :n - 1) g""")
                .param("d", document).param("w", workspace.value()).param("kb", kb).param("n", count).update();
    }

    private static float[] randomVector() {
        java.util.Random random = new java.util.Random(42);
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() - 0.5f;
        }
        return vector;
    }
}
