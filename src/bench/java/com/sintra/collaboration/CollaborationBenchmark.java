package com.sintra.collaboration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sintra.BenchApp;
import com.sintra.BenchData;
import com.sintra.BenchOptions;
import com.sintra.browser.PushPage;

import static com.sintra.BenchStats.ms;
import static com.sintra.BenchStats.pct;
import static com.sintra.BenchStats.spread;

/**
 * Collaboration benchmark: NOT a test. Drives Sintra (one node it starts itself, or the two nodes and HAProxy
 * that {@code scripts/bench-collaboration --nodes 2} started through {@code scripts/cluster}) over real
 * connections: {@code --collaborations} × {@code --viewers} participants following {@code /events} over SSE,
 * {@code --outsiders} who follow collaborations of their own and try to follow the benchmark's (and must be
 * refused), people posting marked messages at {@code --rate} a second for {@code --seconds}, a few headless
 * Chromium pages on the collaboration view (Vaadin push), and the heap each stream and each view costs. Posters
 * and viewers run in this one JVM, so arrival − send is one clock ({@code System.nanoTime()}; the pages stamp
 * {@code Date.now()}, compared with the epoch milliseconds taken just before each post). Only people's messages
 * flow: the collaborations have no agents (mode MENTIONED_ONLY). Run through {@code scripts/bench-collaboration}.
 */
public final class CollaborationBenchmark {

    private static final String PASSWORD = "bench collaboration password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILLER = " Status: the draft is ready for review, the figures are in the shared sheet,"
            + " and the next step is to agree on the launch date with everyone.";

    record Person(UUID id, String email, String key) {
    }

    record Collab(String id, List<Person> participants) {
    }

    /** One message posted: its marker, where, and the clocks just before it was sent. */
    record Post(int marker, int collaboration, long sentNanos, long sentMillis) {
    }

    /** @param nanos when the reply (or the failure) came */
    record Reply(int status, String node, long nanos) {
    }

    private final BenchOptions options;
    private final StringBuilder report = new StringBuilder();
    private final String dbUrl = System.getenv().getOrDefault("SINTRA_BENCH_DB_URL",
            "jdbc:postgresql://localhost:5432/sintra_bench_collaboration");
    private final ExecutorService callbacks = callbackExecutor();
    private final HttpClient api = client(callbacks);
    private final HttpClient streams = client(callbacks);
    private final List<SseViewer> viewers = new ArrayList<>();
    private final List<PushPage> pages = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    private BenchApp app;
    private String base;
    private int browserPort;

