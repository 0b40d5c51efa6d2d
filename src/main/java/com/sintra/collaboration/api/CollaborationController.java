package com.sintra.collaboration.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.api.ApiController;
import com.sintra.base.InvalidInputException;
import com.sintra.collaboration.CollaborationCompletedException;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationPage;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.CollaborationStatus;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.workspace.WorkspaceId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Collaborations over HTTP: each endpoint checks its request's shape and hands it to
 * {@link CollaborationService}, which scopes everything to the key's user (membership, taking part).
 */
@Tag(name = "Collaborations", description = "Live sessions where people and agents of a workspace work on one goal")
@ApiController
@RequestMapping(path = "/api/v1/collaborations", produces = MediaType.APPLICATION_JSON_VALUE)
class CollaborationController {

    private static final String EVENTS_DETAILS = """
            Server-Sent Events of one collaboration the caller takes part in. `message` events carry a stored message \
            or a finished answer, with its `sequence` (its place) and `revision` (its latest change), which is also \
            the event's id: a message seen again with a newer revision replaces the one shown for its sequence. \
            Reconnecting with `Last-Event-ID` (or `after`) resumes after that revision: what was missed comes from \
            the database first, in order and without duplicates, then the live events. Without either, the stream \
            starts with the whole history. `delta` carries text an answer being written gained, at `offset` \
            characters into it (not stored; the finished `message` replaces it; a stream opened mid-answer first \
            gets the text so far, at offset 0), `status` a new status, `participants` that who takes part changed, \
            `presence` who has the collaboration open (on any node), `typing` who is writing, and `end` that the \
            caller no longer takes part (the stream closes). A comment line arrives at least every 20 s.""";

    private static final int DEFAULT_PAGE = 50;

    private final CollaborationService collaborations;
    private final CollaborationEventStreams streams;

    CollaborationController(CollaborationService collaborations, CollaborationEventStreams streams) {
        this.collaborations = collaborations;
        this.streams = streams;
    }

    @Operation(summary = "The caller's collaborations in a workspace, newest first, with unread counts")
    @GetMapping
    CollaborationJson.Page mine(
            @Parameter(required = true) @RequestParam(name = "workspaceId", required = false) UUID workspaceId,
            @Parameter(description = "Comma-separated ACTIVE, PAUSED, COMPLETED; all when omitted")
            @RequestParam(name = "status", required = false) List<CollaborationStatus> status,
            @Parameter(description = "The previous page's `next`") @RequestParam(name = "after", required = false) String after,
            @Parameter(schema = @Schema(minimum = "1", maximum = "200", defaultValue = "50"))
            @RequestParam(name = "limit", required = false) Integer limit) {
        Set<CollaborationStatus> statuses = status == null || status.isEmpty()
                ? EnumSet.allOf(CollaborationStatus.class) : EnumSet.copyOf(status);
        CollaborationPage<com.sintra.collaboration.ListedCollaboration> page = collaborations.mine(
                new WorkspaceId(required("workspaceId", workspaceId)), statuses, cursor(after),
                limit == null ? DEFAULT_PAGE : limit);
        return new CollaborationJson.Page(page.items().stream().map(CollaborationJson.Listed::of).toList(),
                page.next() == null ? null : cursor(page.next()));
    }

