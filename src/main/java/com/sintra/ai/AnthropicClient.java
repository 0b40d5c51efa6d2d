package com.sintra.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Anthropic's Messages API, streamed: POST /v1/messages with {@code stream: true}, read as server-sent events
 * (message_start with the input tokens, content_block_delta with text, message_delta with the output tokens,
 * message_stop). Plain WebClient rather than Spring AI's Anthropic module: its chat model would hold chunks
 * back as {@code OpenAiChatModel} does (docs/decisions/0007), and its low-level client adds nothing to these
 * few lines.
 */
final class AnthropicClient implements ModelClient {

    static final String VERSION = "2023-06-01";
    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;

    AnthropicClient(String baseUrl, String apiKey, int maxConcurrentCalls, Duration firstTokenTimeout,
                    Duration idleTimeout) {
        this.client = OpenAiCompatibleClient.webClient(maxConcurrentCalls).baseUrl(ModelClient.root(baseUrl))
                .defaultHeader("x-api-key", apiKey == null ? "" : apiKey)
                .defaultHeader("anthropic-version", VERSION).build();
        this.firstTokenTimeout = firstTokenTimeout;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Flux<ChatChunk> stream(ChatPrompt prompt, String model) {
        AtomicInteger inputTokens = new AtomicInteger();
        return client.post().uri("/v1/messages").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM).bodyValue(request(prompt, model))
                .retrieve().bodyToFlux(EVENTS)
                .timeout(Mono.delay(firstTokenTimeout), item -> Mono.delay(idleTimeout))
                .takeUntil(event -> "message_stop".equals(event.event()))
                .concatMap(event -> Mono.justOrEmpty(chunk(event, inputTokens)));
    }

    @Override
    public Mono<List<String>> models(Duration timeout) {
        return client.get().uri("/v1/models").retrieve().bodyToMono(JsonNode.class).timeout(timeout)
                .map(OpenAiCompatibleClient::ids);
    }

    /** The system prompt is the request's top-level {@code system}; the turns alternate user and assistant. */
    static Map<String, Object> request(ChatPrompt prompt, String model) {
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ChatPrompt.Turn turn : prompt.history()) {
            messages.add(Map.of("role", turn.fromUser() ? "user" : "assistant", "content", turn.content()));
        }
        messages.add(Map.of("role", "user", "content", prompt.userMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("max_tokens", prompt.maxTokens());
        if (!prompt.systemPrompt().isBlank()) {
            body.put("system", prompt.systemPrompt());
        }
        body.put("messages", messages);
        // Anthropic's scale ends at 1.
        body.put("temperature", Math.min(1.0, prompt.temperature()));
        body.put("stream", true);
        return body;
    }

    private static ChatChunk chunk(ServerSentEvent<String> event, AtomicInteger inputTokens) {
        if (event.data() == null || event.data().isBlank()) {
            return null;
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Anthropic sent an event that is not JSON", e);
        }
        String type = data.path("type").asText(event.event() == null ? "" : event.event());
        return switch (type) {
            case "message_start" -> {
                inputTokens.set(data.path("message").path("usage").path("input_tokens").asInt());
                yield null;
            }
            case "content_block_delta" -> "text_delta".equals(data.path("delta").path("type").asText())
                    ? new ChatChunk(data.path("delta").path("text").asText(""), null) : null;
            case "message_delta" -> data.path("usage").has("output_tokens")
                    ? new ChatChunk("", new ChatChunk.Usage(
                            data.path("usage").path("input_tokens").asInt(inputTokens.get()),
                            data.path("usage").path("output_tokens").asInt()))
                    : null;
            case "error" -> throw new IllegalStateException("Anthropic reported an error: "
                    + data.path("error").path("message").asText("unknown"));
            default -> null;
        };
    }
}