    private CollaborationBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        CollaborationBenchmark benchmark = new CollaborationBenchmark(BenchOptions.parse(args));
        Thread cleanup = new Thread(benchmark::stop, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        // However it goes wrong, the run ends: a hung request or browser never holds the machine.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofMinutes(15).plusSeconds(benchmark.options.integer("seconds", 60)).toMillis());
                System.err.println("bench-collaboration: the run took too long; stopping");
                System.exit(3);
            } catch (InterruptedException done) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int status = 0;
        try {
            benchmark.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            benchmark.stop();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        int nodes = options.integer("nodes", 1);
        if (nodes == 1) {
            app = BenchApp.start(options, dbUrl, Path.of("target/bench-collaboration-app.log"),
                    List.of("-Dsintra.api.requests-per-minute=10000000", "-Dsintra.api.burst=100000"),
                    Map.of("SINTRA_DEMO", "false", "SINTRA_ADMIN_PASSWORD", "bench-admin-password"));
            base = app.base();
            browserPort = app.port();
            pids.add(app.pid());
        } else {
            // Started by the script (scripts/cluster): HAProxy in front, the nodes' process ids.
            base = options.get("balancer");
            browserPort = URI.create(base).getPort();
            for (String pid : options.get("node-pids").split(",")) {
                pids.add(Long.parseLong(pid.strip()));
            }
        }
        int collaborationCount = options.integer("collaborations", 200);
        int viewersEach = options.integer("viewers", 5);
        int outsiderCount = options.integer("outsiders", 50);
        line("# Collaboration benchmark, " + Instant.now());
        line("");
        line("Sintra on " + BenchApp.java() + " (" + nodes + (nodes == 1 ? " node" : " nodes through HAProxy at " + base
                + " and Redis") + "), " + Runtime.getRuntime().availableProcessors() + " cores, load before: "
                + com.sintra.BenchStats.loadAverage() + ". " + collaborationCount + " collaborations × " + viewersEach
                + " viewers (SSE), " + outsiderCount + " outsiders, " + options.integer("rate", 30) + " messages/s for "
                + options.integer("seconds", 60) + " s, " + options.integer("browsers", 5) + " Chromium pages on the view.");
        line("");
        line("Only people's messages flow: the collaborations have no agents (mode MENTIONED_ONLY), so no answer is"
                + " streamed and every event measured is a posted message.");
        line("");

        List<Collab> collaborations = new ArrayList<>();
        List<Collab> outsiderCollabs = new ArrayList<>();
        List<Person> outsiders = new ArrayList<>();
        prepare(collaborationCount, viewersEach, outsiderCount, collaborations, outsiders, outsiderCollabs);
        warmUp(collaborations);

        long heapBefore = heap();
        openStreams(collaborations, outsiders, outsiderCollabs);
        long heapStreams = heap();
        openPages(collaborations, options.integer("browsers", 5), 0, pages);

        List<Post> posts = new ArrayList<>();
        Map<Integer, Reply> replies = new ConcurrentHashMap<>();
        Map<SseViewer, long[]> before = snapshot();
        pages.forEach(PushPage::resetCounters);
        post(collaborations, posts, replies);
        drain(collaborations, posts, replies);
        Map<SseViewer, long[]> after = snapshot();
        List<PushPage.Counters> pageCounters = pages.stream().map(PushPage::counters).toList();

        deliveries(collaborations, posts, replies);
        bytes(posts, replies, before, after, pageCounters);
        browsers(collaborations, posts, replies, pageCounters);
        String redis = nodes > 1 ? redisClients() : null;
        heapPerView(collaborations, heapBefore, heapStreams);
        if (redis != null) {
            line(redis);
        }
        line("## How to reproduce");
        line("");
        line("    " + options.get("command", "scripts/bench-collaboration"));
        line("");
        line("The harness: `src/bench/java/com/sintra/collaboration/CollaborationBenchmark.java`; what it measures:"
                + " docs/performance.md (Collaborations).");
        Path out = Path.of(options.get("out", "target/bench-collaboration.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    // --- data ------------------------------------------------------------------------------------

    /**
     * A workspace with a pool of people (editors), each taking part in several collaborations (the participants
     * of collaboration i are people i·v … i·v+v−1 of the pool, round the pool), an API key each; outsiders, half
     * of them members of the workspace who take part in none of its collaborations, half from another workspace,
     * each with a collaboration of their own.
     */
    private void prepare(int count, int viewersEach, int outsiderCount, List<Collab> collaborations, List<Person> outsiders,
                         List<Collab> outsiderCollabs) throws Exception {
        int poolSize = Math.max(viewersEach, options.integer("users", Math.max(viewersEach, count * viewersEach / 10)));
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Person> pool = new ArrayList<>();
        UUID workspace;
        UUID otherWorkspace;
        try (Connection db = BenchData.connect(dbUrl)) {
            UUID owner = BenchData.user(db, "owner-" + run + "@bench.sintra", "Bench owner", hash);
            workspace = BenchData.workspace(db, owner, "Bench collaborations " + run);
            UUID otherOwner = BenchData.user(db, "other-owner-" + run + "@bench.sintra", "Other owner", hash);
            otherWorkspace = BenchData.workspace(db, otherOwner, "Bench outsiders " + run);
            for (int i = 0; i < poolSize; i++) {
                pool.add(person(db, workspace, "person-" + i + "-" + run, "Person " + i, hash));
            }
            for (int i = 0; i < outsiderCount; i++) {
                outsiders.add(person(db, i % 2 == 0 ? workspace : otherWorkspace, "outsider-" + i + "-" + run,
                        "Outsider " + i, hash));
            }
        }
        for (int i = 0; i < count; i++) {
            List<Person> participants = new ArrayList<>();
            for (int j = 0; j < viewersEach; j++) {
                participants.add(pool.get((i * viewersEach + j) % poolSize));
            }
            collaborations.add(new Collab(create(workspace, "Bench " + i, participants), participants));
        }
        for (int i = 0; i < outsiders.size(); i++) {
            Person outsider = outsiders.get(i);
            List<Person> alone = List.of(outsider);
            outsiderCollabs.add(new Collab(create(i % 2 == 0 ? workspace : otherWorkspace, "Outsider " + i, alone), alone));
        }
        line("Data: " + poolSize + " people in the workspace, each in about " + Math.round((double) count * viewersEach / poolSize)
                + " collaborations, an API key each; outsiders: " + (outsiderCount + 1) / 2 + " members of the workspace"
                + " in none of its collaborations, " + outsiderCount / 2 + " of another workspace.");
        line("");
    }

    private static Person person(Connection db, UUID workspace, String handle, String name, String hash) throws Exception {
        String email = handle + "@bench.sintra";
        UUID id = BenchData.user(db, email, name, hash);
        BenchData.member(db, workspace, id, "EDITOR");
        return new Person(id, email, BenchData.apiKey(db, id, "bench"));
    }

    /** Through the API, as its first participant, inviting the others: no agents. */
    private String create(UUID workspace, String title, List<Person> participants) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("workspaceId", workspace.toString()).put("title", title)
                .put("goal", "Agree on the launch plan").put("mode", "MENTIONED_ONLY").put("visibility", "WORKSPACE");
        body.putArray("memberIds").addAll(participants.subList(1, participants.size()).stream()
                .map(p -> JSON.getNodeFactory().textNode(p.id().toString())).toList());
        HttpResponse<String> reply = api.send(json(base + "/api/v1/collaborations", participants.get(0).key(), body.toString()),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("Creating a collaboration answered " + reply.statusCode() + ": " + reply.body());
        }
        return JSON.readTree(reply.body()).path("id").asText();
    }

    /** Messages without markers, before anyone follows: the JIT compiles the posting path. */
    private void warmUp(List<Collab> collaborations) throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < options.integer("warmup", 300); i++) {
            Collab c = collaborations.get(random.nextInt(collaborations.size()));
            HttpResponse<Void> reply = api.send(message(c, c.participants().get(random.nextInt(c.participants().size())),
                    "Warm-up " + i + FILLER), HttpResponse.BodyHandlers.discarding());
            if (reply.statusCode() != 201) {
                throw new IllegalStateException("A warm-up post answered " + reply.statusCode());
            }
        }
    }

