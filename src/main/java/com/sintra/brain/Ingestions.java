package com.sintra.brain;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.sintra.workspace.WorkspaceId;

/**
 * Runs ingestions in the background and tells each workspace's listeners how they progress.
 * Ingestion is CPU-bound (extracting, embedding), so it runs on a small pool of platform threads
 * rather than one thread per upload. State lives in memory: a job lost to a restart wrote nothing.
 */
@Component
class Ingestions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Ingestions.class);

    final class Job {
        private final KnowledgeBaseId knowledgeBase;
        private volatile IngestionProgress progress;
        private volatile boolean cancelled;

        private Job(KnowledgeBaseId knowledgeBase, IngestionProgress progress) {
            this.knowledgeBase = knowledgeBase;
            this.progress = progress;
        }

        IngestionProgress progress() {
            return progress;
        }

        void report(IngestionProgress next) {
            progress = next;
            listeners.getOrDefault(next.workspaceId(), Set.of()).forEach(listener -> {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    // Contained, so the other listeners and the ingestion go on. The listener stays subscribed
                    // and hears the next step: only its subscription's cancel (a view detaching) removes it.
                    log.debug("An ingestion listener failed on this step; it stays subscribed", e);
                }
            });
            if (next.stage().finished()) {
                // Keep finished jobs a while, so a late status request or a re-opened view still sees the outcome.
                finished.put(next.jobId(), System.currentTimeMillis());
            }
        }

        /** Throws when the user cancelled; called between steps, and last thing before committing. */
        void checkNotCancelled() {
            if (cancelled) {
                throw new IngestionCancelledException();
            }
        }

        boolean cancelled() {
            return cancelled;
        }
    }

    private static final long KEEP_FINISHED_MILLIS = 10 * 60 * 1000;

    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final Map<UUID, Long> finished = new ConcurrentHashMap<>();
    private final Map<WorkspaceId, Set<Consumer<IngestionProgress>>> listeners = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    Ingestions(BrainProperties properties) {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(properties.ingestionThreads(), r -> {
            Thread thread = new Thread(r, "ingestion-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the work; it receives its job, to report progress and check for cancellation. */
    IngestionProgress start(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, String name, Consumer<Job> work) {
        forgetOldJobs();
        IngestionProgress queued = new IngestionProgress(UUID.randomUUID(), workspace, name,
                IngestionProgress.Stage.QUEUED, 0, "Waiting to start", null);
        Job job = new Job(knowledgeBase, queued);
        jobs.put(queued.jobId(), job);
        job.report(queued);
        executor.execute(() -> work.accept(job));
        return queued;
    }

    Optional<IngestionProgress> progress(UUID jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(Job::progress);
    }

    List<IngestionProgress> ofWorkspace(WorkspaceId workspace) {
        return jobs.values().stream().map(Job::progress).filter(p -> p.workspaceId().equals(workspace))
                .sorted(Comparator.comparing(IngestionProgress::name)).toList();
    }

    /** Asks a job to stop; it stops at its next step and leaves nothing behind. */
    void cancel(UUID jobId) {
        Job job = jobs.get(jobId);
        if (job != null && !job.progress().stage().finished()) {
            job.cancelled = true;
        }
    }

    /** Asks every unfinished job adding to the knowledge base to stop (it is being deleted). */
    void cancelAll(KnowledgeBaseId knowledgeBase) {
        jobs.values().stream().filter(job -> knowledgeBase.equals(job.knowledgeBase))
                .forEach(job -> cancel(job.progress().jobId()));
    }

    Runnable subscribe(WorkspaceId workspace, Consumer<IngestionProgress> listener) {
        listeners.computeIfAbsent(workspace, w -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> listeners.computeIfPresent(workspace, (w, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private void forgetOldJobs() {
        long cutoff = System.currentTimeMillis() - KEEP_FINISHED_MILLIS;
        finished.entrySet().removeIf(e -> {
            boolean old = e.getValue() < cutoff;
            if (old) {
                jobs.remove(e.getKey());
            }
            return old;
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
