package com.sintra.brain;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.sintra.workspace.WorkspaceId;

/**
 * Gives a workspace its own HNSW index once it outgrows exact scans. A filtered scan of the shared
 * index loses recall when the workspace is a small share of the table (docs/decisions/0004); a partial
 * index holds only the workspace's chunks, so its scans need no workspace filter at all.
 */
@Component
class VectorIndexes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VectorIndexes.class);

    private final JdbcTemplate jdbc;
    private final BrainSearch search;
    private final BrainProperties properties;
    private final Set<WorkspaceId> building = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "vector-index-builder");
        thread.setDaemon(true);
        return thread;
    });

    VectorIndexes(JdbcTemplate jdbc, BrainSearch search, BrainProperties properties) {
        this.jdbc = jdbc;
        this.search = search;
        this.properties = properties;
    }

    /** Starts building the workspace's own index in the background when it has grown past exact scans. */
    void considerBuilding(WorkspaceId workspace, BrainRepository.State state) {
        if (state.vectorIndex() == null && state.chunkCount() > properties.exactScanLimit() && building.add(workspace)) {
            executor.execute(() -> {
                try {
                    build(workspace);
                } finally {
                    building.remove(workspace);
                }
            });
        }
    }

    /** Builds the index now; CONCURRENTLY, so ingestion and search go on meanwhile. */
    void build(WorkspaceId workspace) {
        String name = indexName(workspace);
        try {
            // DDL cannot take bind parameters. The only value in it is a java.util.UUID's own
            // rendering (hex digits and dashes), never user text.
            jdbc.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
            jdbc.execute("CREATE INDEX CONCURRENTLY " + name + " ON brain_chunks USING hnsw (embedding vector_cosine_ops)"
                    + " WITH (m = " + properties.hnswM() + ", ef_construction = " + properties.hnswEfConstruction() + ")"
                    + " WHERE workspace_id = '" + workspace.value() + "'");
            search.recordVectorIndex(workspace, name);
            log.info("Built vector index {} for workspace {}", name, workspace);
        } catch (RuntimeException e) {
            log.warn("Could not build the vector index of workspace {}; search stays on the shared index", workspace, e);
        }
    }

    static String indexName(WorkspaceId workspace) {
        return "brain_chunks_hnsw_" + workspace.value().toString().replace("-", "");
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
