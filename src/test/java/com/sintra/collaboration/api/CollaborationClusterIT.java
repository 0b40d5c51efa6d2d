package com.sintra.collaboration.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sintra.OwnRedis;
import com.sintra.ai.FakeOpenAiServer;

/**
 * Two Sintra processes (the packaged jar, as deployed) with the {@code cluster} profile against the same test
 * database and a Redis this test starts on a spare port: what is posted on one node reaches viewers on the
 * other, only of that collaboration, and survives Redis going away; a stop asked on one node stops the agents'
 * run on the other; an answer cached on one is served on the other; a key's rate limit is one budget on both; and
 * each node holds one subscriber connection and one command connection to Redis. The model is a fake one in this
 * JVM. Runs in failsafe, after {@code package}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollaborationClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DB_URL = System.getenv().getOrDefault("SINTRA_TEST_DB_URL",
            "jdbc:postgresql://localhost:5432/sintra_test");
    private static final String DB_USER = System.getenv().getOrDefault("SINTRA_DB_USER", "sintra");
    private static final String DB_PASSWORD = System.getenv().getOrDefault("SINTRA_DB_PASSWORD", "sintra");

    private final List<Process> nodes = new ArrayList<>();
    /** Each key's burst, refilled at one request a second: the other tests stay well inside it. */
    private static final int BURST = 60;

    private final OwnRedis redis = OwnRedis.onFreePort();
    private FakeOpenAiServer model;
    private String node1;
    private String node2;
    private UUID workspace;
    private String anaKey;
    private String boKey;
    private String outsiderKey;

    @BeforeAll
    void cluster() throws Exception {
        redis.start();
        model = new FakeOpenAiServer();
        node1 = startNode(1);
        awaitReady(node1, nodes.get(0), "cluster-it-node1.log");
        // The second starts once the first has run the migrations.
        node2 = startNode(2);
        awaitReady(node2, nodes.get(1), "cluster-it-node2.log");
        team();
    }

    @AfterAll
    void stop() throws Exception {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
        }
        redis.stop();
        model.close();
    }

    @Test
    void a_message_posted_on_one_node_reaches_a_viewer_on_the_other_and_no_viewer_of_another_collaboration() throws Exception {
        String shared = create(node1, anaKey, "Launch plan", List.of(boUser));
        String other = create(node1, outsiderKey, "Elsewhere", List.of());
        try (SseClient bo = SseClient.open(node2 + events(shared), boKey, null);
             SseClient outsider = SseClient.open(node2 + events(other), outsiderKey, null)) {
            awaitFollowing(bo, outsider);

            post(node1, anaKey, shared, "Hello from node 1");

            await().atMost(Duration.ofSeconds(10)).until(() -> contents(bo).contains("Hello from node 1"));
            Thread.sleep(500);
            assertThat(contents(outsider)).isEmpty();
            assertThat(outsider.events()).noneMatch(e -> e.data().contains("Hello from node 1"));
        }
    }

    @Test
    void a_viewer_on_the_other_node_catches_up_after_a_redis_outage_without_loss_or_duplicates() throws Exception {
        String id = create(node1, anaKey, "Outage", List.of(boUser));
        post(node1, anaKey, id, "before");
        try (SseClient bo = SseClient.open(node2 + events(id), boKey, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> contents(bo).contains("before"));

            redis.stop();
            for (int i = 1; i <= 3; i++) {
                post(node1, anaKey, id, "during " + i);
            }
            Thread.sleep(500);
            assertThat(contents(bo)).as("nothing crosses the nodes while Redis is away").containsExactly("before");
            redis.start();
            // Node 2 subscribes again and catches up from the database.
            await().atMost(Duration.ofSeconds(30)).until(() -> contents(bo).contains("during 3"));
            // Both nodes' connections back (a subscriber and a command connection each) before the live part is checked.
            await().atMost(Duration.ofSeconds(30)).until(() -> sintraConnections() == 4);
            post(node1, anaKey, id, "after");

            await().atMost(Duration.ofSeconds(30)).until(() -> contents(bo).contains("after"));
            assertThat(contents(bo)).containsExactly("before", "during 1", "during 2", "during 3", "after");
            List<Long> sequences = bo.messages().stream().map(m -> m.path("sequence").asLong()).toList();
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertThat(bo.events().stream().filter(e -> e.id() != null).map(SseClient.Event::id))
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void through_haproxy_with_the_clusters_own_configuration_a_viewer_gets_what_either_node_stores() throws Exception {
        assumeTrue(new File("/usr/sbin/haproxy").canExecute() || onPath("haproxy"), "haproxy is not installed");
        int port = freePort();
        // maxconn fitted to the open-files limit, as scripts/cluster does: -n takes precedence over the file's.
        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-n", "1000", "-f", "docker/haproxy.cfg")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "cluster-it-haproxy.log").toFile());
        builder.environment().put("SINTRA_LB_BIND", "127.0.0.1:" + port);
        builder.environment().put("SINTRA_NODE1", node1.substring("http://".length()));
        builder.environment().put("SINTRA_NODE2", node2.substring("http://".length()));
        Process haproxy = builder.start();
        try {
            String balancer = "http://127.0.0.1:" + port;
            awaitReady(balancer, haproxy, "cluster-it-haproxy.log");
            String id = create(node1, anaKey, "Balanced", List.of(boUser));
            try (SseClient bo = SseClient.open(balancer + events(id), boKey, null)) {
                awaitFollowing(bo);
                post(node1, anaKey, id, "to node 1");
                post(node2, anaKey, id, "to node 2");
                await().atMost(Duration.ofSeconds(10)).until(() -> contents(bo).size() == 2);
                assertThat(contents(bo)).containsExactly("to node 1", "to node 2");
            }
        } finally {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_viewer_who_opens_the_stream_on_the_other_node_while_an_agent_answers_gets_the_text_so_far_first() throws Exception {
        List<String> tokens = Stream.of("One", " two", " three", " four", " five", " six", " seven", " eight", " nine",
                " ten", " eleven", " twelve", " thirteen", " fourteen", " fifteen", " sixteen").toList();
        model.tokens(tokens).answerTime(Duration.ofSeconds(16));
        String id = create(node1, anaKey, "Drafts", List.of(boUser), List.of(planner), "MENTIONED_ONLY");
        // Ana's stream has node 1, where the answer is written, follow the collaboration.
        try (SseClient ana = SseClient.open(node1 + events(id), anaKey, null)) {
            awaitFollowing(ana);
            post(node1, anaKey, id, "@Planner count, please");
            await().atMost(Duration.ofSeconds(30)).until(() -> !deltas(ana).isEmpty());

            try (SseClient bo = SseClient.open(node2 + events(id), boKey, null)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> answer(bo, "COMPLETE") >= 0);

                List<SseClient.Event> events = bo.events();
                int first = -1;
                for (int i = 0; i < events.size() && first < 0; i++) {
                    SseClient.Event event = events.get(i);
                    if (event.name().equals("delta") && event.json().path("offset").asInt() == 0
                            && !event.json().path("text").asText().isEmpty()) {
                        first = i;
                    }
                }
                assertThat(first).as("the text so far, from the start, in Bo's stream before the finished answer")
                        .isGreaterThanOrEqualTo(0).isLessThan(answer(bo, "COMPLETE"));
                assertThat(answer(bo, "STREAMING")).as("the answer, still being written, in Bo's history")
                        .isNotNegative().isLessThan(first);
                assertThat(String.join("", tokens)).startsWith(events.get(first).json().path("text").asText());
            }
        } finally {
            model.answerTime(Duration.ZERO).tokens(List.of("Hello", " from", " the", " fake", " model."));
        }
    }

    @Test
    void a_stop_asked_on_one_node_stops_the_answer_being_streamed_on_the_other_and_keeps_it_marked_stopped()
            throws Exception {
        model.answerTime(Duration.ofSeconds(20)).tokens(List.of("One", " two", " three", " four", " five", " six",
                " seven", " eight", " nine", " ten"));
        try {
            String id = create(node1, anaKey, "Stop across nodes", List.of(boUser), List.of(planner), "MENTIONED_ONLY");
            try (SseClient bo = SseClient.open(node2 + events(id), boKey, null)) {
                awaitFollowing(bo);
                post(node1, anaKey, id, "@Planner count slowly");
                // The run is on node 1; its answer streams to node 2's viewer.
                await().atMost(Duration.ofSeconds(20)).until(() -> agentAnswers(bo, "STREAMING") > 0);
                Thread.sleep(4500);

                HttpResponse<String> stop = send(node2 + "/api/v1/collaborations/" + id + "/stop", boKey, "{}");

                assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
                assertThat(JSON.readTree(stop.body()).path("stopped").asBoolean()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> agentAnswers(bo, "STOPPED") == 1);
                JsonNode stopped = bo.messages().stream().filter(m -> m.path("state").asText().equals("STOPPED"))
                        .findFirst().orElseThrow();
                assertThat(stopped.path("content").asText()).startsWith("One two").doesNotContain("ten");
                await().atMost(Duration.ofSeconds(10)).until(() -> bo.messages().stream()
                        .anyMatch(m -> m.path("content").asText().equals("bo stopped the agents")));
                HttpResponse<String> again = send(node2 + "/api/v1/collaborations/" + id + "/stop", boKey, "{}");
                assertThat(JSON.readTree(again.body()).path("stopped").asBoolean()).as("nothing left to stop").isFalse();
            }
        } finally {
            model.answerTime(Duration.ZERO).tokens(List.of("Hello", " from", " the", " fake", " model."));
        }
    }

    @Test
    void an_answer_cached_on_one_node_is_served_on_the_other_without_asking_the_model() throws Exception {
        JsonNode first = chat(node1, anaKey, cacher, "What is the refund policy?");
        assertThat(first.path("answer").path("mode").asText()).isEqualTo("MODEL");
        int asked = model.requests();
        await().atMost(Duration.ofSeconds(5)).until(() -> !redis.keys("sintra:cache:ai-answer:*").isEmpty());

        JsonNode second = chat(node2, anaKey, cacher, "What is the refund policy?");

        assertThat(second.path("answer").path("mode").asText()).isEqualTo("CACHED");
        assertThat(second.path("answer").path("content").asText()).isEqualTo(first.path("answer").path("content").asText());
        assertThat(model.requests()).isEqualTo(asked);
    }

    @Test
    void a_keys_rate_limit_is_one_budget_whichever_node_its_requests_reach() throws Exception {
        String key;
        try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            key = key(db, user(db, "limited"));
        }
        int allowed = 0;
        int refused = 0;
        long started = System.nanoTime();
        for (int i = 0; i < BURST + 30; i++) {
            // The caller is in no workspace: a request let through is answered 400 (no workspace given) or 200.
            int status = get((i % 2 == 0 ? node1 : node2) + "/api/v1/collaborations", key).statusCode();
            assertThat(status).isLessThan(500);
            if (status == 429) {
                refused++;
            } else {
                allowed++;
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;

        // Counted per node, every one of these requests would have gone through (45 on each, a burst of 60).
        assertThat(refused).isPositive();
        assertThat(allowed).isBetween(BURST, BURST + (int) seconds + 1);
    }

    @Test
    void each_node_holds_one_subscriber_connection_and_one_command_connection_to_redis() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<String>> byNode = redis.clients().stream().filter(line -> line.contains(" name=sintra-"))
                    .collect(Collectors.groupingBy(line -> field(line, "name")));
            assertThat(byNode).as("two nodes, every connection named after its node").hasSize(2);
            byNode.forEach((node, connections) -> {
                assertThat(connections).as(node).hasSize(2);
                assertThat(connections.stream().filter(line -> field(line, "flags").contains("P")))
                        .as("one of them subscribed: collaborations, sessions, caches and runs on it").hasSize(1);
            });
            assertThat(redis.clients().stream().filter(line -> !line.contains(" name=sintra-")))
                    .as("no other connection but this test's own").hasSize(1);
        });
    }

    // --- the cluster ----------------------------------------------------------------------------

    private String startNode(int number) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("sintra-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/sintra-*.jar: run after package"));
        }
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--server.address=127.0.0.1", "--spring.profiles.active=cluster",
                "--sintra.demo.enabled=false", "--sintra.cluster.redis-url=" + redis.url(),
                "--sintra.cluster.retry=300ms", "--sintra.collaboration.event-heartbeat=2s",
                "--sintra.api.requests-per-minute=60", "--sintra.api.burst=" + BURST, "--sintra.ai.base-url=" + model.baseUrl(),
                "--spring.datasource.hikari.maximum-pool-size=5", "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "cluster-it-node" + number + ".log").toFile());
        builder.environment().put("SINTRA_DB_URL", DB_URL);
        builder.environment().put("SINTRA_ADMIN_EMAIL", "admin@test.sintra");
        builder.environment().put("SINTRA_ADMIN_PASSWORD", "test-admin-password");
        nodes.add(builder.start());
        return "http://127.0.0.1:" + port;
    }

    private static void awaitReady(String base, Process process, String log) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .failFast("It exited; see target/" + log, () -> !process.isAlive())
                .ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static String field(String clientListLine, String name) {
        return Stream.of(clientListLine.split(" ")).filter(f -> f.startsWith(name + "=")).findFirst()
                .map(f -> f.substring(name.length() + 1)).orElse("");
    }

    private long sintraConnections() {
        return redis.clients().stream().filter(line -> line.contains("name=sintra-")).count();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, command).canExecute());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- people and requests --------------------------------------------------------------------

    private UUID boUser;
    private UUID outsiderWorkspace;
    private UUID planner;
    private UUID cacher;

    /** Ana owns a workspace Bo edits in; an outsider has a workspace of their own. Keys for all three. */
    private void team() throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            UUID ana = user(db, "ana");
            boUser = user(db, "bo");
            UUID outsider = user(db, "outsider");
            workspace = workspace(db, ana);
            member(db, workspace, boUser, "EDITOR");
            outsiderWorkspace = workspace(db, outsider);
            planner = agent(db, workspace, ana, "Planner", "0.7");
            cacher = agent(db, workspace, ana, "Cacher", "0");
            anaKey = key(db, ana);
            boKey = key(db, boUser);
            outsiderKey = key(db, outsider);
        }
    }

    private static UUID user(Connection db, String name) throws Exception {
        UUID id = UUID.randomUUID();
        update(db, "INSERT INTO users (id, email, display_name, password_hash, role, active, created_at, updated_at) "
                + "VALUES (?, ?, ?, '{noop}unused', 'USER', true, now(), now())", id, name + "-" + id + "@cluster.test", name);
        return id;
    }

    private static UUID workspace(Connection db, UUID owner) throws Exception {
        UUID id = UUID.randomUUID();
        update(db, "INSERT INTO workspaces (id, name, description, archived, created_by, created_at, updated_at) "
                + "VALUES (?, ?, '', false, ?, now(), now())", id, "Cluster " + id, owner);
        member(db, id, owner, "OWNER");
        return id;
    }

    private static void member(Connection db, UUID workspace, UUID user, String role) throws Exception {
        update(db, "INSERT INTO workspace_members (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, now())",
                workspace, user, role);
    }

    private static UUID agent(Connection db, UUID workspace, UUID owner, String name, String temperature) throws Exception {
        UUID id = UUID.randomUUID();
        update(db, "INSERT INTO agents (id, workspace_id, name, model, temperature, created_by) VALUES (?, ?, ?, 'fake', ?, ?)",
                id, workspace, name, new BigDecimal(temperature), owner);
        return id;
    }

    /** A key as ApiKeyService makes them: only its SHA-256 is stored. */
    private static String key(Connection db, UUID user) throws Exception {
        String prefix = "sk_" + UUID.randomUUID().toString().substring(0, 8);
        String key = prefix + "_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        update(db, "INSERT INTO api_keys (user_id, name, prefix, key_hash) VALUES (?, 'cluster test', ?, ?)", user, prefix, hash);
        return key;
    }

    private static void update(Connection db, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private String create(String node, String key, String title, List<UUID> members) throws Exception {
        return create(node, key, title, members, List.of(), "ROUND_ROBIN");
    }

    private String create(String node, String key, String title, List<UUID> members, List<UUID> agents, String mode)
            throws Exception {
        UUID in = key.equals(outsiderKey) ? outsiderWorkspace : workspace;
        ObjectNode body = JSON.createObjectNode().put("workspaceId", in.toString())
                .put("title", title).put("mode", mode);
        body.set("memberIds", JSON.valueToTree(members));
        body.set("agentIds", JSON.valueToTree(agents));
        HttpResponse<String> reply = send(node + "/api/v1/collaborations", key, body.toString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).path("id").asText();
    }

    private static void post(String node, String key, String id, String content) throws Exception {
        HttpResponse<String> reply = send(node + "/api/v1/collaborations/" + id + "/messages", key,
                JSON.createObjectNode().put("content", content).toString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
    }

    private static HttpResponse<String> send(String url, String key, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode chat(String node, String key, UUID agent, String question) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(node + "/api/v1/agents/" + agent + "/chat"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("message", question).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }

    private static HttpResponse<String> get(String url, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The agents' answers the viewer has seen in this state (each version of a message counts once per sequence). */
    private static long agentAnswers(SseClient client, String state) {
        return client.messages().stream().filter(m -> m.path("authorKind").asText().equals("AGENT")
                && m.path("state").asText().equals(state)).map(m -> m.path("sequence").asLong()).distinct().count();
    }

    private static String events(String id) {
        return "/api/v1/collaborations/" + id + "/events";
    }

    /** Each stream has answered (its first presence event): its node follows the collaboration from now on. */
    private static void awaitFollowing(SseClient... clients) {
        for (SseClient client : clients) {
            await().atMost(Duration.ofSeconds(10)).until(() -> client.events().stream().anyMatch(e -> e.name().equals("presence")));
        }
    }

    private static List<JsonNode> deltas(SseClient client) {
        return client.events().stream().filter(e -> e.name().equals("delta")).map(SseClient.Event::json).toList();
    }

    /** Where in the client's events the agent's answer came in this state; -1 if it did not. */
    private static int answer(SseClient client, String state) {
        List<SseClient.Event> events = client.events();
        for (int i = 0; i < events.size(); i++) {
            SseClient.Event event = events.get(i);
            if (event.name().equals("message") && event.json().path("authorKind").asText().equals("AGENT")
                    && event.json().path("state").asText().equals(state)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> contents(SseClient client) {
        return client.messages().stream().filter(m -> m.path("kind").asText().equals("MESSAGE"))
                .map(m -> m.path("content").asText()).toList();
    }
}
