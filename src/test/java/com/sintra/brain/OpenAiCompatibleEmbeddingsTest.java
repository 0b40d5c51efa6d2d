package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Talks to a fake OpenAI-compatible server that the test starts, so the real client code runs. */
class OpenAiCompatibleEmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private volatile int status = 200;

    @BeforeEach
    void startFakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            lastRequest.set(request);
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            int dimensions = request.path("dimensions").asInt();
            StringBuilder data = new StringBuilder();
            // Answer out of order: the client must place vectors by their index.
            for (int i = request.path("input").size() - 1; i >= 0; i--) {
                float[] vector = new float[dimensions];
                vector[0] = i;
                data.append(data.isEmpty() ? "" : ",").append("{\"index\":").append(i).append(",\"embedding\":")
                        .append(JSON.writeValueAsString(vector)).append('}');
            }
            byte[] body = ("{\"data\":[" + data + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void texts_are_embedded_in_one_call_with_model_dimensions_and_key() {
        OpenAiCompatibleEmbeddings embeddings = embeddings(8);
        List<float[]> vectors = embeddings.embedAll(List.of("first", "second", "third"));

        assertThat(vectors).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(8));
        assertThat(vectors).extracting(v -> v[0]).containsExactly(0f, 1f, 2f);
        assertThat(lastRequest.get().path("model").asText()).isEqualTo("test-embedder");
        assertThat(lastRequest.get().path("dimensions").asInt()).isEqualTo(8);
        assertThat(lastAuthorization.get()).isEqualTo("Bearer secret-key");
        assertThat(embeddings.modelId()).isEqualTo("openai:test-embedder:8");
    }

    @Test
    void a_failing_provider_is_reported_not_ignored() {
        status = 500;
        assertThatThrownBy(() -> embeddings(8).embed("text")).hasMessageContaining("500");
    }

    private OpenAiCompatibleEmbeddings embeddings(int dimensions) {
        return new OpenAiCompatibleEmbeddings(TestBrainProperties.with(Map.of(
                "sintra.brain.embedding-provider", "openai",
                "sintra.brain.embedding-base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
                "sintra.brain.embedding-api-key", "secret-key",
                "sintra.brain.embedding-model", "test-embedder",
                "sintra.brain.embedding-dimensions", Integer.toString(dimensions))));
    }
}
