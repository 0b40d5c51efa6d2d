package com.sintra.brain;

/**
 * One passage found by a search, with what a caller needs to cite it.
 *
 * @param score cosine similarity, 1 for identical meaning
 */
public record SearchHit(DocumentId documentId, String documentTitle, String source, long chunkId, int position,
                        String content, double score) {
}
