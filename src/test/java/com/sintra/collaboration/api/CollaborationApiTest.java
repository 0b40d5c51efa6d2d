package com.sintra.collaboration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.account.CurrentUser;
import com.sintra.account.User;
import com.sintra.api.ApiTest;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationService;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

/** {@code /api/v1/collaborations} over real HTTP: listing, starting, posting, and the live event stream. */
class CollaborationApiTest extends ApiTest {

    @Autowired
    WorkspaceService workspaces;
    @Autowired
    CollaborationService collaborations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CollaborationEventStreams streams;
    @Autowired
    CurrentUser currentUser;

    User ana;
    User bo;
    WorkspaceId workspace;
    String anaKey;
    String boKey;

    @BeforeEach
    void team() {
        ana = fixtures.newUser();
        bo = fixtures.newUser();
        workspace = fixtures.newWorkspace(ana);
        fixtures.as(ana, () -> workspaces.addMember(workspace, bo.email(), WorkspaceRole.EDITOR));
        anaKey = newKey(ana);
        boKey = newKey(bo);
    }

    @Test
    void a_started_collaboration_is_listed_for_its_participants_page_by_page_and_filtered_by_status() throws Exception {
        String first = create(anaKey, "Launch plan", List.of(bo.id().value()));
        String second = create(anaKey, "Pricing", List.of());
        String third = create(anaKey, "Hiring", List.of());
        fixtures.as(ana, () -> collaborations.complete(new CollaborationId(UUID.fromString(second))));

        JsonNode page = get(list("&limit=2"), anaKey).json();
        assertThat(ids(page)).containsExactly(third, second);
        JsonNode rest = get(list("&limit=2&after=" + page.path("next").asText()), anaKey).json();
        assertThat(ids(rest)).containsExactly(first);
        assertThat(rest.path("next").isNull()).isTrue();
        assertThat(ids(get(list("&status=ACTIVE,PAUSED"), anaKey).json())).containsExactly(third, first);
        assertThat(ids(get(list("&status=COMPLETED"), anaKey).json())).containsExactly(second);
        // Bo takes part in the first only.
        assertThat(ids(get(list(""), boKey).json())).containsExactly(first);
        assertThat(ids(get(list(""), newKey(fixtures.newUser())).json())).isEmpty();
    }

    @Test
    void bad_input_gets_problem_details_and_stores_nothing() throws Exception {
        long before = collaborationsIn(workspace);
        assertThat(postJson("/api/v1/collaborations", anaKey, Map.of("workspaceId", workspace.value().toString(), "title", " "))
                .problem(400).path("field").asText()).isEqualTo("title");
        assertThat(postJson("/api/v1/collaborations", anaKey, Map.of("title", "No workspace"))
                .problem(400).path("field").asText()).isEqualTo("workspaceId");
        postJson("/api/v1/collaborations", anaKey, Map.of("workspaceId", workspace.value().toString(), "title", "x",
                "memberIds", List.of(fixtures.newUser().id().value().toString()))).problem(400);
        postJson("/api/v1/collaborations", anaKey, Map.of("workspaceId", workspace.value().toString(), "title", "x",
                "mode", "LOUDEST")).problem(400);
        postJson("/api/v1/collaborations", newKey(fixtures.newUser()),
                Map.of("workspaceId", workspace.value().toString(), "title", "Not mine")).problem(404);
        get(list("&after=not-a-cursor"), anaKey).problem(400);
        get(list("&status=SLEEPING"), anaKey).problem(400);
        get("/api/v1/collaborations", anaKey).problem(400);
        assertThat(collaborationsIn(workspace)).isEqualTo(before);

        String id = create(anaKey, "Launch plan", List.of());
        assertThat(postJson(messages(id), anaKey, Map.of("content", "  ")).problem(400).path("field").asText())
                .isEqualTo("message");
        assertThat(postJson(messages(id), anaKey, Map.of("content", "x".repeat(8001))).problem(400).path("detail").asText())
                .contains("8,000");
        postJson(messages(id), boKey, Map.of("content", "Not taking part")).problem(403);
        postJson(messages(id), newKey(fixtures.newUser()), Map.of("content", "A stranger")).problem(404);
        postJson(messages(UUID.randomUUID().toString()), anaKey, Map.of("content", "Nowhere")).problem(404);
        postJson("/api/v1/collaborations/not-a-uuid/messages", anaKey, Map.of("content", "Hi")).problem(400);
        fixtures.as(ana, () -> collaborations.complete(new CollaborationId(UUID.fromString(id))));
        assertThat(postJson(messages(id), anaKey, Map.of("content", "Too late")).problem(409).path("detail").asText())
                .contains("completed");
        assertThat(peopleMessages(id)).isZero();
        get(events(id), boKey).problem(403);
        get(events(UUID.randomUUID().toString()), anaKey).problem(404);
    }

