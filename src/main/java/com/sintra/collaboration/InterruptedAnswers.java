package com.sintra.collaboration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.sintra.collaboration.CollaborationMessage.State;

/**
 * On a single node, an answer still streaming at start-up was being written when the node stopped: nothing
 * will finish it, so it is stored interrupted (and announced). With several nodes another node may be writing
 * it, so the cluster profile leaves them be.
 */
@Component
@Profile("!cluster")
class InterruptedAnswers {

    private final CollaborationRepository collaborations;
    private final Transcript transcript;

    InterruptedAnswers(CollaborationRepository collaborations, Transcript transcript) {
        this.collaborations = collaborations;
        this.transcript = transcript;
    }

    @EventListener(ApplicationReadyEvent.class)
    void interruptLeftovers() {
        for (CollaborationRepository.StreamingAnswer answer : collaborations.streamingAnswers(Duration.ZERO)) {
            transcript.finish(answer.collaboration(), answer.sequence(), State.INTERRUPTED, "", List.of(), answer.model(),
                    null, null, answer.agentName());
        }
    }
}