    // --- connections ------------------------------------------------------------------------------

    private void openStreams(List<Collab> collaborations, List<Person> outsiders, List<Collab> outsiderCollabs) throws Exception {
        long started = System.nanoTime();
        int index = 0;
        for (Collab c : collaborations) {
            for (Person p : c.participants()) {
                viewers.add(new SseViewer(streams, events(c.id()), p.key(), index++, c.id(), true));
            }
        }
        for (int i = 0; i < outsiders.size(); i++) {
            Person outsider = outsiders.get(i);
            viewers.add(new SseViewer(streams, events(outsiderCollabs.get(i).id()), outsider.key(), index++,
                    outsiderCollabs.get(i).id(), true));
            // And one of the benchmark's, which they do not take part in: must be refused.
            String foreign = collaborations.get((i * 7) % collaborations.size()).id();
            viewers.add(new SseViewer(streams, events(foreign), outsider.key(), index++, foreign, false));
        }
        // One deadline for all: a node that stopped answering costs 2 minutes, not 2 minutes a stream.
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int unanswered = 0;
        for (SseViewer viewer : viewers) {
            if (!viewer.awaitAnswer(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                unanswered++;
            }
        }
        List<SseViewer> participants = viewers.stream().filter(v -> v.participant).toList();
        List<SseViewer> refusedOnes = viewers.stream().filter(v -> !v.participant).toList();
        long following = participants.stream().filter(SseViewer::open).count();
        line("## Streams");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| participants' streams following (first event received) | " + following + " of " + participants.size()
                + (unanswered > 0 ? " (" + unanswered + " unanswered after 2 minutes)" : "") + " |");
        participants.stream().filter(v -> !v.open()).map(v -> v.status() + " " + v.failure()).distinct().limit(5)
                .forEach(f -> line("| failed stream | " + f + " |"));
        line("| outsiders' requests for the benchmark's collaborations: HTTP statuses | " + refusedOnes.stream()
                .collect(Collectors.groupingBy(SseViewer::status, TreeMap::new, Collectors.counting())) + " (must all be 4xx) |");
        line("| time to open all | " + ms((System.nanoTime() - started) / 1e6) + " |");
        if (pids.size() > 1) {
            line("| streams by node (HAProxy's cookie on each response) | " + participants.stream()
                    .collect(Collectors.groupingBy(SseViewer::node, TreeMap::new, Collectors.counting())) + " |");
        }
        line("");
    }