    @Test
    void a_viewer_gets_posted_messages_live_with_their_revision_as_id_and_heartbeats_between() throws Exception {
        String id = create(anaKey, "Launch plan", List.of(bo.id().value()));
        String other = create(anaKey, "Elsewhere", List.of());
        try (SseClient bo = SseClient.open(url(events(id)), boKey, null);
             SseClient elsewhere = SseClient.open(url(events(other)), anaKey, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> presenceArrived(bo));
            JsonNode posted = postJson(messages(id), anaKey, Map.of("content", "Hello Bo")).json();

            await().atMost(Duration.ofSeconds(10)).until(() -> contents(bo).contains("Hello Bo"));
            SseClient.Event event = bo.events().stream().filter(e -> e.name().equals("message")).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(event.id()).isEqualTo(posted.path("revision").asText());
            assertThat(event.json().path("sequence").asLong()).isEqualTo(posted.path("sequence").asLong());
            assertThat(event.json().path("authorName").asText()).isEqualTo(ana.displayName());
            await().atMost(Duration.ofSeconds(5)).until(() -> bo.comments() > 0);
            assertThat(contents(elsewhere)).doesNotContain("Hello Bo");
            assertThat(bo.status()).isEqualTo(200);
        }
    }

    @Test
    void a_stream_resumed_from_last_event_id_gets_what_it_missed_once_and_in_order_then_live() throws Exception {
        String id = create(anaKey, "Launch plan", List.of(bo.id().value()));
        post(id, "one");
        JsonNode two = post(id, "two");
        post(id, "three");
        post(id, "four");
        try (SseClient resumed = SseClient.open(url(events(id)), boKey, two.path("revision").asText())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> contents(resumed).contains("four"));
            post(id, "five");
            await().atMost(Duration.ofSeconds(10)).until(() -> contents(resumed).contains("five"));
            assertThat(contents(resumed)).containsExactly("three", "four", "five");
            List<Long> sequences = resumed.messages().stream().map(m -> m.path("sequence").asLong()).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
        }
        try (SseClient whole = SseClient.open(url(events(id)), anaKey, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> contents(whole).contains("five"));
            assertThat(contents(whole)).containsSubsequence("one", "two", "three", "four", "five");
        }
    }

    @Test
    void a_client_that_goes_away_leaves_no_viewer_behind() throws Exception {
        String id = create(anaKey, "Launch plan", List.of(bo.id().value()));
        SseClient bo = SseClient.open(url(events(id)), boKey, null);
        SseClient ana = SseClient.open(url(events(id)), anaKey, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastPresence(ana).size() == 2);
        bo.close();
        // Noticed at the next write at the latest: the heartbeat (1 s in tests).
        await().atMost(Duration.ofSeconds(10)).until(() -> lastPresence(ana).size() == 1);
        ana.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.size() == 0);
    }

    @Test
    void a_stopping_node_ends_its_streams_so_that_clients_resume_elsewhere() throws Exception {
        String id = create(anaKey, "Launch plan", List.of());
        CollaborationEventStreams node = new CollaborationEventStreams(collaborations, currentUser);
        node.start();
        fixtures.as(ana, () -> node.open(new CollaborationId(UUID.fromString(id)), 0));
        assertThat(node.size()).isEqualTo(1);

        node.stop();

        assertThat(node.size()).isZero();
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void participants_pause_and_stop_editors_resume_and_complete_and_each_answer_the_collaboration_as_it_is_then()
            throws Exception {
        String id = create(anaKey, "Launch plan", List.of(bo.id().value()));
        User viewer = fixtures.newUser();
        fixtures.as(ana, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        fixtures.as(ana, () -> collaborations.invite(new CollaborationId(UUID.fromString(id)), List.of(viewer.id()), List.of()));
        String viewerKey = newKey(viewer);

        assertThat(postJson(control(id, "pause"), viewerKey, "").json().path("status").asText()).isEqualTo("PAUSED");
        assertThat(postJson(control(id, "stop"), viewerKey, "").json().path("stopped").asBoolean()).isFalse();
        postJson(control(id, "resume"), viewerKey, "").problem(403);
        assertThat(postJson(control(id, "resume"), boKey, "").json().path("status").asText()).isEqualTo("ACTIVE");
        postJson(control(id, "complete"), viewerKey, "").problem(403);
        postJson(control(id, "complete"), newKey(fixtures.newUser()), "").problem(404);
        assertThat(fixtures.as(ana, () -> collaborations.get(new CollaborationId(UUID.fromString(id)))).status().name())
                .isEqualTo("ACTIVE");

        assertThat(postJson(control(id, "complete"), anaKey, "").json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(postJson(control(id, "complete"), anaKey, "").json().path("status").asText()).isEqualTo("COMPLETED");
        postJson(control(id, "pause"), anaKey, "").problem(409);
    }

    @Test
    void the_openapi_description_lists_the_collaboration_endpoints() throws Exception {
        JsonNode api = get("/api/v1/openapi.json", null).json();
        JsonNode paths = api.path("paths");
        assertThat(paths.has("/api/v1/collaborations")).isTrue();
        assertThat(paths.at("/~1api~1v1~1collaborations/get/parameters").findValuesAsText("name"))
                .contains("workspaceId", "status", "after", "limit");
        assertThat(paths.at("/~1api~1v1~1collaborations/post/responses").has("201")).isTrue();
        assertThat(paths.at("/~1api~1v1~1collaborations~1{id}~1messages/post/responses/409/content")
                .has("application/problem+json")).isTrue();
        JsonNode events = paths.at("/~1api~1v1~1collaborations~1{id}~1events/get");
        assertThat(events.path("description").asText()).contains("Last-Event-ID");
        assertThat(events.at("/responses/200/content").has("text/event-stream")).isTrue();
    }

    private String create(String key, String title, List<UUID> members) throws Exception {
        Reply reply = postJson("/api/v1/collaborations", key, Map.of("workspaceId", workspace.value().toString(),
                "title", title, "goal", "Agree on it", "memberIds", members));
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(201);
        assertThat(reply.response().headers().firstValue("Location").orElseThrow()).endsWith("/events");
        return reply.json().path("id").asText();
    }

    private JsonNode post(String id, String content) throws Exception {
        Reply reply = postJson(messages(id), anaKey, Map.of("content", content));
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(201);
        return reply.json();
    }

    private String list(String query) {
        return "/api/v1/collaborations?workspaceId=" + workspace.value() + query;
    }

    private static String messages(String id) {
        return "/api/v1/collaborations/" + id + "/messages";
    }

    private static String control(String id, String action) {
        return "/api/v1/collaborations/" + id + "/" + action;
    }

    private static String events(String id) {
        return "/api/v1/collaborations/" + id + "/events";
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsText("id").stream().toList();
    }

    private static List<String> contents(SseClient client) {
        return client.messages().stream().filter(m -> m.path("kind").asText().equals("MESSAGE"))
                .map(m -> m.path("content").asText()).toList();
    }

    private static boolean presenceArrived(SseClient client) {
        return client.events().stream().anyMatch(e -> e.name().equals("presence"));
    }

    private static List<String> lastPresence(SseClient client) {
        return client.events().stream().filter(e -> e.name().equals("presence")).reduce((a, b) -> b)
                .map(e -> e.json().path("people").findValuesAsText("userId")).orElse(List.of());
    }

    private long collaborationsIn(WorkspaceId workspace) {
        return jdbc.sql("SELECT count(*) FROM collaborations WHERE workspace_id = :w").param("w", workspace.value())
                .query(Long.class).single();
    }

    private long peopleMessages(String id) {
        return jdbc.sql("SELECT count(*) FROM collaboration_messages WHERE collaboration_id = :c AND author_kind = 'USER' AND kind = 'MESSAGE'")
                .param("c", UUID.fromString(id)).query(Long.class).single();
    }
}
