package com.sintra.brain;

import java.util.UUID;

import com.sintra.workspace.WorkspaceId;

/**
 * Where one ingestion stands; pushed to the workspace's listeners at every step.
 *
 * @param progress   0 to 1
 * @param documentId set once the document is stored
 */
public record IngestionProgress(UUID jobId, WorkspaceId workspaceId, String name, Stage stage, double progress,
                                String message, DocumentId documentId) {

    public enum Stage {
        QUEUED, FETCHING, EXTRACTING, EMBEDDING, STORING, DONE, FAILED, CANCELLED;

        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /** An upload refused before any ingestion started, shown as a failed one with its reason. */
    public static IngestionProgress refused(WorkspaceId workspace, String name, String reason) {
        return new IngestionProgress(UUID.randomUUID(), workspace, name, Stage.FAILED, 0, reason, null);
    }

    IngestionProgress at(Stage stage, double progress, String message) {
        return new IngestionProgress(jobId, workspaceId, name, stage, progress, message, documentId);
    }

    IngestionProgress done(DocumentId document, String message) {
        return new IngestionProgress(jobId, workspaceId, name, Stage.DONE, 1, message, document);
    }
}
