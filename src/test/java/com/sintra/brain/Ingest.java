package com.sintra.brain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;

/** Starts an ingestion as a user and waits (at most 30 s) until it has finished, however it ended. */
public final class Ingest {

    private Ingest() {
    }

    public static IngestionProgress markdown(Fixtures fixtures, BrainService brain, User user, WorkspaceId workspace,
                                             KnowledgeBaseId kb, String name, String text) {
        return upload(fixtures, brain, user, workspace, kb,
                new DocumentUpload(name, "text/markdown", text.getBytes(StandardCharsets.UTF_8), List.of(), null));
    }

    public static IngestionProgress upload(Fixtures fixtures, BrainService brain, User user, WorkspaceId workspace,
                                           KnowledgeBaseId kb, DocumentUpload upload) {
        return awaitFinished(fixtures, brain, user, () -> brain.ingest(workspace, kb, upload));
    }

    public static IngestionProgress awaitFinished(Fixtures fixtures, BrainService brain, User user,
                                                  Supplier<IngestionProgress> start) {
        IngestionProgress started = fixtures.as(user, start);
        IngestionProgress progress = started;
        long deadline = System.currentTimeMillis() + 30_000;
        while (!progress.stage().finished() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            progress = fixtures.as(user, () -> brain.ingestion(started.jobId()));
        }
        return progress;
    }
}
