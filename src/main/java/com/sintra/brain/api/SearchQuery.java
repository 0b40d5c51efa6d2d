package com.sintra.brain.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A semantic search in one workspace's brain")
record SearchQuery(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "How do we onboard a new customer?") String query,
        @Schema(description = "How many passages to return, 1 to 50", defaultValue = "10") Integer k,
        @Schema(description = "Only these knowledge bases of the workspace; all when absent") List<UUID> knowledgeBaseIds,
        @Schema(description = "Only documents carrying all of these tags") List<String> tags,
        @Schema(description = "Only documents of this category") String category,
        @Schema(description = "Drop passages whose cosine similarity is below this, -1 to 1") Double minScore) {

    static final int DEFAULT_K = 10;
}
