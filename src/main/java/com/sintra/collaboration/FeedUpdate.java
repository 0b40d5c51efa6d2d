package com.sintra.collaboration;

import java.util.List;

/**
 * One delivery to a feed's subscriber: everything new in its collaboration since its last delivery. A
 * subscriber gets at most four a second, however busy the collaboration.
 *
 * @param messages        new messages and finished answers, by revision, each once (its latest version)
 * @param streamed        text that answers being written gained, one entry per answer (deltas merged)
 * @param status          the new status; null when unchanged
 * @param participantsChanged someone joined or left: reload the participants
 * @param viewers         who views the collaboration now, on any node; null when unchanged
 * @param typing          who is writing now; null when unchanged
 * @param catchUpAfter    -1, or a revision after which changes may have been missed (a gap in the revisions,
 *                        a lost connection between nodes, too much pending): load
 *                        {@link CollaborationService#changesSince} from it
 * @param throughRevision the highest revision delivered to this subscriber so far
 * @param ended           the feed has ended (the subscriber was removed from the collaboration): nothing follows
 */
public record FeedUpdate(List<CollaborationMessage> messages, List<StreamedText> streamed, CollaborationStatus status,
                         boolean participantsChanged, List<Viewer> viewers, List<Viewer> typing, long catchUpAfter,
                         long throughRevision, boolean ended) {

    public FeedUpdate {
        messages = List.copyOf(messages);
        streamed = List.copyOf(streamed);
        viewers = viewers == null ? null : List.copyOf(viewers);
        typing = typing == null ? null : List.copyOf(typing);
    }

    public boolean needsCatchUp() {
        return catchUpAfter >= 0;
    }
}
