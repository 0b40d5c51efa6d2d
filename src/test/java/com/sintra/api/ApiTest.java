package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.Fixtures;
import com.sintra.account.ApiKeyService;
import com.sintra.account.User;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentUpload;
import com.sintra.brain.IngestionProgress;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;

/**
 * Base for tests that call the REST API over real HTTP, as another program would. Same configuration as
 * the other HTTP tests, so they share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Fixtures.class)
public abstract class ApiTest {

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Fixtures fixtures;

    @Autowired
    protected ApiKeyService apiKeys;

    @Autowired
    protected BrainService brain;

    /** An HTTP response with its body read as JSON (null when the body is not JSON). */
    public record Reply(int status, HttpResponse<String> response, JsonNode json) {

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        /** Checks that this is an RFC 9457 problem detail with the status; returns it. */
        public JsonNode problem(int expectedStatus) {
            assertThat(status).as(response.body()).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            assertThat(json.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.path("title").asText()).isNotBlank();
            assertThat(json.path("detail").asText()).isNotBlank();
            return json;
        }
    }

    protected String newKey(User user) {
        return fixtures.as(user, () -> apiKeys.create("Test key"));
    }

    protected KnowledgeBaseId newKnowledgeBase(User owner, WorkspaceId workspace) {
        return fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Notes " + UUID.randomUUID(), ""));
    }

    /** Adds a text document as the owner, through the service, and waits until it is stored. */
    protected IngestionProgress ingestText(User owner, WorkspaceId workspace, KnowledgeBaseId knowledgeBase, String fileName,
                                 String text) {
        IngestionProgress started = fixtures.as(owner, () -> brain.ingest(workspace, knowledgeBase,
                new DocumentUpload(fileName, "text/plain", text.getBytes(StandardCharsets.UTF_8), null, null)));
        return awaitIngestion(owner, started.jobId());
    }

    protected IngestionProgress awaitIngestion(User owner, UUID jobId) {
        return await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> fixtures.as(owner, () -> brain.ingestion(jobId)), progress -> progress.stage().finished());
    }

    protected Reply postJson(String path, String key, Object body) throws Exception {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    protected Reply get(String path, String key) throws Exception {
        return send(request(path, key).GET().build());
    }

    /** Posts a multipart form; a {@link FilePart} value becomes a file part, anything else a text field. */
    protected Reply postMultipart(String path, String key, Map<String, Object> fields) throws Exception {
        String boundary = "sintra-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var field : fields.entrySet()) {
            Object value = field.getValue();
            Iterable<?> values = value instanceof Iterable<?> many ? many : java.util.List.of(value);
            for (Object one : values) {
                body.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
                if (one instanceof FilePart file) {
                    body.writeBytes(("Content-Disposition: form-data; name=\"" + field.getKey() + "\"; filename=\""
                            + file.name() + "\"\r\nContent-Type: " + file.mediaType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(file.content());
                } else {
                    body.writeBytes(("Content-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + one)
                            .getBytes(StandardCharsets.UTF_8));
                }
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path, key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public record FilePart(String name, String mediaType, byte[] content) {

        public static FilePart text(String name, String text) {
            return new FilePart(name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    protected static Map<String, Object> form(Object... namesAndValues) {
        Map<String, Object> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /**
     * Signs in through the browser's login form, as a browser does: opens the sign-in page for a session and
     * its CSRF token, then posts the form. Returns the signed-in session's cookie, as "JSESSIONID=…".
     */
    protected String signInCookie(User user) throws Exception {
        HttpResponse<String> page = HTTP.send(request("/login", null).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the sign-in page carries a CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Fixtures.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(request("/login", null)
                .header("Cookie", sessionCookie(page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        // Signing in gives the session a new id (against session fixation): the cookie to use is the new one.
        return sessionCookie(response);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
    }

    protected HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    protected Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
            json = JSON.readTree(response.body());
        }
        return new Reply(response.statusCode(), response, json);
    }
}
