package com.sintra.brain;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.sintra.HotQuery;
import com.sintra.PlanData;
import com.sintra.workspace.WorkspaceId;

/**
 * The brain's hot queries, search in each of its per-workspace forms (docs/decisions/0004) among them: the
 * exact scan of a small workspace, and the index scan of a large one through the shared HNSW index and
 * through its own. Also what grounding a chat question binds of them ({@link #passages}).
 */
public final class BrainHotQueries {

    private static final int K = 10;
    private static final String SHARED_INDEX = "brain_chunks_embedding_hnsw_idx";
    private static final String WORKSPACE_INDEX = "brain_chunks_workspace_active_idx";

    private BrainHotQueries() {
    }

    public static List<HotQuery> queries(PlanData data) {
        PlanData.Brain small = new PlanData.Brain(data.workspace(), data.conversation(), data.knowledgeBases());
        return List.of(
                new HotQuery("the command palette finds a workspace's knowledge bases by a few letters",
                        BrainRepository.KNOWLEDGE_BASES_MATCHING,
                        Map.of("workspace", data.workspace(), "pattern", "%knowledge%", "limit", 5),
                        "knowledge_bases_workspace_name_key"),
                new HotQuery("the command palette finds a workspace's active documents by a few letters",
                        BrainRepository.DOCUMENTS_MATCHING,
                        Map.of("workspace", data.workspace(), "pattern", "%document%", "limit", 5),
                        "brain_documents_workspace_active_created_idx"),
                new HotQuery("search reads the workspace's brain state, which picks how it searches", BrainRepository.STATE,
                        Map.of("workspace", data.workspace()), "brain_workspace_state_pkey"),
                new HotQuery("a small workspace is searched exactly, off its active chunks' index", BrainRepository.SEARCH_EXACT,
                        parameters(small, List.of(), null), WORKSPACE_INDEX),
                new HotQuery("a small workspace searched in some knowledge bases and by tag is still read off that index",
                        BrainRepository.SEARCH_EXACT,
                        parameters(small, small.knowledgeBases().subList(0, 1), "{\"tags\": [\"tag-1\"]}"), WORKSPACE_INDEX),
                indexSearch(new HotQuery("a large workspace without its own index is searched through the shared HNSW index",
                        BrainRepository.SEARCH_INDEXED, parameters(data.sharedIndexed(), List.of(), null), SHARED_INDEX)),
                indexSearch(new HotQuery("a large workspace with its own index is searched through it",
                        BrainRepository.SEARCH_INDEXED, parameters(data.ownIndexed(), List.of(), null), ownIndex(data))));
    }

    /**
     * The passage expressions grounding a question in this workspace binds, over all its knowledge bases (as
     * an agent drawing on them asks), composed as {@link BrainSearch#passageQuery} composes them for this
     * strategy: the exact ones, or the indexed ones (whose index the planner picks).
     */
    public static PassageQuery passages(PlanData.Brain brain, boolean exact) {
        return new PassageQuery(exact ? BrainRepository.PASSAGES_EXACT : BrainRepository.PASSAGES_INDEXED,
                parameters(brain, brain.knowledgeBases(), null));
    }

    /** The query, planned after the settings an index search runs under ({@link BrainRepository#useHnswSettings}). */
    public static HotQuery indexSearch(HotQuery query) {
        BrainProperties defaults = TestBrainProperties.with(Map.of());
        return query.after(BrainRepository.HNSW_SETTINGS, Map.of("ef", Integer.toString(defaults.hnswEfSearch()),
                "maxScanTuples", Integer.toString(defaults.hnswMaxScanTuples())));
    }

    /** The own HNSW index of the plan data's workspace that has one. */
    public static String ownIndex(PlanData data) {
        return VectorIndexes.indexName(new WorkspaceId(data.ownIndexed().workspace()));
    }

    public static String sharedIndex() {
        return SHARED_INDEX;
    }

    public static String workspaceIndex() {
        return WORKSPACE_INDEX;
    }

    private static Map<String, Object> parameters(PlanData.Brain brain, List<UUID> knowledgeBases, String documentFilter) {
        return BrainRepository.searchParameters(new WorkspaceId(brain.workspace()), query(), K,
                knowledgeBases.stream().map(KnowledgeBaseId::new).toList(), documentFilter);
    }

    private static Embedding query() {
        Random random = new Random(7);
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat();
        }
        return new Embedding(vector);
    }
}
