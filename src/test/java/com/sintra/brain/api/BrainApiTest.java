package com.sintra.brain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.account.User;
import com.sintra.api.ApiTest;
import com.sintra.brain.IngestionProgress;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

import jakarta.servlet.MultipartConfigElement;

class BrainApiTest extends ApiTest {

    private static final String SEARCH = "/api/v1/brain/search";
    private static final String DOCUMENTS = "/api/v1/brain/documents";

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    MultipartConfigElement multipart;

    @Test
    void a_search_returns_passages_of_the_callers_workspace_only() throws Exception {
        User alice = fixtures.newUser();
        WorkspaceId mine = fixtures.newWorkspace(alice);
        KnowledgeBaseId myNotes = newKnowledgeBase(alice, mine);
        IngestionProgress myDocument = ingestText(alice, mine, myNotes, "harbour.txt",
                "Our harbour cranes unload container ships at night. The night shift checks every crane before dawn.");
        User bob = fixtures.newUser();
        WorkspaceId theirs = fixtures.newWorkspace(bob);
        String marker = "Marker" + UUID.randomUUID().toString().replace("-", "");
        ingestText(bob, theirs, newKnowledgeBase(bob, theirs), "secret.txt",
                "The harbour cranes unload container ships at night. " + marker + " is the code word for the night shift.");
        assertThat(myDocument.stage()).isEqualTo(IngestionProgress.Stage.DONE);
        String key = newKey(alice);

        Reply found = postJson(SEARCH, key, Map.of("workspaceId", mine.toString(),
                "query", "cranes unloading ships at night", "k", 5));

        assertThat(found.status()).as(found.response().body()).isEqualTo(200);
        JsonNode results = found.json().path("results");
        assertThat(results).isNotEmpty();
        results.forEach(hit -> {
            assertThat(hit.path("documentId").asText()).isEqualTo(myDocument.documentId().toString());
            assertThat(hit.path("documentTitle").asText()).isEqualTo("harbour");
            assertThat(hit.path("source").isTextual()).isTrue();
            assertThat(hit.path("chunkId").isIntegralNumber()).isTrue();
            assertThat(hit.path("position").asInt()).isZero();
            assertThat(hit.path("content").asText()).contains("harbour cranes");
            assertThat(hit.path("score").isNumber()).isTrue();
        });
        assertThat(found.response().body()).doesNotContain(marker);

        Reply theirsRefused = postJson(SEARCH, key, Map.of("workspaceId", theirs.toString(), "query", "code word"));
        theirsRefused.problem(404);
        assertThat(theirsRefused.response().body()).doesNotContain(marker);
    }

    @Test
    void a_search_returns_k_passages_however_unrelated_unless_the_caller_sets_a_min_score() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId notes = newKnowledgeBase(user, workspace);
        ingestText(user, workspace, notes, "cranes.txt", "Our harbour cranes unload container ships at night.");
        ingestText(user, workspace, notes, "bread.txt", "Sourdough needs a starter fed every day.");
        String key = newKey(user);

