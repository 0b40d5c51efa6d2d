package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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
 * the exact scan it picks for small workspaces and through the index search alike. Each test checks
 * the plan of the very statement it runs, so it exercises the path its name gives.
 * <p>
 * The iterative scan goes on past its candidate list until k rows pass the filter, but only for
 * {@code hnsw.max_scan_tuples} index tuples (and only while its memory lasts): twelve chunks among
 * 30,000 are often not all reached. The index search then falls back to the exact scan in the same
 * statement. The tests give the scan a budget of a few tuples, so it runs out every time.
 */
class FilteredSearchGuaranteeTest extends IntegrationTest {

    private static final int SMALL = 12;
    private static final int K = 10;
    private static final String SHARED_INDEX = "brain_chunks_embedding_hnsw_idx";
    private static final String WORKSPACE_INDEX = "brain_chunks_workspace_active_idx";
    /** Far fewer index tuples than the scan passes over before it reaches the small workspace's chunks: it runs out every time. */
    private static final int BUDGET = 5;

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
            assertThat(plan.indexes()).as(plan.json()).contains(WORKSPACE_INDEX).doesNotContain(SHARED_INDEX);
            return brain.search(BrainRepository.SEARCH_EXACT, small, randomVector(), K, List.of(), null);
        });
        assertThat(hits).hasSize(K);
    }

    @Test
    void the_index_search_returns_k_rows_when_its_index_scan_runs_out_of_budget() {
        List<SearchHit> hits = throughTheSharedIndex(BrainRepository.SEARCH_INDEXED, this::searchIndexed, SHARED_INDEX, WORKSPACE_INDEX);
        assertThat(hits).hasSize(K);
        assertThat(hits).extracting(SearchHit::chunkId).containsExactlyElementsOf(
                transaction.execute(tx -> brain.search(BrainRepository.SEARCH_EXACT, small, randomVector(), K, List.of(), null))
                        .stream().map(SearchHit::chunkId).toList());
    }

    /** What the fallback is for: the same index scan alone, on the same budget, comes back short. */
    @Test
    void the_index_scan_alone_returns_fewer_than_k_rows_when_it_runs_out_of_budget() {
        String indexScanAlone = "WITH " + BrainRepository.INDEX_SCAN + " SELECT id FROM indexed";
        List<Long> ids = throughTheSharedIndex(indexScanAlone, () -> jdbc.sql(indexScanAlone).params(parameters())
                .query(Long.class).list(), SHARED_INDEX);
        assertThat(ids).hasSizeLessThan(K);
    }

    /**
     * Runs a statement as an index search runs, on a scan budget of {@value #BUDGET} tuples. The planner reads
     * a twelve-chunk workspace off its b-tree and sorts it, which is right for a workspace this small. Priced
     * out of sorting, it takes the ordered scan of the shared HNSW index instead, as it does for a large
     * workspace whose filters leave few chunks: the case the iterative scan is for. The plan is checked before
     * the statement runs: it must read the indexes given, the shared one among them.
     */
    private <T> T throughTheSharedIndex(String sql, Supplier<T> run, String... reads) {
        return transaction.execute(tx -> {
            brain.useHnswSettings(40, BUDGET);
            set("enable_sort", "off");
            Plan plan = Plan.of(jdbc, sql, parameters());
            assertThat(plan.indexes()).as(plan.json()).contains(reads);
            return run.get();
        });
    }

    private List<SearchHit> searchIndexed() {
        return brain.search(BrainRepository.SEARCH_INDEXED, small, randomVector(), K, List.of(), null);
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
