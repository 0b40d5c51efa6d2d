package com.sintra.brain.api;

import java.util.UUID;

import com.sintra.brain.IngestionProgress;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Where adding a document stands. Poll its Location until status is DONE, FAILED or CANCELLED.")
record IngestionStatus(
        UUID ingestionId,
        @Schema(allowableValues = {"QUEUED", "FETCHING", "EXTRACTING", "EMBEDDING", "STORING", "DONE", "FAILED", "CANCELLED"})
        String status,
        @Schema(description = "0 to 1") double progress,
        String message,
        @Schema(description = "The stored document, once status is DONE") UUID documentId) {

    static IngestionStatus of(IngestionProgress progress) {
        return new IngestionStatus(progress.jobId(), progress.stage().name(), progress.progress(), progress.message(),
                progress.documentId() == null ? null : progress.documentId().value());
    }
}
