package com.sintra.collaboration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.sintra.collaboration.CollaborationMessage.State;

import jakarta.annotation.PreDestroy;

/**
 * With several nodes, an answer still streaming may be another node's, so a node starting up cannot take it for
 * interrupted as {@link InterruptedAnswers} does. Instead each node touches the answers it is writing every
 * quarter of {@code abandonedAfter}, and every node looks, every half of it, for answers nobody touched for
 * that long: their node stopped, so they are stored interrupted and announced, and viewers stop waiting.
 */
@Component
@Profile("cluster")
class AbandonedAnswers {

    private static final Logger log = LoggerFactory.getLogger(AbandonedAnswers.class);

    private final CollaborationRepository collaborations;
    private final Transcript transcript;
    private final Duration abandonedAfter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "abandoned-answers");
        thread.setDaemon(true);
        return thread;
    });

    AbandonedAnswers(CollaborationRepository collaborations, Transcript transcript, CollaborationProperties properties) {
        this.collaborations = collaborations;
        this.transcript = transcript;
        this.abandonedAfter = properties.abandonedAfter();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long quarter = Math.max(1, abandonedAfter.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(() -> quietly(this::touchMine), quarter, quarter, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly(this::interruptAbandoned), quarter, 2 * quarter, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    void touchMine() {
        for (Transcript.Writing answer : transcript.writingHere()) {
            if (!collaborations.stillWriting(answer.collaboration(), answer.sequence())) {
                transcript.forget(answer);
            }
        }
    }

    void interruptAbandoned() {
        List<Transcript.Writing> mine = List.copyOf(transcript.writingHere());
        for (CollaborationRepository.StreamingAnswer answer : collaborations.streamingAnswers(abandonedAfter)) {
            if (mine.contains(new Transcript.Writing(answer.collaboration(), answer.sequence()))) {
                continue;
            }
            log.info("Answer {} of collaboration {} was left streaming by a node that stopped: stored interrupted",
                    answer.sequence(), answer.collaboration());
            transcript.finish(answer.collaboration(), answer.sequence(), State.INTERRUPTED, "", List.of(), answer.model(),
                    null, null, answer.agentName());
        }
    }

    private static void quietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Looking after streaming answers failed; trying again later", e);
        }
    }
}
