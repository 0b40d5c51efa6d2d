package com.sintra.brain;

import java.util.List;

/**
 * A semantic search in one workspace.
 *
 * @param knowledgeBases only these knowledge bases; empty for all of the workspace's
 * @param tags           only documents carrying all of these tags; empty for any
 * @param category       only documents of this category; null or blank for any
 * @param minScore       drop hits whose cosine similarity is below this; null for no threshold
 */
public record SearchRequest(String query, int k, List<KnowledgeBaseId> knowledgeBases, List<String> tags,
                            String category, Double minScore) {

    public SearchRequest {
        knowledgeBases = knowledgeBases == null ? List.of() : List.copyOf(knowledgeBases);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static SearchRequest of(String query, int k) {
        return new SearchRequest(query, k, List.of(), List.of(), null, null);
    }
}
