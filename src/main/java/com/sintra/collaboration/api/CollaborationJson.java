package com.sintra.collaboration.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.chat.Citation;
import com.sintra.collaboration.Collaboration;
import com.sintra.collaboration.CollaborationMessage;
import com.sintra.collaboration.CollaborationMode;
import com.sintra.collaboration.CollaborationStatus;
import com.sintra.collaboration.ListedCollaboration;
import com.sintra.collaboration.StreamedText;
import com.sintra.collaboration.Viewer;
import com.sintra.collaboration.Visibility;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the collaborations API reads and writes as JSON: plain UUIDs and names, never the service's typed ids. */
final class CollaborationJson {

    private CollaborationJson() {
    }

    /** A collaboration to start; the caller takes part, with the members and agents invited. */
    record Create(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID workspaceId,
                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 120) String title,
                  @Schema(maxLength = 2000) String goal,
                  @Schema(description = "Who speaks next when no agent is named; default ROUND_ROBIN") CollaborationMode mode,
                  @Schema(description = "WORKSPACE (members may join; the default) or INVITED (participants only)")
                  Visibility visibility,
                  @Schema(description = "Agent answers per run; default 8", minimum = "1", maximum = "100") Integer maxAgentTurns,
                  @Schema(description = "Tokens the agents may spend in it; default 100,000") Integer tokenBudget,
                  @Schema(description = "Members of the workspace to invite") List<UUID> memberIds,
                  @Schema(description = "Agents of the workspace taking part") List<UUID> agentIds) {
    }

    /** A message of the caller's; name participating agents with @ to have them answer next. */
    record Post(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 8000) String content) {
    }

    /** @param stopped whether an agent's answer was being written, and is now stopped */
    record Stopped(boolean stopped) {
    }

    /**
     * @param lastSequence the number of the stream's latest change (follow its events after it)
     */
    record Summary(UUID id, UUID workspaceId, String title, String goal, CollaborationMode mode, Visibility visibility,
                   CollaborationStatus status, int maxAgentTurns, int tokenBudget, long tokensUsed, long lastSequence,
                   UUID createdBy, Instant createdAt) {

        static Summary of(Collaboration c) {
            return new Summary(c.id().value(), c.workspaceId().value(), c.title(), c.goal(), c.mode(), c.visibility(),
                    c.status(), c.maxAgentTurns(), c.tokenBudget(), c.tokensUsed(), c.lastSequence(),
                    c.createdBy() == null ? null : c.createdBy().value(), c.createdAt());
        }
    }

    /**
     * @param unread messages of others after the caller's read marker, counted up to 100
     */
    record Listed(Summary collaboration, long lastReadSequence, int unread) {

        static Listed of(ListedCollaboration listed) {
            return new Listed(Summary.of(listed.collaboration()), listed.lastReadSequence(), listed.unread());
        }
    }

    /** @param next pass as {@code after} for the next page; null on the last page */
    record Page(List<Listed> items, String next) {
    }

    /**
     * One entry of the stream. {@code sequence} is its place, {@code revision} its latest change (the event id):
     * a message seen again with a newer revision replaces the one shown for its sequence.
     */
    record Message(UUID collaborationId, long sequence, long revision,
                   @Schema(allowableValues = {"USER", "AGENT", "SYSTEM"}) String authorKind, UUID authorUserId,
                   UUID authorAgentId, String authorName,
                   @Schema(allowableValues = {"MESSAGE", "NOTICE", "SUMMARY"}) String kind,
                   @Schema(allowableValues = {"STREAMING", "COMPLETE", "STOPPED", "INTERRUPTED"}) String state,
                   String content, List<UUID> mentions, List<Source> citations, String model, Integer promptTokens,
                   Integer completionTokens, Instant createdAt, Instant updatedAt) {

        static Message of(CollaborationMessage m) {
            return new Message(m.collaborationId().value(), m.sequence(), m.revision(), m.authorKind().name(),
                    value(m.authorUser()), m.authorAgent() == null ? null : m.authorAgent().value(), m.authorName(),
                    m.kind().name(), m.state().name(), m.content(), m.mentions().stream().map(AgentId::value).toList(),
                    m.citations().stream().map(Source::of).toList(), m.model(), m.promptTokens(),
                    m.completionTokens(), m.createdAt(), m.updatedAt());
        }
    }

    /** A passage an agent's answer cites as [number]. */
    record Source(int number, UUID documentId, String documentTitle, String source, String excerpt) {

        static Source of(Citation citation) {
            return new Source(citation.number(), citation.documentId().value(), citation.documentTitle(),
                    citation.source(), citation.excerpt());
        }
    }

    /** Text an answer being written gained: it continues the answer at {@code offset} characters. */
    record Delta(long sequence, int offset, String text) {

        static Delta of(StreamedText text) {
            return new Delta(text.sequence(), text.offset(), text.text());
        }
    }

    record Status(CollaborationStatus status) {
    }

    record Person(UUID userId, String name) {

        static List<Person> of(List<Viewer> viewers) {
            return viewers.stream().map(v -> new Person(v.user().value(), v.name())).toList();
        }
    }

    /** Everyone who has the collaboration open now ({@code presence}), or is writing in it ({@code typing}). */
    record People(List<Person> people) {
    }

    private static UUID value(UserId user) {
        return user == null ? null : user.value();
    }
}