    /** Chromium pages signed in as a participant, each on a collaboration's view; {@code first} offsets which. */
    private void openPages(List<Collab> collaborations, int count, int first, List<PushPage> into) {
        for (int i = 0; i < count; i++) {
            Collab c = collaborations.get((first + i) % collaborations.size());
            Person person = c.participants().get(((first + i) / collaborations.size()) % c.participants().size());
            into.add(PushPage.open(browserPort, person.email(), PASSWORD, "/collaborations?collaboration=" + c.id(),
                    "#collaboration-message"));
        }
    }

    // --- posting ------------------------------------------------------------------------------------

    /** People post at a steady rate to random collaborations; each post's clocks are taken just before it goes. */
    private void post(List<Collab> collaborations, List<Post> posts, Map<Integer, Reply> replies) throws Exception {
        int rate = options.integer("rate", 30);
        int total = rate * options.integer("seconds", 60);
        Random random = new Random(11);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            ticks.scheduleAtFixedRate(() -> {
                int marker = next.getAndIncrement();
                if (marker >= total) {
                    return;
                }
                int ci = random.nextInt(collaborations.size());
                Collab c = collaborations.get(ci);
                HttpRequest request = message(c, c.participants().get(random.nextInt(c.participants().size())),
                        "bench-m-" + marker + FILLER);
                synchronized (posts) {
                    posts.add(new Post(marker, ci, System.nanoTime(), System.currentTimeMillis()));
                }
                api.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((reply, error) ->
                        replies.put(marker, error != null ? new Reply(-1, error.getClass().getSimpleName(), System.nanoTime())
                                : new Reply(reply.statusCode(), node(reply), System.nanoTime())));
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(options.integer("seconds", 60) + 30).toNanos();
            while (next.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            ticks.shutdownNow();
        }
    }

    /** Waits for the replies and for every expected delivery, up to 10 s after the last post. */
    private void drain(List<Collab> collaborations, List<Post> posts, Map<Integer, Reply> replies) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (replies.size() >= posts.size() && missing(collaborations, posts, replies) == 0) {
                break;
            }
            Thread.sleep(50);
        }
        // Whatever else would arrive (a duplicate, a stray delivery) has had time to.
        Thread.sleep(1000);
    }

    private long missing(List<Collab> collaborations, List<Post> posts, Map<Integer, Reply> replies) {
        Map<String, List<SseViewer>> byCollab = followers();
        long missing = 0;
        for (Post post : posts) {
            Reply reply = replies.get(post.marker());
            if (reply != null && reply.status() == 201) {
                for (SseViewer v : byCollab.getOrDefault(collaborations.get(post.collaboration()).id(), List.of())) {
                    missing += v.arrivals().containsKey(post.marker()) ? 0 : 1;
                }
            }
        }
        return missing;
    }

    /** The participants' open streams by collaboration. */
    private Map<String, List<SseViewer>> followers() {
        return viewers.stream().filter(v -> v.participant && v.status() == 200)
                .collect(Collectors.groupingBy(v -> v.collaboration));
    }

