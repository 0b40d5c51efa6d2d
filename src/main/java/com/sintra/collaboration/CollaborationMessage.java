package com.sintra.collaboration;

import java.time.Instant;
import java.util.List;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.chat.Citation;

/**
 * One entry of a collaboration's stream.
 * <p>
 * {@code sequence} is its place in the stream, fixed when it is stored; {@code revision} is the number of its
 * latest change, equal to the sequence until a streamed answer is finished. Both come from the collaboration's
 * one counter, so a client that remembers the highest revision it has applied asks for everything after it
 * ({@link CollaborationService#changesSince}) and applies a message only if its revision is newer than what it
 * shows for that sequence: nothing is lost, nothing shown twice.
 *
 * @param authorUser  the person who wrote it; null for agents, the system, and people since deleted
 * @param authorAgent the agent that wrote it; null otherwise (and for agents since deleted)
 * @param authorName  the author's name as it is now; empty for the system and deleted authors
 * @param mentions    the participating agents it names with @, in order of first mention
 * @param citations   the passages an agent's answer cites by [n]
 */
public record CollaborationMessage(CollaborationId collaborationId, long sequence, long revision, AuthorKind authorKind,
                                   UserId authorUser, AgentId authorAgent, String authorName, Kind kind, State state,
                                   String content, List<AgentId> mentions, List<Citation> citations, String model,
                                   Integer promptTokens, Integer completionTokens, Instant createdAt, Instant updatedAt) {

    public enum AuthorKind { USER, AGENT, SYSTEM }

    public enum Kind {
        MESSAGE,
        /** The system telling what happened: a pause, a stop and why, someone joining. */
        NOTICE,
        /** The summary written when the collaboration was completed. */
        SUMMARY
    }

    /** Where an agent's answer stands; people's messages and notices are always COMPLETE. */
    public enum State {
        /** Being written: its text arrives as {@link StreamedText}, the finished message replaces it. */
        STREAMING,
        COMPLETE,
        /** Someone stopped it; the text written until then is kept. */
        STOPPED,
        /** The AI provider failed while it was being written; the text until then is kept. */
        INTERRUPTED
    }

    public CollaborationMessage {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    public boolean streaming() {
        return state == State.STREAMING;
    }
}
