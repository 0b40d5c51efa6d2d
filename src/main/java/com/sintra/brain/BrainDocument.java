package com.sintra.brain;

import java.time.Instant;
import java.util.List;

/** A stored document: only complete documents exist, since ingestion writes a document and its chunks at once. */
public record BrainDocument(DocumentId id, KnowledgeBaseId knowledgeBaseId, String title, String source,
                            String mediaType, long sizeBytes, int chunkCount, boolean active, List<String> tags,
                            String category, Instant createdAt) {
}