    // --- results ------------------------------------------------------------------------------------

    private void deliveries(List<Collab> collaborations, List<Post> posts, Map<Integer, Reply> replies) {
        Map<String, List<SseViewer>> byCollab = followers();
        Map<Integer, Post> byMarker = posts.stream().collect(Collectors.toMap(Post::marker, p -> p));
        List<Double> all = new ArrayList<>();
        List<Double> roundTrips = new ArrayList<>();
        Map<String, List<Double>> byPath = new TreeMap<>();
        // Feeds deliver at a pace of one per delivery interval (340 ms by default) with a burst of two: a message
        // close behind another in its collaboration may wait for the next slot, one after a quiet spell goes at once.
        long interval = Duration.ofMillis(options.integer("delivery-interval-ms", 340)).toNanos();
        Map<Integer, Long> previousPost = new java.util.HashMap<>();
        List<Double> quiet = new ArrayList<>();
        List<Double> closeBehind = new ArrayList<>();
        Map<Integer, Integer> perMessage = new TreeMap<>();
        long lost = 0;
        long stored = 0;
        for (Post post : posts) {
            Reply reply = replies.get(post.marker());
            if (reply == null || reply.status() != 201) {
                continue;
            }
            stored++;
            roundTrips.add((reply.nanos() - post.sentNanos()) / 1e6);
            Long previous = previousPost.put(post.collaboration(), post.sentNanos());
            boolean close = previous != null && post.sentNanos() - previous < interval;
            int delivered = 0;
            for (SseViewer v : byCollab.getOrDefault(collaborations.get(post.collaboration()).id(), List.of())) {
                Long arrived = v.arrivals().get(post.marker());
                if (arrived == null) {
                    lost++;
                    continue;
                }
                delivered++;
                double millis = (arrived - post.sentNanos()) / 1e6;
                all.add(millis);
                (close ? closeBehind : quiet).add(millis);
                if (pids.size() > 1) {
                    String path = reply.node().equals(v.node()) ? "posted and viewed on the same node"
                            : "posted on one node, viewed on the other (through Redis)";
                    byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(millis);
                }
            }
            perMessage.merge(delivered, 1, Integer::sum);
        }
        long duplicates = viewers.stream().mapToLong(SseViewer::duplicates).sum();
        // Markers that reached a stream not of their collaboration: outsiders, and viewers of the wrong one.
        long strays = 0;
        for (SseViewer v : viewers) {
            for (Integer marker : v.arrivals().keySet()) {
                Post post = byMarker.get(marker);
                if (post == null || !v.participant || !collaborations.get(post.collaboration()).id().equals(v.collaboration)) {
                    strays++;
                }
            }
        }
        Map<String, Long> failed = replies.values().stream().filter(r -> r.status() != 201)
                .collect(Collectors.groupingBy(r -> r.status() + " " + r.node(), Collectors.counting()));
        line("## Post-to-render over SSE (" + options.integer("viewers", 5) + " viewers a collaboration)");
        line("");
        line("Latency: the marker's `message` event read off the viewer's socket, minus `System.nanoTime()` just before"
                + " the POST was sent (one JVM for posters and viewers).");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| messages posted / stored (201) | " + posts.size() + " / " + stored + (failed.isEmpty() ? "" : " (others: " + failed + ")") + " |");
        line("| **post-to-render, all (message, viewer) pairs** | " + spread(all) + " |");
        byPath.forEach((path, millis) -> line("| " + path + " | " + spread(millis) + " |"));
        line("| messages after a quiet spell (none in their collaboration in the " + ms(interval / 1e6) + " before) | "
                + spread(quiet) + " |");
        line("| messages close behind another in their collaboration (may be coalesced into the next delivery) | "
                + spread(closeBehind) + " |");
        line("| for comparison: POST → its 201 at the poster | " + spread(roundTrips) + " |");
        line("| deliveries per message (deliveries → messages; must all be " + options.integer("viewers", 5) + ") | "
                + perMessage + " |");
        line("| lost deliveries | " + lost + " |");
        line("| duplicate deliveries | " + duplicates + " |");
        line("| **deliveries to non-participants** (outsiders' streams, viewers of other collaborations) | **" + strays + "** |");
        line("");
    }

