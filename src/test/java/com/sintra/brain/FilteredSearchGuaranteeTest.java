package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.IntegrationTest;
import com.sintra.Plan;
import com.sintra.PlanData;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;

/**
 * A small workspace inside a large table: a filtered HNSW scan's candidate list fills up with other
 * workspaces' chunks and can return fewer than k rows. Sintra's search must still return k, through
 * the exact scan it picks for small workspaces and through the iterative index scan alike. Each test
 * checks the plan of the very statement it runs, so it exercises the path its name gives.
 * <p>
 * The iterative scan goes on past its candidate list until k rows pass the filter, but only for
 * {@code hnsw.max_scan_tuples} index tuples (pgvector's default, 20,000, which Sintra leaves alone). The
 * table here holds more than that, so where twelve chunks lie in the graph would decide the outcome: the
 * test gives the scan a budget covering the table, and so checks the iterative scan, not the budget.
 */
class FilteredSearchGuaranteeTest extends IntegrationTest {

    private static final int SMALL = 12;
    private static final int K = 10;
    private static final String SHARED_INDEX = "brain_chunks_embedding_hnsw_idx";

    @Autowired
    BrainRepository brain;

    @Autowired
    BrainSearch search;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    private static WorkspaceId small;

    @BeforeAll
    static void seed(@Autowired com.sintra.Fixtures fixtures, @Autowired JdbcTemplate jdbcTemplate,
                     @Autowired JdbcClient jdbc, @Autowired BrainSearch search) {
        // The hot-query seed puts 30,000 chunks of 1,000 other workspaces into the table.
        PlanData.seed(jdbcTemplate, jdbc);
        User owner = fixtures.newUser();
        small = fixtures.newWorkspace(owner);
        insertRandomChunks(jdbc, owner, small, SMALL);
        search.changed(small, SMALL);
        jdbc.sql("ANALYZE brain_chunks").update();
    }

    @Test
    void a_small_workspace_is_searched_exactly_and_gets_k_rows() {
        assertThat(search.strategy(brain.state(small))).isEqualTo(BrainSearch.Strategy.EXACT);
        List<SearchHit> hits = transaction.execute(tx -> {
            Plan plan = Plan.of(jdbc, BrainRepository.SEARCH_EXACT, parameters());
            assertThat(plan.indexes()).as(plan.json()).contains("brain_chunks_workspace_active_idx").doesNotContain(SHARED_INDEX);
            return brain.search(BrainRepository.SEARCH_EXACT, small, randomVector(), K, List.of(), null);
        });
        assertThat(hits).hasSize(K);
    }

    @Test
    void the_iterative_index_scan_also_returns_k_rows_for_a_small_workspace() {
        String budget = Long.toString(jdbc.sql("SELECT count(*) + 1000 FROM brain_chunks").query(Long.class).single());
        assertThat(searchThroughTheSharedIndex("hnsw.max_scan_tuples", budget)).hasSize(K);
    }

    /** What the iterative scan is for: without it, the same index scan finds (almost) none of the workspace's chunks. */
    @Test
    void the_same_index_scan_without_iterative_scans_returns_fewer_than_k_rows() {
        assertThat(searchThroughTheSharedIndex("hnsw.iterative_scan", "off")).hasSizeLessThan(K);
    }

    /**
     * Searches as an index search does, with one setting changed. The planner reads a twelve-chunk workspace off
     * its b-tree and sorts it, which is right for a workspace this small. Priced out of sorting, it takes the
     * ordered scan of the shared HNSW index instead, as it does for a large workspace whose filters leave few
     * chunks: the case the iterative scan is for. The plan is checked before the search runs.
     */
    private List<SearchHit> searchThroughTheSharedIndex(String setting, String value) {
        return transaction.execute(tx -> {
            brain.useHnswSettings(40);
            set(setting, value);
            set("enable_sort", "off");
            Plan plan = Plan.of(jdbc, BrainRepository.SEARCH_INDEXED, parameters());
            assertThat(plan.indexes()).as(plan.json()).contains(SHARED_INDEX);
            return brain.search(BrainRepository.SEARCH_INDEXED, small, randomVector(), K, List.of(), null);
        });
    }

    private void set(String setting, String value) {
        jdbc.sql("SELECT set_config(:setting, :value, true)").param("setting", setting).param("value", value)
                .query((rs, n) -> 1).list();
    }

    private static Map<String, Object> parameters() {
        return BrainRepository.searchParameters(small, new Embedding(randomVector()), K, List.of(), null);
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
