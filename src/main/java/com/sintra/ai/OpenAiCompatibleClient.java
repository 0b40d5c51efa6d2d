package com.sintra.ai;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import com.fasterxml.jackson.databind.JsonNode;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * OpenAI's chat completions through Spring AI's {@code OpenAiApi} (docs/decisions/0007): OpenAI, Ollama, vLLM,
 * LM Studio. Models from GET /v1/models.
 */
final class OpenAiCompatibleClient implements ModelClient {

    private final OpenAiApi api;
    private final WebClient listing;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;

    OpenAiCompatibleClient(String baseUrl, String apiKey, int maxConcurrentCalls, Duration firstTokenTimeout,
                           Duration idleTimeout) {
        String root = ModelClient.root(baseUrl);
        String key = apiKey == null || apiKey.isBlank() ? "none" : apiKey;
        this.firstTokenTimeout = firstTokenTimeout;
        this.idleTimeout = idleTimeout;
        this.api = OpenAiApi.builder().baseUrl(root).apiKey(key).webClientBuilder(webClient(maxConcurrentCalls)).build();
        this.listing = WebClient.builder().baseUrl(root).defaultHeader("Authorization", "Bearer " + key).build();
    }

    /**
     * Reactor Netty's shared pool holds 16 connections (2 x max(cores, 8)): streams beyond that would queue behind
     * slow answers. One connection per admitted call instead; the provider's bulkhead caps them.
     */
    static WebClient.Builder webClient(int maxConcurrentCalls) {
        ConnectionProvider connections = ConnectionProvider.builder("sintra-ai")
                .maxConnections(maxConcurrentCalls).pendingAcquireMaxCount(maxConcurrentCalls)
                .maxIdleTime(Duration.ofSeconds(30)).build();
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)));
    }

    @Override
    public Flux<ChatChunk> stream(ChatPrompt prompt, String model) {
        return api.chatCompletionStream(OpenAiRequests.streaming(prompt, model))
                .timeout(Mono.delay(firstTokenTimeout), item -> Mono.delay(idleTimeout))
                .map(OpenAiRequests::chunk);
    }

    @Override
    public Mono<List<String>> models(Duration timeout) {
        return listing.get().uri("/v1/models").retrieve().bodyToMono(JsonNode.class).timeout(timeout)
                .map(OpenAiCompatibleClient::ids);
    }

    static List<String> ids(JsonNode listing) {
        return StreamSupport.stream(listing.path("data").spliterator(), false)
                .map(model -> model.path("id").asText("")).filter(id -> !id.isBlank()).sorted().toList();
    }
}