    /** Bytes of every stream before and after the posting: total, marker events, comments. */
    private Map<SseViewer, long[]> snapshot() {
        Map<SseViewer, long[]> bytes = new LinkedHashMap<>();
        for (SseViewer v : viewers) {
            bytes.put(v, new long[] {v.bytes(), v.markerBytes(), v.markerEvents(), v.commentBytes()});
        }
        return bytes;
    }

    private void bytes(List<Post> posts, Map<Integer, Reply> replies, Map<SseViewer, long[]> before, Map<SseViewer, long[]> after,
                       List<PushPage.Counters> pageCounters) {
        long stored = posts.stream().filter(p -> replies.containsKey(p.marker()) && replies.get(p.marker()).status() == 201).count();
        long total = 0;
        long markerBytes = 0;
        long markerEvents = 0;
        long comments = 0;
        for (SseViewer v : viewers) {
            long[] b = before.get(v);
            long[] a = after.get(v);
            total += a[0] - b[0];
            markerBytes += a[1] - b[1];
            markerEvents += a[2] - b[2];
            comments += a[3] - b[3];
        }
        long connected = viewers.stream().filter(SseViewer::open).count();
        double perEvent = markerEvents == 0 ? 0 : (double) markerBytes / markerEvents;
        double scoped = stored == 0 ? 0 : (double) markerBytes / stored;
        double broadcast = connected * perEvent;
        line("## Bytes pushed per message (SSE)");
        line("");
        line("Scoped = Σ bytes of the marker `message` events all streams received ÷ messages stored. Broadcast (what"
                + " sending each message to every connected client would cost) = connected streams × mean bytes of one"
                + " marker event (`id:`, `event:`, `data:` lines and the blank line).");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| connected streams (viewers + outsiders) | " + connected + " |");
        line("| bytes of one marker event (mean) | " + String.format(Locale.ROOT, "%.0f", perEvent) + " |");
        line("| **scoped: bytes per message** | **" + String.format(Locale.ROOT, "%.0f", scoped) + "** |");
        line("| broadcast to every client: bytes per message | " + String.format(Locale.ROOT, "%.0f", broadcast)
                + (scoped > 0 ? String.format(Locale.ROOT, " (%.0f× the scoped)", broadcast / scoped) : "") + " |");
        line("| all stream bytes during the posting (with heartbeats, presence) per message | "
                + String.format(Locale.ROOT, "%.0f", stored == 0 ? 0 : (double) total / stored) + " (heartbeat comments: "
                + comments + " bytes in all) |");
        if (!pageCounters.isEmpty()) {
            long ws = pageCounters.stream().mapToLong(PushPage.Counters::wsBytes).sum();
            long xhr = pageCounters.stream().mapToLong(PushPage.Counters::xhrBytes).sum();
            long seen = pageCounters.stream().mapToLong(c -> c.dom().size()).sum();
            line("| Vaadin push in the pages: WebSocket bytes received per message shown | " + (seen == 0 ? "–"
                    : String.format(Locale.ROOT, "%.0f", (double) ws / seen)) + " (" + ws + " bytes, "
                    + pageCounters.stream().mapToLong(PushPage.Counters::wsFrames).sum() + " frames, " + seen
                    + " messages; XHR " + xhr + " bytes) |");
        }
        line("");
    }

