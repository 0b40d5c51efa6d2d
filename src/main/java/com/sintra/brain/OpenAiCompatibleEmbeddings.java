package com.sintra.brain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Embeddings from an OpenAI-compatible {@code /embeddings} endpoint (OpenAI, Ollama, vLLM, LM Studio),
 * chosen with {@code sintra.brain.embedding-provider=openai}. The dimension is asked for explicitly,
 * so models that can shorten their vectors (OpenAI's text-embedding-3) fit the schema as configured.
 */
@Component
@ConditionalOnProperty(name = "sintra.brain.embedding-provider", havingValue = "openai")
class OpenAiCompatibleEmbeddings implements EmbeddingModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrainProperties properties;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    OpenAiCompatibleEmbeddings(BrainProperties properties) {
        if (properties.embeddingDimensions() < 1 || properties.embeddingDimensions() > 2000) {
            throw new IllegalStateException("sintra.brain.embedding-dimensions must be between 1 and 2000 (pgvector's HNSW limit)");
        }
        this.properties = properties;
    }

    @Override
    public float[] embed(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Cannot embed blank text");
        }
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", properties.embeddingModel());
        body.put("input", texts);
        body.put("dimensions", properties.embeddingDimensions());
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.embeddingBaseUrl().replaceAll("/+$", "") + "/embeddings"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (!properties.embeddingApiKey().isBlank()) {
                request.header("Authorization", "Bearer " + properties.embeddingApiKey());
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The embedding provider answered " + response.statusCode());
            }
            return vectors(JSON.readTree(response.body()), texts.size());
        } catch (IOException e) {
            throw new IllegalStateException("The embedding provider could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while embedding", e);
        }
    }

    private List<float[]> vectors(JsonNode response, int expected) {
        float[][] byIndex = new float[expected][];
        for (JsonNode item : response.path("data")) {
            JsonNode embedding = item.path("embedding");
            if (embedding.size() != properties.embeddingDimensions()) {
                throw new IllegalStateException("The embedding provider returned " + embedding.size()
                        + " dimensions; sintra.brain.embedding-dimensions says " + properties.embeddingDimensions());
            }
            float[] vector = new float[embedding.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) embedding.get(i).asDouble();
            }
            byIndex[item.path("index").asInt()] = vector;
        }
        List<float[]> vectors = new ArrayList<>(expected);
        for (float[] vector : byIndex) {
            if (vector == null) {
                throw new IllegalStateException("The embedding provider returned fewer vectors than texts");
            }
            vectors.add(vector);
        }
        return vectors;
    }

    @Override
    public int dimensions() {
        return properties.embeddingDimensions();
    }

    @Override
    public String modelId() {
        return "openai:" + properties.embeddingModel() + ":" + properties.embeddingDimensions();
    }
}
