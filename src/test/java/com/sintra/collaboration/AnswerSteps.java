package com.sintra.collaboration;

import java.util.List;

import org.springframework.context.ApplicationContext;

import com.sintra.agent.AgentId;
import com.sintra.collaboration.CollaborationMessage.State;

/** An agent's answer written step by step as a run writes it, for tests outside this package (views). */
public final class AnswerSteps {

    private final Transcript transcript;

    public AnswerSteps(ApplicationContext context) {
        this.transcript = context.getBean(Transcript.class);
    }

    /** The answer takes its place in the stream; returns its sequence number. */
    public long start(CollaborationId id, AgentId agent, String agentName) {
        return transcript.startAnswer(id, agent, agentName, "fake-model").orElseThrow().sequence();
    }

    public void stream(CollaborationId id, long sequence, int offset, String text) {
        transcript.streamed(id, new StreamedText(sequence, offset, text));
    }

    public void finish(CollaborationId id, long sequence, String content, String agentName) {
        transcript.finish(id, sequence, State.COMPLETE, content, List.of(), "fake-model", 10, 5, agentName);
    }
}