    private void browsers(List<Collab> collaborations, List<Post> posts, Map<Integer, Reply> replies,
                          List<PushPage.Counters> pageCounters) {
        if (pages.isEmpty()) {
            return;
        }
        List<Double> dom = new ArrayList<>();
        List<Double> painted = new ArrayList<>();
        long expected = 0;
        long strays = 0;
        line("## Post-to-render in Chromium (Vaadin push), reported apart");
        line("");
        line("Latency: `Date.now()` in the page when the marker's text entered the DOM (a MutationObserver) and at the"
                + " next animation frame, minus the epoch milliseconds just before the POST.");
        line("");
        line("| page | node | messages expected / shown | WebSocket bytes per message | DOM p50 / p99 |");
        line("|---|---|---|---|---|");
        for (int i = 0; i < pageCounters.size(); i++) {
            PushPage.Counters counters = pageCounters.get(i);
            String collab = collaborations.get(i % collaborations.size()).id();
            List<Double> own = new ArrayList<>();
            int mine = 0;
            for (Post post : posts) {
                Reply reply = replies.get(post.marker());
                boolean here = collaborations.get(post.collaboration()).id().equals(collab);
                if (!here || reply == null || reply.status() != 201) {
                    continue;
                }
                mine++;
                Long shown = counters.dom().get(post.marker());
                if (shown != null) {
                    own.add((double) (shown - post.sentMillis()));
                }
                Long frame = counters.painted().get(post.marker());
                if (frame != null) {
                    painted.add((double) (frame - post.sentMillis()));
                }
            }
            Map<Integer, Post> byMarker = posts.stream().collect(Collectors.toMap(Post::marker, p -> p));
            strays += counters.dom().keySet().stream().filter(m -> byMarker.containsKey(m)
                    && !collaborations.get(byMarker.get(m).collaboration()).id().equals(collab)).count();
            expected += mine;
            dom.addAll(own);
            String node = pages.get(i).cookie("SINTRA_NODE");
            line("| " + (i + 1) + " | " + (node == null ? "–" : node) + " | " + mine + " / " + own.size() + " | "
                    + (own.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", (double) counters.wsBytes() / own.size()))
                    + " | " + ms(pct(own, 50)) + " / " + ms(pct(own, 99)) + " |");
        }
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| messages expected / shown, all pages | " + expected + " / " + dom.size() + " |");
        line("| **post-to-DOM** | " + spread(dom) + " |");
        line("| post-to-next-frame | " + spread(painted) + " |");
        line("| markers of other collaborations shown | " + strays + " |");
        line("");
    }

    private void heapPerView(List<Collab> collaborations, long heapBefore, long heapStreams) throws Exception {
        long streamsOpen = viewers.stream().filter(SseViewer::open).count();
        line("## Heap");
        line("");
        line("Used heap after two full collections (`jcmd <pid> GC.run`, `GC.heap_info`)" + (pids.size() > 1
                ? ", summed over the nodes" : "") + ".");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| before any stream / with " + streamsOpen + " streams | " + mb(heapBefore) + " / " + mb(heapStreams) + " |");
        line("| **per SSE stream** | " + (streamsOpen == 0 ? "–" : kb((double) (heapStreams - heapBefore) / streamsOpen))
                + (heapStreams <= heapBefore ? " (below the noise: open more streams)" : "") + " |");
        int views = options.integer("heap-views", 10);
        if (views > 0) {
            List<PushPage> extra = new ArrayList<>();
            try {
                long without = heap();
                openPages(collaborations, views, pages.size(), extra);
                // Vaadin's first round trips settle (attach, the first page of messages, presence).
                Thread.sleep(3000);
                long with = heap();
                line("| " + views + " more Chromium pages on collaboration views (each its own session): without / with | "
                        + mb(without) + " / " + mb(with) + " |");
                line("| **per open collaboration view** (session, UI, pane; the sign-in page's UI may still be held) | "
                        + kb((double) (with - without) / views) + (with <= without ? " (below the noise: open more pages)" : "") + " |");
            } finally {
                extra.forEach(PushPage::close);
            }
        }
        line("");
    }

    /**
     * Each node's Redis connections, from {@code CLIENT LIST} joined to the node's sockets ({@code ss -tnp}): by
     * client name (RedisRelay's {@code sintra-node-…}, the sessions' {@code sintra-sessions-…}, the pool's
     * unnamed ones), subscribers (sub or psub above 0) apart.
     */
    private String redisClients() throws IOException, InterruptedException {
        URI redis = URI.create(System.getenv().getOrDefault("SINTRA_REDIS_URL", "redis://localhost:6379"));
        String clients = run("redis-cli", "-h", redis.getHost(), "-p", Integer.toString(redis.getPort() < 0 ? 6379 : redis.getPort()),
                "CLIENT", "LIST");
        String sockets = run("ss", "-Htnp", "state", "established");
        Map<String, Long> portToPid = new java.util.HashMap<>();
        java.util.regex.Matcher socket = java.util.regex.Pattern.compile(
                "\\S+:(\\d+)\\s+\\S+:" + (redis.getPort() < 0 ? 6379 : redis.getPort()) + "\\s+users:\\(\\(\"[^\"]*\",pid=(\\d+)")
                .matcher(sockets);
        while (socket.find()) {
            portToPid.put(socket.group(1), Long.parseLong(socket.group(2)));
        }
        StringBuilder text = new StringBuilder("## Redis connections per node (`redis-cli CLIENT LIST`)\n\n");
        text.append("| node | subscriber connections | subscribers by client name | other connections by client name |\n")
                .append("|---|---|---|---|\n");
        for (int i = 0; i < pids.size(); i++) {
            long pid = pids.get(i);
            Map<String, Integer> subscribers = new TreeMap<>();
            Map<String, Integer> others = new TreeMap<>();
            for (String client : clients.split("\n")) {
                Map<String, String> fields = new java.util.HashMap<>();
                for (String field : client.strip().split(" ")) {
                    int eq = field.indexOf('=');
                    if (eq > 0) {
                        fields.put(field.substring(0, eq), field.substring(eq + 1));
                    }
                }
                String addr = fields.getOrDefault("addr", "");
                Long owner = portToPid.get(addr.substring(addr.lastIndexOf(':') + 1));
                if (owner == null || owner != pid) {
                    continue;
                }
                String name = fields.getOrDefault("name", "");
                name = name.isEmpty() ? "(unnamed: the pool)" : name.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…");
                boolean subscriber = !"0".equals(fields.getOrDefault("sub", "0")) || !"0".equals(fields.getOrDefault("psub", "0"));
                (subscriber ? subscribers : others).merge(name, 1, Integer::sum);
            }
            text.append("| node").append(i + 1).append(" (pid ").append(pid).append(") | **")
                    .append(subscribers.values().stream().mapToInt(Integer::intValue).sum()).append("** | ").append(subscribers)
                    .append(" | ").append(others).append(" |\n");
        }
        return text.append('\n').toString();
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private long heap() throws IOException, InterruptedException {
        long sum = 0;
        for (long pid : pids) {
            sum += BenchApp.heapAfterFullGc(pid);
        }
        return sum;
    }

    private String events(String collaboration) {
        return base + "/api/v1/collaborations/" + collaboration + "/events";
    }

    private HttpRequest message(Collab c, Person author, String content) {
        return json(base + "/api/v1/collaborations/" + c.id() + "/messages", author.key(),
                JSON.createObjectNode().put("content", content).toString());
    }

    private static HttpRequest json(String url, String key, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The node behind HAProxy that answered, from its stickiness cookie; "?" without HAProxy. */
    private static String node(HttpResponse<?> reply) {
        return reply.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("SINTRA_NODE="))
                .map(c -> c.substring("SINTRA_NODE=".length()).split(";")[0]).findFirst().orElse("?");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
        return output;
    }

    /** Callbacks of the HTTP clients: virtual threads on Java 21+ (one per stream costs nothing), else a pool. */
    private static ExecutorService callbackExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException onJava17) {
            return Executors.newCachedThreadPool();
        }
    }

    private static HttpClient client(ExecutorService executor) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String kb(double bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    /** Closes every stream and page and stops the node it started; safe to call twice (a hook calls it too). */
    private synchronized void stop() {
        viewers.forEach(SseViewer::close);
        viewers.clear();
        for (PushPage page : pages) {
            try {
                page.close();
            } catch (RuntimeException e) {
                // gone already
            }
        }
        pages.clear();
        if (app != null) {
            app.close();
            app = null;
        }
        callbacks.shutdownNow();
    }
}
