package com.sintra.brain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.cluster.CacheCodec;
import com.sintra.cluster.SharedCaches;
import com.sintra.cluster.TwoLevelCache;
import com.sintra.workspace.WorkspaceId;

/**
 * Nearest passages for a query in one workspace. Small workspaces are scanned exactly (exact, and
 * faster than a filtered index scan); a workspace past {@code exactScanLimit} is searched through its
 * own HNSW index, or the shared one with iterative scans until its own is built, and exactly when that
 * index scan comes back short of k, so k passages come back whenever k match. Results are cached
 * under the workspace's brain version, which every document change bumps: a cached result is never stale.
 * Every change of a workspace's brain is recorded through here ({@link #changed}), so the states kept for
 * grounding ({@link #passageQuery}) are dropped with it.
 * <p>
 * Under the {@code cluster} profile the results are shared through Redis under the same versioned key, and a
 * change, once committed, is announced to the other nodes, which drop the workspace's recent state and its
 * results of older versions from memory at once (docs/decisions/0023).
 */
@Component
class BrainSearch {

    enum Strategy { EXACT, OWN_INDEX, SHARED_INDEX }

    /** How long a state read for grounding questions is reused (see {@link #recentState}). */
    static final Duration RECENT_STATE_TTL = Duration.ofSeconds(1);
    static final Duration RESULTS_TTL = Duration.ofMinutes(30);
    /** Announcements of brain changes: "workspace version", version 0 when only the way to search changed. */
    static final String CHANGES = "brain-changed";

    private record Key(WorkspaceId workspace, long version, String query, int k, List<KnowledgeBaseId> knowledgeBases,
                       String documentFilter) {
    }

    private final BrainRepository brain;
    private final EmbeddingCache embeddings;
    private final TransactionTemplate readOnly;
    private final BrainProperties properties;
    private final TwoLevelCache<Key, List<SearchHit>> results;
    private final SharedCaches caches;
    private final Cache<WorkspaceId, BrainRepository.State> recentStates;

    BrainSearch(BrainRepository brain, EmbeddingCache embeddings, TransactionTemplate transaction, BrainProperties properties,
                SharedCaches caches, ObjectMapper json) {
        this.brain = brain;
        this.embeddings = embeddings;
        this.properties = properties;
        this.caches = caches;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.recentStates = caches.local("brain-recent-state",
                Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(RECENT_STATE_TTL));
        this.results = caches.twoLevel("brain-search", Caffeine.newBuilder().maximumSize(properties.searchCacheSize())
                        .expireAfterWrite(RESULTS_TTL), RESULTS_TTL, BrainSearch::redisKey,
                CacheCodec.json(json, json.getTypeFactory().constructCollectionType(List.class, SearchHit.class)));
        caches.listen(CHANGES, new SharedCaches.Invalidations() {
            @Override
            public void announced(String message) {
                otherNodeChanged(message);
            }

            @Override
            public void missed() {
                recentStates.invalidateAll();
            }
        });
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

    /**
     * Records a change of the workspace's brain (see {@link BrainRepository#changed}); drops its recent state,
     * here and, once committed, on the other nodes.
     */
    BrainRepository.State changed(WorkspaceId workspace, long chunkDelta) {
        forgetRecentState(workspace);
        BrainRepository.State state = brain.changed(workspace, chunkDelta);
        announce(workspace, state.version());
        return state;
    }

    /** Records the workspace's own vector index, which changes how it is searched; drops its recent state. */
    void recordVectorIndex(WorkspaceId workspace, String indexName) {
        forgetRecentState(workspace);
        brain.recordVectorIndex(workspace, indexName);
        announce(workspace, 0);
    }

    /** Whether this search's results are cached at the workspace's current version; for tests. */
    boolean cached(WorkspaceId workspace, SearchRequest request) {
        String documentFilter = new DocumentMetadata(request.tags(), request.category()).toFilterJson();
        return results.getIfPresent(new Key(workspace, brain.state(workspace).version(), request.query(), request.k(),
                request.knowledgeBases(), documentFilter)) != null;
    }

    /** Whether this node keeps a recent state of the workspace; for tests. */
    boolean remembers(WorkspaceId workspace) {
        return recentStates.getIfPresent(workspace) != null;
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

    /** Tells the other nodes once the change is committed (at once outside a transaction). */
    private void announce(WorkspaceId workspace, long version) {
        String message = workspace.value() + " " + version;
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            caches.announce(CHANGES, message);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                caches.announce(CHANGES, message);
            }
        });
    }

    /** Another node changed a workspace's brain: its recent state and its results of older versions go. */
    private void otherNodeChanged(String message) {
        String[] parts = message.split(" ");
        Optional<WorkspaceId> workspace = WorkspaceId.parse(parts[0]);
        if (workspace.isEmpty() || parts.length != 2 || !parts[1].chars().allMatch(Character::isDigit)) {
            return;
        }
        long version = Long.parseLong(parts[1]);
        recentStates.invalidate(workspace.get());
        if (version > 0) {
            results.forgetLocally(key -> key.workspace().equals(workspace.get()) && key.version() < version);
        }
    }

    /** The Redis key: the workspace and version in clear (what makes results stale), the rest hashed. */
    private static String redisKey(Key key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(key.query(), Integer.toString(key.k()), key.knowledgeBases().toString(),
                    String.valueOf(key.documentFilter()))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return key.workspace().value() + ":" + key.version() + ":" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
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
