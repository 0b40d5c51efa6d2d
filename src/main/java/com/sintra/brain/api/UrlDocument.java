package com.sintra.brain.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A web page or file for Sintra to fetch and add to a knowledge base")
record UrlDocument(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID knowledgeBaseId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A public http or https URL") String url,
        List<String> tags,
        String category) {
}
