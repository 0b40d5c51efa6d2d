package com.sintra.brain;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        if (started.stage().finished()) {
            return started;
        }
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> fixtures.as(user, () -> brain.ingestion(started.jobId())), p -> p.stage().finished());
    }
}
