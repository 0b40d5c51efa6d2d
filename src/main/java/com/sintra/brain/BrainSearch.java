package com.sintra.brain;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.workspace.WorkspaceId;

/**
 * Nearest passages for a query in one workspace. Small workspaces are scanned exactly (exact, and
 * faster than a filtered index scan); a workspace past {@code exactScanLimit} is searched through its
 * own HNSW index, or the shared one with iterative scans until its own is built. Results are cached
 * under the workspace's brain version, which every document change bumps: a cached result is never stale.
 */
@Component
class BrainSearch {

    enum Strategy { EXACT, OWN_INDEX, SHARED_INDEX }

    private record Key(WorkspaceId workspace, long version, String query, int k, List<KnowledgeBaseId> knowledgeBases,
                       String documentFilter) {
    }

    private final BrainRepository brain;
    private final EmbeddingCache embeddings;
    private final TransactionTemplate readOnly;
    private final BrainProperties properties;
    private final Cache<Key, List<SearchHit>> results;

    BrainSearch(BrainRepository brain, EmbeddingCache embeddings, TransactionTemplate transaction, BrainProperties properties) {
        this.brain = brain;
        this.embeddings = embeddings;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.results = Caffeine.newBuilder().maximumSize(properties.searchCacheSize())
                .expireAfterWrite(Duration.ofMinutes(30)).recordStats().build();
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
            brain.useHnswSettings(properties.hnswEfSearch());
            return brain.search(BrainRepository.SEARCH_INDEXED, workspace, query, request.k(), request.knowledgeBases(), documentFilter);
        });
    }

    /**
     * The passage expressions for an embedded query, choosing the strategy as {@link #search} does. Runs
     * in the caller's transaction, where it sets the index scan's planner settings if the strategy uses one.
     */
    PassageQuery passageQuery(WorkspaceId workspace, Embedding query, int k, List<KnowledgeBaseId> knowledgeBases) {
        BrainRepository.State state = brain.recentState(workspace);
        if (state.chunkCount() == 0 || knowledgeBases.isEmpty()) {
            return PassageQuery.none();
        }
        var parameters = BrainRepository.searchParameters(workspace, query, k, knowledgeBases, null);
        if (strategy(state) == Strategy.EXACT) {
            return new PassageQuery(BrainRepository.PASSAGES_EXACT, parameters);
        }
        brain.useHnswSettings(properties.hnswEfSearch());
        return new PassageQuery(BrainRepository.PASSAGES_INDEXED, parameters);
    }

    com.github.benmanes.caffeine.cache.stats.CacheStats cacheStats() {
        return results.stats();
    }
}