    @Operation(summary = "Start a collaboration", description = "Needs the editor role in the workspace. The caller takes "
            + "part; invited members and agents must belong to the workspace.")
    @ApiResponse(responseCode = "201", description = "Started; Location is its events' stream")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CollaborationJson.Summary> create(@RequestBody CollaborationJson.Create request) {
        NewCollaboration draft = new NewCollaboration(new WorkspaceId(required("workspaceId", request.workspaceId())),
                request.title(), request.goal(), request.mode(), request.visibility(), request.maxAgentTurns(),
                request.tokenBudget(), ids(request.memberIds(), UserId::new), ids(request.agentIds(), AgentId::new));
        CollaborationJson.Summary created = CollaborationJson.Summary.of(collaborations.create(draft));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/collaborations/{id}/events").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @Operation(summary = "Post a message", description = "Any participant may post while the collaboration is active or "
            + "paused. Agents named with @ must take part; they answer next.")
    @ApiResponse(responseCode = "201", description = "Stored and announced to the collaboration's viewers")
    @ApiResponse(responseCode = "409", description = "The collaboration is completed: nothing was stored",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = ApiController.PROBLEM_SCHEMA)))
    @PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CollaborationJson.Message> post(@PathVariable("id") UUID id, @RequestBody CollaborationJson.Post message) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(CollaborationJson.Message.of(collaborations.post(new CollaborationId(id), message.content())));
    }

    @Operation(summary = "Pause the agents", description = "Any participant: the agents' run ends after the answer "
            + "being written; people may still post. Answers the collaboration as it is now.")
    @PostMapping("/{id}/pause")
    CollaborationJson.Summary pause(@PathVariable("id") UUID id) {
        return control(id, collaborations::pause);
    }

    @Operation(summary = "Resume the agents", description = "Editors of the workspace: the agents take their turns again.")
    @PostMapping("/{id}/resume")
    CollaborationJson.Summary resume(@PathVariable("id") UUID id) {
        return control(id, collaborations::resume);
    }

    @Operation(summary = "Stop the answer being written", description = "Any participant: cancels the agent's answer "
            + "being streamed (its partial text is kept, marked stopped) and ends the run; the collaboration stays "
            + "active. `stopped` is false when no agent was answering.")
    @PostMapping("/{id}/stop")
    CollaborationJson.Stopped stop(@PathVariable("id") UUID id) {
        return new CollaborationJson.Stopped(collaborations.stop(new CollaborationId(id)));
    }

    @Operation(summary = "Complete it", description = "Editors of the workspace: a summary is written (by the model "
            + "when one is configured, which can take as long as an answer), then the stream is read-only for good.")
    @PostMapping("/{id}/complete")
    CollaborationJson.Summary complete(@PathVariable("id") UUID id) {
        return control(id, collaborations::complete);
    }

    /** Status changes answer the collaboration as it is afterwards; repeating one changes nothing. */
    private CollaborationJson.Summary control(UUID id, java.util.function.Predicate<CollaborationId> change) {
        CollaborationId collaboration = new CollaborationId(id);
        change.test(collaboration);
        return CollaborationJson.Summary.of(collaborations.get(collaboration));
    }

    @Operation(summary = "Follow a collaboration live", description = EVENTS_DETAILS)
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable("id") UUID id,
                      @Parameter(description = "The last event id received: resume after it")
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @Parameter(description = "Resume after this revision, when there is no Last-Event-ID")
                      @RequestParam(name = "after", required = false) Long after) {
        long from = lastEventId != null && !lastEventId.isBlank() ? revision(lastEventId) : after == null ? 0 : after;
        if (from < 0) {
            throw new InvalidInputException("after", "A revision is 0 or more");
        }
        return streams.open(new CollaborationId(id), from);
    }

    /** A completed collaboration is read-only: 409, as the state of the resource, not the request, is at fault. */
    @ExceptionHandler(CollaborationCompletedException.class)
    ResponseEntity<ProblemDetail> completed(CollaborationCompletedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                e.getMessage()));
    }

    private static long revision(String lastEventId) {
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Last-Event-ID", "Last-Event-ID must be the id of an event received");
        }
    }

    /** Keyset cursors are opaque to clients: the last row's creation time and id. */
    private static String cursor(CollaborationPage.Cursor cursor) {
        String raw = cursor.createdAt().getEpochSecond() + ":" + cursor.createdAt().getNano() + ":" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static CollaborationPage.Cursor cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8).split(":");
            return new CollaborationPage.Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    new CollaborationId(UUID.fromString(parts[2])));
        } catch (RuntimeException e) {
            throw new InvalidInputException("after", "after must be the `next` of a previous page");
        }
    }

    private static <T> List<T> ids(List<UUID> ids, java.util.function.Function<UUID, T> type) {
        if (ids == null) {
            return List.of();
        }
        if (ids.contains(null)) {
            throw new InvalidInputException("ids", "An id is missing in the list");
        }
        return ids.stream().map(type).toList();
    }

    private static UUID required(String field, UUID value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }
}
