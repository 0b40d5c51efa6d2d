package com.sintra.brain;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.workspace.WorkspaceId;

/**
 * Nearest passages for a query in one workspace. Small workspaces are scanned exactly (exact, and
 * faster than a filtered index scan); a workspace past {@code exactScanLimit} is searched through its
 * own HNSW index, or the shared one with iterative scans until its own is built, and exactly when that
 * index scan comes back short of k, so k passages come back whenever k match. Results are cached
 * under the workspace's brain version, which every document change bumps: a cached result is never stale.
 * Every change of a workspace's brain is recorded through here ({@link #changed}), so the states kept for
 * grounding ({@link #passageQuery}) are dropped with it.
 */
@Component
class BrainSearch {

    enum Strategy { EXACT, OWN_INDEX, SHARED_INDEX }

    /** How long a state read for grounding questions is reused (see {@link #recentState}). */
    static final Duration RECENT_STATE_TTL = Duration.ofSeconds(1);

    private record Key(WorkspaceId workspace, long version, String query, int k, List<KnowledgeBaseId> knowledgeBases,
                       String documentFilter) {
    }

    private final BrainRepository brain;
    private final EmbeddingCache embeddings;
    private final TransactionTemplate readOnly;
    private final BrainProperties properties;
    private final Cache<Key, List<SearchHit>> results;
    private final Cache<WorkspaceId, BrainRepository.State> recentStates =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(RECENT_STATE_TTL).build();

    BrainSearch(BrainRepository brain, EmbeddingCache embeddings, TransactionTemplate transaction, BrainProperties properties) {
        this.brain = brain;
        this.embeddings = embeddings;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.results = Caffeine.newBuilder().maximumSize(properties.searchCacheSize())
                .expireAfterWrite(Duration.ofMinutes(30)).build();
    }

    /** The request is already checked: query normalised, k in range, knowledge bases in this workspace. */
    List<SearchHit> search(WorkspaceId workspace, SearchRequest request) {
        BrainRepository.State state = brain.state(workspace);
        String documentFilter = new DocumentMetadata(request.tags(), request.category()).toFilterJson();
        Key key = new Key(workspace, state.version(), request.query(), request.k(), request.knowledgeBases(), documentFilter);
        List<SearchHit> hits = results.get(key, k -> run(workspace, state, request, documentFilter));
        return request.minScore() == null ? hits
                : hits.stream().filter(hit -> hit.score() >= request.minScore()).toList();
    }

    Strategy strategy(BrainRepository.State state) {
        if (state.vectorIndex() != null) {
            return Strategy.OWN_INDEX;
        }
        return state.chunkCount() <= properties.exactScanLimit() ? Strategy.EXACT : Strategy.SHARED_INDEX;
    }

    private List<SearchHit> run(WorkspaceId workspace, BrainRepository.State state, SearchRequest request, String documentFilter) {
        if (state.chunkCount() == 0) {
            return List.of();
        }
        Embedding query = embeddings.query(request.query());
        Strategy strategy = strategy(state);
        return readOnly.execute(tx -> {
            if (strategy == Strategy.EXACT) {
                return brain.search(BrainRepository.SEARCH_EXACT, workspace, query, request.k(), request.knowledgeBases(), documentFilter);
            }
            brain.useHnswSettings(properties.hnswEfSearch(), properties.hnswMaxScanTuples());
            return brain.search(BrainRepository.SEARCH_INDEXED, workspace, query, request.k(), request.knowledgeBases(), documentFilter);
        });
    }

    /** Records a change of the workspace's brain (see {@link BrainRepository#changed}); drops its recent state. */
    BrainRepository.State changed(WorkspaceId workspace, long chunkDelta) {
        forgetRecentState(workspace);
        return brain.changed(workspace, chunkDelta);
    }

    /** Records the workspace's own vector index, which changes how it is searched; drops its recent state. */
    void recordVectorIndex(WorkspaceId workspace, String indexName) {
        forgetRecentState(workspace);
        brain.recordVectorIndex(workspace, indexName);
    }

    /**
     * The passage expressions for an embedded query, choosing the strategy as {@link #search} does. Runs
     * in the caller's transaction, where it sets the index scan's planner settings if the strategy uses one.
     */
    PassageQuery passageQuery(WorkspaceId workspace, Embedding query, int k, List<KnowledgeBaseId> knowledgeBases) {
        BrainRepository.State state = recentState(workspace);
        if (state.chunkCount() == 0 || knowledgeBases.isEmpty()) {
            return PassageQuery.none();
        }
        var parameters = BrainRepository.searchParameters(workspace, query, k, knowledgeBases, null);
        if (strategy(state) == Strategy.EXACT) {
            return new PassageQuery(BrainRepository.PASSAGES_EXACT, parameters);
        }
        brain.useHnswSettings(properties.hnswEfSearch(), properties.hnswMaxScanTuples());
        return new PassageQuery(BrainRepository.PASSAGES_INDEXED, parameters);
    }

    /**
     * The state as read at most {@link #RECENT_STATE_TTL} ago. A chat question needs it only to choose how to
     * search (and to skip an empty brain), and reading it afresh cost every question a round trip. Changes made
     * through this node are seen as soon as they commit; another node's within the TTL. Not for anything keyed
     * by the version: {@link #search} reads the state afresh.
     */
    private BrainRepository.State recentState(WorkspaceId workspace) {
        BrainRepository.State recent = recentStates.getIfPresent(workspace);
        if (recent == null) {
            // Read outside the cache's own locking: a database round trip must not hold it.
            recent = brain.state(workspace);
            recentStates.put(workspace, recent);
        }
        return recent;
    }

    /** Drops the recent state now and again when the changing transaction ends, so no read in between outlives it. */
    private void forgetRecentState(WorkspaceId workspace) {
        recentStates.invalidate(workspace);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recentStates.invalidate(workspace);
                }
            });
        }
    }
}
