package com.sintra.collaboration;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.sintra.account.UserId;

/**
 * What happens in one collaboration, as its feeds hand it on: on this node to its subscribers, and through the
 * relay to the subscribers of every other node (as JSON, hence the type names).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FeedEvent.Changed.class, name = "changed"),
        @JsonSubTypes.Type(value = FeedEvent.Streamed.class, name = "streamed"),
        @JsonSubTypes.Type(value = FeedEvent.StatusChanged.class, name = "status"),
        @JsonSubTypes.Type(value = FeedEvent.ParticipantsChanged.class, name = "participants"),
        @JsonSubTypes.Type(value = FeedEvent.Presence.class, name = "presence"),
        @JsonSubTypes.Type(value = FeedEvent.Typing.class, name = "typing")})
sealed interface FeedEvent {

    /** A message stored, or a streamed answer finished: committed, with its revision. */
    record Changed(CollaborationMessage message) implements FeedEvent {
    }

    /** More of an answer being written; not stored until the answer is finished. */
    record Streamed(StreamedText text) implements FeedEvent {
    }

    record StatusChanged(CollaborationStatus status) implements FeedEvent {
    }

    /** Who takes part changed; {@code removed} people's feeds of the collaboration end. */
    record ParticipantsChanged(List<UserId> removed) implements FeedEvent {
    }

    /**
     * The people viewing the collaboration on {@code node}, in full (an empty list: none any more).
     * {@code reply}: the node has just started following the collaboration and asks the others for theirs.
     */
    record Presence(String node, List<Viewer> viewers, boolean reply) implements FeedEvent {
    }

    /** Someone is writing; for {@code millis} from now unless they write again (0: they stopped, or posted). */
    record Typing(Viewer viewer, long millis) implements FeedEvent {
    }
}