        JsonNode all = postJson(SEARCH, key, Map.of("workspaceId", workspace.toString(),
                "query", "quarterly VAT return filing deadline", "k", 2)).json();
        assertThat(all.path("results")).hasSize(2);
        JsonNode relevant = postJson(SEARCH, key, Map.of("workspaceId", workspace.toString(),
                "query", "quarterly VAT return filing deadline", "k", 2, "minScore", 0.5)).json();
        assertThat(relevant.path("results")).isEmpty();
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", workspace.toString(), "query", "x", "minScore", -1.5)),
                "minScore");
    }

    @Test
    void a_search_of_an_unknown_workspace_is_not_found() throws Exception {
        User user = fixtures.newUser();
        postJson(SEARCH, newKey(user), Map.of("workspaceId", UUID.randomUUID().toString(), "query", "anything"))
                .problem(404);
    }

    @Test
    void bad_search_input_gets_a_400_problem_detail_naming_the_property() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        User other = fixtures.newUser();
        KnowledgeBaseId othersNotes = newKnowledgeBase(other, fixtures.newWorkspace(other));
        String key = newKey(user);
        String id = workspace.toString();

        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", " ")), "query");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x", "k", 0)), "k");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x", "k", 51)), "k");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x", "k", "ten")), "k");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x", "minScore", 2)), "minScore");
        assertRefused(postJson(SEARCH, key, Map.of("query", "x")), "workspaceId");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", "not-a-uuid", "query", "x")), "workspaceId");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x",
                "knowledgeBaseIds", List.of(othersNotes.toString()))), "knowledgeBaseIds");
        assertRefused(postJson(SEARCH, key, Map.of("workspaceId", id, "query", "x",
                "knowledgeBaseIds", List.of("nope"))), "knowledgeBaseIds[0]");

        JsonNode malformed = postJson(SEARCH, key, "{\"workspaceId\": \"" + id + "\", \"query\": ").problem(400);
        assertThat(malformed.path("detail").asText()).contains("not valid JSON");
        JsonNode empty = postJson(SEARCH, key, "").problem(400);
        assertThat(empty.path("detail").asText()).contains("missing");
    }

    @Test
    void a_malformed_json_body_is_reported_as_invalid_json_with_its_position_even_after_a_bad_value() throws Exception {
        User user = fixtures.newUser();
        String key = newKey(user);

        JsonNode search = postJson(SEARCH, key, "{\"workspaceId\":\"x\", query: }").problem(400);
        assertThat(search.path("detail").asText()).startsWith("The request body is not valid JSON (line 1, column")
                .doesNotContain("UUID");
        assertThat(search.has("field")).isFalse();
        JsonNode urlDocument = postJson(DOCUMENTS, key, "{\"workspaceId\": 12, \"url\": \"https://example.com\",,}").problem(400);
        assertThat(urlDocument.path("detail").asText()).startsWith("The request body is not valid JSON");

        JsonNode wrongType = postJson(SEARCH, key, "{\"workspaceId\": \"" + UUID.randomUUID() + "\", \"query\": \"x\", \"k\": [1]}")
                .problem(400);
        assertThat(wrongType.path("field").asText()).isEqualTo("k");
        assertThat(wrongType.path("detail").asText()).isEqualTo("k must be a whole number");
    }

    @Test
    void a_document_uploaded_as_a_file_is_accepted_then_stored_with_its_tags() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId notes = newKnowledgeBase(user, workspace);
        String key = newKey(user);

        Reply accepted = postMultipart(DOCUMENTS, key, form(
                "file", FilePart.text("onboarding.md", "# Onboarding\n\nEvery new customer gets a welcome call within two days."),
                "workspaceId", workspace.toString(), "knowledgeBaseId", notes.toString(),
                "tags", List.of("Guides, sales", "support"), "category", "handbook"));

        assertThat(accepted.status()).as(accepted.response().body()).isEqualTo(202);
        String ingestionId = accepted.json().path("ingestionId").asText();
        assertThat(accepted.json().path("status").asText()).isNotBlank();
        assertThat(accepted.json().path("progress").isNumber()).isTrue();
        assertThat(accepted.json().path("message").isTextual()).isTrue();
        URI location = URI.create(accepted.response().headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).isEqualTo("/api/v1/brain/ingestions/" + ingestionId);

        JsonNode done = pollUntilFinished(location, key);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.path("documentId").asText()).isNotBlank();

        for (String tag : List.of("guides", "sales", "support")) {
            JsonNode tagged = postJson(SEARCH, key, Map.of("workspaceId", workspace.toString(), "query", "welcome call",
                    "tags", List.of(tag), "category", "handbook")).json();
            assertThat(tagged.path("results")).as(tag).isNotEmpty();
            assertThat(tagged.path("results").get(0).path("documentId").asText()).isEqualTo(done.path("documentId").asText());
        }
        assertThat(postJson(SEARCH, key, Map.of("workspaceId", workspace.toString(), "query", "welcome call",
                "tags", List.of("unrelated"))).json().path("results")).isEmpty();
    }

    @Test
    void bad_uploads_get_a_400_problem_detail_and_nothing_is_stored() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String notes = newKnowledgeBase(user, workspace).toString();
        String key = newKey(user);
        String id = workspace.toString();
        byte[] binary = {0x4d, 0x5a, (byte) 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xfe, 0x00};

        assertRefused(upload(key, new FilePart("empty.txt", "text/plain", new byte[0]), id, notes), "file");
        assertRefused(upload(key, new FilePart("tool.exe", "application/octet-stream", binary), id, notes), "file");
        assertRefused(upload(key, new FilePart("notes.txt", "text/plain", binary), id, notes), "file");
        assertRefused(upload(key, new FilePart("data", "application/octet-stream", binary), id, notes), "file");
        assertRefused(postMultipart(DOCUMENTS, key, form("workspaceId", id, "knowledgeBaseId", notes)), "file");
        assertRefused(postMultipart(DOCUMENTS, key, form("file", FilePart.text("a.txt", "text"),
                "knowledgeBaseId", notes)), "workspaceId");
        assertRefused(upload(key, FilePart.text("a.txt", "text"), id, "not-a-uuid"), "knowledgeBaseId");
        assertRefused(postMultipart(DOCUMENTS, key, form("file", FilePart.text("a.txt", "text"), "workspaceId", id,
                "knowledgeBaseId", notes, "tags", "x".repeat(41))), "tags");
        upload(key, FilePart.text("a.txt", "text"), id, UUID.randomUUID().toString()).problem(404);

        assertThat(fixtures.as(user, () -> brain.documents(workspace, null, true, 0, 10))).isEmpty();
        assertThat(fixtures.as(user, () -> brain.documents(workspace, null, false, 0, 10))).isEmpty();
        assertThat(fixtures.as(user, () -> brain.ingestions(workspace))).isEmpty();
    }

    @Test
    void an_upload_over_the_limit_gets_a_413_problem_detail_and_nothing_is_stored() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        long limit = brain.maxDocumentBytes();
        assertThat(multipart.getMaxFileSize()).as("the servlet's limit is the brain's").isEqualTo(limit);
        // Just over: Tomcat reads a refused upload on for at most 2 MB, and a client still sending then sees a reset.
        byte[] tooBig = new byte[(int) limit + 64 * 1024];
        Arrays.fill(tooBig, (byte) 'a');

        JsonNode problem = upload(newKey(user), new FilePart("big.txt", "text/plain", tooBig), workspace.toString(),
                newKnowledgeBase(user, workspace).toString()).problem(413);

        assertThat(problem.path("detail").asText()).endsWith("limit of " + limit / (1024 * 1024) + " MB");
        assertThat(problem.path("field").asText()).isEqualTo("file");
        assertThat(fixtures.as(user, () -> brain.ingestions(workspace))).isEmpty();
    }

    @Test
    void only_a_member_uploads_and_only_an_editor_or_owner() throws Exception {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        String notes = newKnowledgeBase(owner, workspace).toString();
        User viewer = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        User stranger = fixtures.newUser();

        upload(newKey(viewer), FilePart.text("a.txt", "Some text"), workspace.toString(), notes).problem(403);
        upload(newKey(stranger), FilePart.text("a.txt", "Some text"), workspace.toString(), notes).problem(404);
        assertThat(fixtures.as(owner, () -> brain.ingestions(workspace))).isEmpty();
    }

    @Test
    void a_url_that_sintra_must_not_fetch_is_refused_at_once() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String notes = newKnowledgeBase(user, workspace).toString();
        String key = newKey(user);

        for (String url : List.of("ftp://example.com/file.txt", "http://127.0.0.1:" + port + "/", "not a url")) {
            assertRefused(postJson(DOCUMENTS, key, Map.of("workspaceId", workspace.toString(), "knowledgeBaseId", notes,
                    "url", url)), "url");
        }
        assertRefused(postJson(DOCUMENTS, key, Map.of("workspaceId", workspace.toString(), "knowledgeBaseId", notes)), "url");
        assertThat(fixtures.as(user, () -> brain.ingestions(workspace))).isEmpty();
    }

    @Test
    void an_ingestion_is_visible_only_to_members_of_its_workspace() throws Exception {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        IngestionProgress done = ingestText(owner, workspace, newKnowledgeBase(owner, workspace), "a.txt", "Some text");
        String path = "/api/v1/brain/ingestions/";

        JsonNode status = get(path + done.jobId(), newKey(owner)).json();
        assertThat(status.path("status").asText()).isEqualTo("DONE");

        String strangersKey = newKey(fixtures.newUser());
        get(path + done.jobId(), strangersKey).problem(404);
        get(path + UUID.randomUUID(), strangersKey).problem(404);
        assertRefused(get(path + "not-a-uuid", strangersKey), "id");
    }

    @Test
    void unknown_endpoints_methods_and_formats_get_problem_details_too() throws Exception {
        String key = newKey(fixtures.newUser());
        send(request(DOCUMENTS, key).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build()).problem(415);
        send(request(SEARCH, key).GET().build()).problem(405);
        Reply unknown = get("/api/v1/brain/nothing-here", key);
        unknown.problem(404);
        assertThat(unknown.response().headers().allValues("Set-Cookie")).isEmpty();
    }

    private Reply upload(String key, FilePart file, String workspaceId, String knowledgeBaseId) throws Exception {
        return postMultipart(DOCUMENTS, key, form("file", file, "workspaceId", workspaceId, "knowledgeBaseId", knowledgeBaseId));
    }

    private static void assertRefused(Reply reply, String field) {
        assertThat(reply.problem(400).path("field").asText()).as(reply.response().body()).isEqualTo(field);
    }

    private JsonNode pollUntilFinished(URI location, String key) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Reply reply = send(HttpRequest.newBuilder(location).header("Authorization", "Bearer " + key).GET().build());
            assertThat(reply.status()).isEqualTo(200);
            return reply.json();
        }, status -> !List.of("QUEUED", "FETCHING", "EXTRACTING", "EMBEDDING", "STORING").contains(status.path("status").asText()));
    }
}
