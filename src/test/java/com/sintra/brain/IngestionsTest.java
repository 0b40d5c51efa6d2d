package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sintra.brain.IngestionProgress.Stage;
import com.sintra.workspace.WorkspaceId;

class IngestionsTest {

    private final Ingestions ingestions = new Ingestions(TestBrainProperties.with(Map.of()));

    @AfterEach
    void stop() {
        ingestions.destroy();
    }

    @Test
    void a_listener_that_fails_on_one_step_stays_subscribed_and_the_others_hear_every_step() throws Exception {
        WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());
        List<Stage> failing = new CopyOnWriteArrayList<>();
        List<Stage> other = new CopyOnWriteArrayList<>();
        ingestions.subscribe(workspace, progress -> {
            failing.add(progress.stage());
            if (progress.stage() == Stage.QUEUED) {
                throw new IllegalStateException("its view was detached mid-update");
            }
        });
        ingestions.subscribe(workspace, progress -> other.add(progress.stage()));
        CountDownLatch done = new CountDownLatch(1);

        ingestions.start(workspace, new KnowledgeBaseId(UUID.randomUUID()), "notes.md", job -> {
            job.report(job.progress().done(new DocumentId(UUID.randomUUID()), "ready"));
            done.countDown();
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failing).containsExactly(Stage.QUEUED, Stage.DONE);
        assertThat(other).containsExactly(Stage.QUEUED, Stage.DONE);
    }
}
