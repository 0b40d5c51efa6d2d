package com.sintra.chat.api;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import com.sintra.agent.AgentId;
import com.sintra.api.ApiController;
import com.sintra.chat.BusyException;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatEvent;
import com.sintra.chat.ChatService;
import com.sintra.chat.ConversationId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chat over HTTP. The question is checked, grounded and stored before the response starts, so bad input is
 * a 4xx problem detail; the answer then streams (Server-Sent Events) or arrives whole (JSON). Either way no
 * request thread waits on the model: the servlet request goes asynchronous until the answer is stored, unless
 * the answer was known at once (cached or offline) and is written straight away.
 */
@Tag(name = "Chat", description = "Ask a workspace's agents")
@ApiController
@RequestMapping("/api/v1/agents")
class ChatController {

    private static final String ASK = "Ask an agent";
    private static final String ASK_DETAILS = """
            The answer is grounded in the agent's knowledge bases and cites passages as [n]. With \
            `Accept: text/event-stream` it streams as Server-Sent Events: `question` (the stored question and the \
            passages it may cite), `token` (text as it arrives), then `answer` (the stored answer with its usage). \
            Otherwise the stored answer comes back as JSON when complete. Without a model (none configured, or the \
            provider failing) the answer is OFFLINE: quoted passages, never invented text.""";

    private final ChatService chat;

    ChatController(ChatService chat) {
        this.chat = chat;
    }

    /**
     * @return the reply itself when the answer was known at once (cached or offline: Spring MVC picks the return
     * value's handler by its runtime type, so it is written on this thread, without an asynchronous dispatch), or
     * a {@code Mono} of it that completes when the model's answer is stored
     */
    @Operation(operationId = "chat", summary = ASK, description = ASK_DETAILS, responses = @ApiResponse(responseCode = "200",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ChatReply.class))))
    @PostMapping(path = "/{id}/chat", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Object chat(@PathVariable("id") UUID agentId, @RequestBody ChatRequest request) {
        ChatAnswer answer = ask(agentId, request);
        return answer.answeredAtOnce().<Object>map(stored -> ChatReply.of(answer, stored))
                .orElseGet(() -> answer.events().ofType(ChatEvent.Answered.class).last()
                        .map(answered -> ChatReply.of(answer, answered.answer())));
    }

    @Operation(operationId = "chat", summary = ASK, description = ASK_DETAILS)
    @PostMapping(path = "/{id}/chat", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> chatStream(@PathVariable("id") UUID agentId, @RequestBody ChatRequest request) {
        ChatAnswer answer = ask(agentId, request);
        Flux<ServerSentEvent<Object>> events = answer.events().map(event -> event instanceof ChatEvent.Token token
                ? event("token", new ChatReply.Token(token.text()))
                : event("answer", ChatReply.of(answer, ((ChatEvent.Answered) event).answer())));
        return Flux.concat(Mono.just(event("question", ChatReply.Question.of(answer))), events);
    }

    /** Too many questions at once: 503, and when to try again. Chat's own error, so mapped here, not in the shared advice. */
    @ExceptionHandler(BusyException.class)
    ResponseEntity<ProblemDetail> busy(BusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    private ChatAnswer ask(UUID agentId, ChatRequest request) {
        return chat.ask(new AgentId(agentId), request.conversationId() == null ? null
                : new ConversationId(request.conversationId()), request.message());
    }

    private static ServerSentEvent<Object> event(String name, Object data) {
        return ServerSentEvent.builder(data).event(name).build();
    }
}
