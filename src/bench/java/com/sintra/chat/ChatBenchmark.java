package com.sintra.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sintra.BenchApp;
import com.sintra.BenchData;
import com.sintra.BenchOptions;
import com.sintra.ai.FakeOpenAiServer;

import static com.sintra.BenchStats.loadAverage;
import static com.sintra.BenchStats.ms;
import static com.sintra.BenchStats.pct;

/**
 * Chat benchmark: NOT a test. Starts the fake OpenAI-compatible provider here (answers spread over
 * {@code --answer-ms}), starts Sintra as a separate JVM against its own database with demo data, and drives
 * the REST API as another program would:
 * <ol>
 * <li>{@code --chats} concurrent streaming chats (SSE), all distinct: how many complete, errors, and the
 * latency Sintra adds between the provider sending an answer's first token and the client receiving it
 * (both sides stamp {@code System.nanoTime()}, which is one monotonic clock for every process on a Linux
 * machine); Sintra's thread count, heap and RSS at peak, sampled every 100 ms;</li>
 * <li>a cached answer (temperature-0 agent, the same question in new conversations), one request at a time;</li>
 * <li>100 identical concurrent streaming chats: upstream calls counted by the provider.</li>
 * </ol>
 * Run through {@code scripts/bench-chat}, which prepares the database and the classpath.
 */
public final class ChatBenchmark {

    private static final Pattern TAG = Pattern.compile("bench-q-(\\d+)-(\\d+)");
    private static final HttpClient HTTP = newClient();

    private final BenchOptions options;
    private final FakeOpenAiServer provider;
    private final Map<String, Long> providerFirstToken = new ConcurrentHashMap<>();
    private final StringBuilder report = new StringBuilder();
    private BenchApp app;
    private String key;
    /** An administrator's dashboard open in Chromium during the burst ({@code --dashboard}), or null. */
    private DashboardWatch dashboard;

    /**
     * Streams of each phase go through a client of their own: connections a previous phase left idle may be
     * closed by Tomcat's keep-alive timeout just as a new request goes out on them, and a POST is not retried.
     */
    private HttpClient streams = newClient();

    private static HttpClient newClient() {
        return HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private ChatBenchmark(BenchOptions options) throws IOException {
        this.options = options;
        this.provider = new FakeOpenAiServer();
        int tokens = intOption("tokens", 20);
        List<String> words = IntStream.range(0, tokens).mapToObj(i -> i == 0 ? "Token0" : " token" + i).toList();
        provider.tokens(words).answerTime(Duration.ofMillis(intOption("answer-ms", 2000)))
                .onFirstToken((request, nanos) -> {
                    Matcher tag = TAG.matcher(request);
                    if (tag.find()) {
                        providerFirstToken.put(tag.group(), nanos);
                    }
                });
    }

    public static void main(String[] args) throws Exception {
        ChatBenchmark benchmark = new ChatBenchmark(BenchOptions.parse(args));
        try {
            benchmark.run();
        } finally {
            benchmark.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String dbUrl = System.getenv().getOrDefault("SINTRA_BENCH_DB_URL", "jdbc:postgresql://localhost:5432/sintra_bench_chat");
        app = BenchApp.start(options, dbUrl, Path.of("target/bench-chat-app.log"), List.of(
                "-Dsintra.ai.base-url=" + provider.baseUrl(), "-Dsintra.ai.model=fake-model",
                "-Dsintra.ai.max-concurrent-calls=2000", "-Dsintra.ai.requests-per-second=10000",
                "-Dsintra.ai.slow-call-threshold=60s",
                "-Dsintra.api.requests-per-minute=10000000", "-Dsintra.api.burst=100000"),
                Map.of("SINTRA_ADMIN_PASSWORD", "bench-admin-password", "SINTRA_DEMO", "true"));
        Setup setup = prepare(dbUrl);
        line("# Chat benchmark, " + Instant.now());
        line("");
        line("Sintra on " + BenchApp.java() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load before: " + loadAverage() + ". Provider: " + intOption("tokens", 20) + " tokens over "
                + intOption("answer-ms", 2000) + " ms per answer.");
        line("");
        warmUp(setup);
        if (options.has("dashboard")) {
            dashboardCost();
        }
        if (phase("streams")) {
            concurrentStreams(setup);
        }
        if (phase("cached")) {
            cachedAnswers(setup, settle());
        }
        if (phase("identical")) {
            singleFlight(setup);
        }
        if (phase("pane")) {
            messagePane(dbUrl);
        }
        Path out = Path.of(options.get("out", "target/bench-chat.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println(report);
    }

    // --- phases ------------------------------------------------------------------------------

    /** Whether {@code --phases} (default: all of streams,cached,identical,pane) names this one. */
    private boolean phase(String name) {
        return List.of(options.get("phases", "streams,cached,identical,pane").split(",")).contains(name);
    }

    private void warmUp(Setup setup) throws Exception {
        // Enough requests for the JIT to compile the request path (thousands), or the timings measure the interpreter.
        int count = intOption("warmup", 600);
        List<CompletableFuture<StreamResult>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(stream(setup.streamingAgent(), "warm", i));
            if (running.size() == 150) {
                running.forEach(CompletableFuture::join);
                running.clear();
            }
        }
        running.forEach(CompletableFuture::join);
        for (int i = 0; i < intOption("warmup-json", 3000); i++) {
            json(setup.cachedAgent(), "How do agents cite their sources?");
        }
    }

    private void concurrentStreams(Setup setup) throws Exception {
        int chats = intOption("chats", 1000);
        streams = newClient();
        int upstreamBefore = provider.requests();
        ProcessSampler sampler = new ProcessSampler(app.pid());
        sampler.start();
        if (dashboard != null) {
            dashboard.startReading();
            screenshotDuringBurst();
        }
        long started = System.nanoTime();
        long epochOffsetMillis = System.currentTimeMillis() - started / 1_000_000;
        List<CompletableFuture<StreamResult>> running = new ArrayList<>();
        for (int i = 0; i < chats; i++) {
            running.add(stream(setup.streamingAgent(), "main", i));
        }
        List<StreamResult> results = running.stream().map(CompletableFuture::join).toList();
        long wall = System.nanoTime() - started;
        List<DashboardWatch.Reading> readings = List.of();
        if (dashboard != null) {
            Thread.sleep(6000); // the sample that covers the burst's last seconds
            readings = dashboard.stopReading();
        }
        sampler.stop();

        List<Double> added = new ArrayList<>();
        List<Double> firstToken = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        int complete = 0;
        int errors = 0;
        for (StreamResult r : results) {
            if (r.complete()) {
                complete++;
                Long providerNanos = providerFirstToken.get(r.tag());
                if (providerNanos != null && r.firstTokenNanos() > 0) {
                    added.add((r.firstTokenNanos() - providerNanos) / 1e6);
                }
                firstToken.add((r.firstTokenNanos() - r.sentNanos()) / 1e6);
                total.add((r.doneNanos() - r.sentNanos()) / 1e6);
            } else {
                errors++;
            }
        }
        line("## " + chats + " concurrent streaming chats (REST, SSE)");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| completed / errors | " + complete + " / " + errors + " |");
        results.stream().filter(r -> !r.complete()).map(StreamResult::failure).distinct().limit(5)
                .forEach(failure -> line("| error | " + failure + " |"));
        line("| upstream calls | " + (provider.requests() - upstreamBefore) + " |");
        line("| wall time for all | " + ms(wall / 1e6) + " |");
        line("| **added first-token latency** (provider's first token → client's) | p50 " + ms(pct(added, 50))
                + ", **p95 " + ms(pct(added, 95)) + "**, p99 " + ms(pct(added, 99)) + ", max " + ms(pct(added, 100))
                + " (n=" + added.size() + ") |");
        line("| request → first token at the client | p50 " + ms(pct(firstToken, 50)) + ", p95 " + ms(pct(firstToken, 95)) + " |");
        line("| request → stored answer at the client | p50 " + ms(pct(total, 50)) + ", p95 " + ms(pct(total, 95)) + " |");
        line("| Sintra at peak | " + sampler.summary() + " |");
        line("");
        if (dashboard != null) {
            List<DashboardComparison.Completed> completed = results.stream().filter(StreamResult::complete)
                    .map(r -> new DashboardComparison.Completed(epochOffsetMillis + r.doneNanos() / 1_000_000,
                            (r.doneNanos() - r.sentNanos()) / 1e6))
                    .toList();
            DashboardComparison.report(readings, completed, sampler.heapSeries(), this::line);
        }
    }

    /**
     * What an open dashboard costs: Sintra's CPU over a minute with no dashboard open, then over a minute with one
     * open (and the bytes pushed to it), the machine otherwise quiet. The dashboard stays open for the burst.
     */
    private void dashboardCost() throws Exception {
        line(settle());
        double closed = DashboardComparison.cpuSeconds(app.pid(), Duration.ofMinutes(1));
        dashboard = DashboardWatch.open(app, "admin@sintra.local", "bench-admin-password");
        Thread.sleep(10_000); // the page's own loading and first samples are not the steady cost
        dashboard.page().resetCounters();
        double open = DashboardComparison.cpuSeconds(app.pid(), Duration.ofMinutes(1));
        var pushed = dashboard.page().counters();
        DashboardComparison.cost(closed, open, pushed.wsBytes(), pushed.wsFrames(), pushed.xhrBytes(), this::line);
    }

    /** The dashboard ten seconds into the burst, for docs/images. */
    private void screenshotDuringBurst() {
        Thread shot = new Thread(() -> {
            try {
                Thread.sleep(10_000);
                dashboard.screenshot(Path.of(options.get("dashboard-screenshot", "target/bench-dashboard.png")));
            } catch (Exception e) {
                System.err.println("bench-chat: no dashboard screenshot: " + e.getMessage());
            }
        }, "dashboard-screenshot");
        shot.setDaemon(true);
        shot.start();
    }

    private void cachedAnswers(Setup setup, String settled) throws Exception {
        String question = "How do agents cite their sources?";
        json(setup.cachedAgent(), question);
        int requests = intOption("cached-requests", 300);
        int upstreamBefore = provider.requests();
        List<Double> cached = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long sent = System.nanoTime();
            String body = json(setup.cachedAgent(), question);
            cached.add((System.nanoTime() - sent) / 1e6);
            Matcher mode = Pattern.compile("\"mode\":\"(\\w+)\"").matcher(body);
            modes.add(mode.find() ? mode.group(1) : "?");
        }
        long cachedCount = modes.stream().filter("CACHED"::equals).count();
        List<WrkRound> rounds = wrkRounds("/api/v1/agents/" + setup.cachedAgent() + "/chat", "{\"message\":\"" + question + "\"}",
                "/api/v1/brain/ingestions/" + UUID.randomUUID());
        // The floor, side by side: the cheapest authenticated API request (an unknown ingestion's 404), same client.
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long sent = System.nanoTime();
            HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/brain/ingestions/" + UUID.randomUUID()))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            floor.add((System.nanoTime() - sent) / 1e6);
        }
        line("## Cached answers (JSON, one request at a time, new conversation each)");
        line("");
        line(settled);
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| requests / answered from the cache / upstream calls | " + requests + " / " + cachedCount + " / "
                + (provider.requests() - upstreamBefore) + " |");
        line("| **request → stored cached answer** | p50 " + ms(pct(cached, 50)) + ", **p95 " + ms(pct(cached, 95))
                + "**, p99 " + ms(pct(cached, 99)) + " |");
        line("| floor: an authenticated 404 (`GET /api/v1/brain/ingestions/{random}`), same client, same run | p50 "
                + ms(pct(floor, 50)) + ", p95 " + ms(pct(floor, 95)) + ", p99 " + ms(pct(floor, 99)) + " |");
        line("");
        if (!rounds.isEmpty()) {
            int warmup = intOption("wrk-warmup-rounds", WRK_WARMUP_ROUNDS);
            List<WrkRound> allRounds = rounds;
            rounds = allRounds.subList(warmup, allRounds.size());
            line("Measured by wrk (C, one connection, one request at a time), in rounds of " + WRK_SECONDS
                    + " s each for the cached answer and the floor, alternating, so both see the same moments of the"
                    + " machine; the first " + warmup + " rounds warm up and are not counted:");
            line("");
            line("| round | cached answer p50 | **cached answer p95** | p99 | requests | floor p50 | floor p95 |");
            line("|---|---|---|---|---|---|---|");
            for (int i = 0; i < allRounds.size(); i++) {
                WrkRound round = allRounds.get(i);
                line("| " + (i < warmup ? "warm-up " + (i + 1) : Integer.toString(i + 1 - warmup)) + " | " + ms(round.cached().p50()) + " | **" + ms(round.cached().p95()) + "** | "
                        + ms(round.cached().p99()) + " | " + round.cached().requests() + " | " + ms(round.floor().p50())
                        + " | " + ms(round.floor().p95()) + " |");
            }
            line("| median of the rounds | " + ms(median(rounds, r -> r.cached().p50())) + " | "
                    + ms(median(rounds, r -> r.cached().p95())) + " | " + ms(median(rounds, r -> r.cached().p99())) + " | | "
                    + ms(median(rounds, r -> r.floor().p50())) + " | " + ms(median(rounds, r -> r.floor().p95())) + " |");
            List<WrkRun> cachedRuns = rounds.stream().map(WrkRound::cached).toList();
            List<WrkRun> floorRuns = rounds.stream().map(WrkRound::floor).toList();
            line("| **all rounds' requests together** | " + ms(pooled(cachedRuns, 50)) + " | **" + ms(pooled(cachedRuns, 95))
                    + "** | " + ms(pooled(cachedRuns, 99)) + " | " + cachedRuns.stream().mapToLong(WrkRun::requests).sum() + " | "
                    + ms(pooled(floorRuns, 50)) + " | " + ms(pooled(floorRuns, 95)) + " |");
            line("");
        }
    }

    private static double median(List<WrkRound> rounds, java.util.function.ToDoubleFunction<WrkRound> value) {
        return pct(rounds.stream().map(value::applyAsDouble).toList(), 50);
    }

    private void singleFlight(Setup setup) {
        int identical = intOption("identical", 100);
        streams = newClient();
        int upstreamBefore = provider.requests();
        List<CompletableFuture<StreamResult>> running = new ArrayList<>();
        for (int i = 0; i < identical; i++) {
            running.add(stream(setup.streamingAgent(), "same", -1));
        }
        List<StreamResult> results = running.stream().map(CompletableFuture::join).toList();
        line("## " + identical + " identical concurrent streaming chats");
        line("");
        line("| measure | value |");
        line("|---|---|");
        line("| completed | " + results.stream().filter(StreamResult::complete).count() + " |");
        line("| **upstream calls** | **" + (provider.requests() - upstreamBefore) + "** |");
        line("");
    }

    private static final int WRK_SECONDS = 5;
    private static final int WRK_ROUNDS = 8;
    /**
     * Rounds shown but not counted: after the 1,000-stream burst the first rounds ran slower for the floor too
     * (the JIT and the heap adjusting back to one request at a time), for about 30 s.
     */
    private static final int WRK_WARMUP_ROUNDS = 3;

    /**
     * What wrk measured in one run, in milliseconds, with its whole histogram (microseconds → count) so that
     * the rounds can be pooled.
     */
    record WrkRun(double p50, double p95, double p99, long requests, java.util.SortedMap<Long, Long> histogram) {
    }

    /** The percentile of all the rounds' requests together, in milliseconds. */
    private static double pooled(List<WrkRun> runs, double percentile) {
        java.util.SortedMap<Long, Long> all = new java.util.TreeMap<>();
        runs.forEach(run -> run.histogram().forEach((micros, count) -> all.merge(micros, count, Long::sum)));
        long total = all.values().stream().mapToLong(Long::longValue).sum();
        long rank = (long) Math.ceil(percentile / 100 * total);
        long seen = 0;
        for (var entry : all.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return entry.getKey() / 1000.0;
            }
        }
        return Double.NaN;
    }

    /** A round: the cached answer, then the floor, back to back. */
    record WrkRound(WrkRun cached, WrkRun floor) {
    }

    /**
     * The cached answer and the floor timed by wrk (C, one connection, one at a time) when {@code --wrk} names
     * it: a lighter client than Java's, whose own overhead (about 1 ms here) the figures above include. The
     * two alternate in short rounds because this machine's speed drifts from one minute to the next (other
     * tenants): a round whose floor is slow shows that its cached answer was slowed by the same moment.
     *
     * @return the warm-up rounds ({@code --wrk-warmup-rounds}, default 3) then the counted ones ({@code --wrk-rounds},
     * default 8); none without wrk
     */
    private List<WrkRound> wrkRounds(String cachedPath, String cachedBody, String floorPath) throws IOException, InterruptedException {
        String wrk = options.get("wrk");
        if (wrk == null) {
            return List.of();
        }
        Path cachedScript = wrkScript(cachedBody);
        Path floorScript = wrkScript(null);
        try {
            List<WrkRound> rounds = new ArrayList<>();
            for (int i = 0; i < intOption("wrk-warmup-rounds", WRK_WARMUP_ROUNDS) + intOption("wrk-rounds", WRK_ROUNDS); i++) {
                rounds.add(new WrkRound(wrk(wrk, cachedScript, cachedPath, true), wrk(wrk, floorScript, floorPath, false)));
            }
            return rounds;
        } finally {
            Files.deleteIfExists(cachedScript);
            Files.deleteIfExists(floorScript);
        }
    }

    private Path wrkScript(String jsonBody) throws IOException {
        Path script = Files.createTempFile("bench-chat", ".lua");
        StringBuilder lua = new StringBuilder("wrk.headers[\"Authorization\"] = \"Bearer " + key + "\"\n");
        if (jsonBody != null) {
            lua.append("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = '").append(jsonBody).append("'\n");
        }
        lua.append("""
                done = function(summary, latency, requests)
                  io.write(string.format("WRK %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
                    latency:percentile(99), summary.requests, summary.errors.status))
                  for i = 1, #latency do
                    local micros, count = latency(i)
                    io.write(string.format("H %d %d\\n", micros, count))
                  end
                end
                """);
        Files.writeString(script, lua);
        return script;
    }

    /** @param answers whether every response must be a success (the floor is a 404 by design) */
    private WrkRun wrk(String wrk, Path script, String path, boolean answers) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(wrk, "-t1", "-c1", "-d" + WRK_SECONDS + "s", "-s", script.toString(), base() + path)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher numbers = Pattern.compile("WRK (\\d+) (\\d+) (\\d+) (\\d+) (\\d+)").matcher(output);
        if (!numbers.find()) {
            throw new IllegalStateException("wrk failed: " + output.strip());
        }
        if (answers && Long.parseLong(numbers.group(5)) > 0) {
            throw new IllegalStateException("wrk saw " + numbers.group(5) + " error statuses on " + path);
        }
        java.util.SortedMap<Long, Long> histogram = new java.util.TreeMap<>();
        Matcher bucket = Pattern.compile("(?m)^H (\\d+) (\\d+)$").matcher(output);
        while (bucket.find()) {
            histogram.merge(Long.parseLong(bucket.group(1)), Long.parseLong(bucket.group(2)), Long::sum);
        }
        return new WrkRun(Long.parseLong(numbers.group(1)) / 1000.0, Long.parseLong(numbers.group(2)) / 1000.0,
                Long.parseLong(numbers.group(3)) / 1000.0, Long.parseLong(numbers.group(4)), histogram);
    }

    /**
     * The message pane's queries, the very SQL the app runs, on a 10-message and a 10,000-message
     * conversation side by side: the newest page, and a page from the middle of the long one.
     */
    private void messagePane(String dbUrl) throws SQLException {
        try (Connection db = BenchData.connect(dbUrl)) {
            UUID small = conversationWith(db, 10);
            UUID large = conversationWith(db, 10_000);
            long middleId;
            Timestamp middleAt;
            try (PreparedStatement middle = db.prepareStatement(
                    "SELECT id, created_at FROM agent_messages WHERE conversation_id = ? ORDER BY created_at, id OFFSET 5000 LIMIT 1")) {
                middle.setObject(1, large);
                try (ResultSet rs = middle.executeQuery()) {
                    rs.next();
                    middleId = rs.getLong(1);
                    middleAt = rs.getTimestamp(2);
                }
            }
            // As the app runs them (ChatRepository.useCustomPlans): planned for their parameters every time.
            db.createStatement().execute("SET plan_cache_mode = force_custom_plan");
            String latest = ChatRepository.LATEST_MESSAGES.replace(":conversation", "?").replace(":limit", "31");
            String before = ChatRepository.MESSAGES_BEFORE.replace(":conversation", "?").replace(":beforeAt", "?")
                    .replace(":beforeId", "?").replace(":limit", "31");
            List<Double> smallLatest = new ArrayList<>();
            List<Double> largeLatest = new ArrayList<>();
            List<Double> largeMiddle = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                smallLatest.add(timed(db, latest, small));
                largeLatest.add(timed(db, latest, large));
                largeMiddle.add(timed(db, before, large, middleAt, middleId));
            }
            line("## Message pane (the app's SQL over JDBC, 400 runs each, interleaved)");
            line("");
            line("| page | p50 | p95 |");
            line("|---|---|---|");
            line("| newest 30 of a 10-message conversation | " + ms(pct(smallLatest, 50)) + " | " + ms(pct(smallLatest, 95)) + " |");
            line("| newest 30 of a 10,000-message conversation | " + ms(pct(largeLatest, 50)) + " | " + ms(pct(largeLatest, 95)) + " |");
            line("| 30 before the 5,000th message of the 10,000 | " + ms(pct(largeMiddle, 50)) + " | " + ms(pct(largeMiddle, 95)) + " |");
            line("");
        }
    }

    private static UUID conversationWith(Connection db, int messages) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("""
                WITH c AS (
                    INSERT INTO conversations (workspace_id, agent_id, user_id, title)
                    SELECT workspace_id, id, created_by, 'Bench pane ' || ? FROM agents ORDER BY created_at LIMIT 1
                    RETURNING id, workspace_id, agent_id, user_id
                ), m AS (
                    INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, created_at)
                    SELECT c.id, c.workspace_id, c.user_id, c.agent_id, CASE WHEN s % 2 = 0 THEN 'USER' ELSE 'AGENT' END,
                           'Message ' || s || ' ' || repeat('words ', 40), now() - (? - s) * interval '1 second'
                    FROM c CROSS JOIN generate_series(1, ?) s
                )
                SELECT id FROM c""")) {
            insert.setInt(1, messages);
            insert.setInt(2, messages);
            insert.setInt(3, messages);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                UUID id = rs.getObject(1, UUID.class);
                db.createStatement().execute("ANALYZE agent_messages");
                return id;
            }
        }
    }

    private static double timed(Connection db, String sql, Object... parameters) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getString("content");
                }
            }
        }
        return (System.nanoTime() - started) / 1e6;
    }

    // --- requests ----------------------------------------------------------------------------

    /** @param failure why it did not complete (null when it did) */
    record StreamResult(String tag, boolean complete, long sentNanos, long firstTokenNanos, long doneNanos, String failure) {
    }

    private static final AtomicLong RUN = new AtomicLong(System.currentTimeMillis() % 100000);
    private static final List<String> PHASES = List.of("same", "warm", "main");

    /** One SSE chat; {@code index} −1 asks the same question every time (single flight). */
    private CompletableFuture<StreamResult> stream(UUID agent, String phase, int index) {
        String tag = "bench-q-" + RUN.get() + "-" + (index < 0 ? 0 : PHASES.indexOf(phase) * 100_000 + index + 1);
        String question = index < 0 ? "What does the handbook say about workspaces? " + tag
                : "Question " + tag + ": what does the handbook say about agents?";
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/agents/" + agent + "/chat"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + question + "\"}")).build();
        AtomicLong firstToken = new AtomicLong();
        AtomicInteger answered = new AtomicInteger();
        return streams.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        if (line.startsWith("event:token") && firstToken.get() == 0) {
                            firstToken.compareAndSet(0, System.nanoTime());
                        } else if (line.startsWith("event:answer")) {
                            answered.incrementAndGet();
                        }
                    }

                    @Override
                    public void onError(Throwable throwable) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }))
                .handle((response, error) -> {
                    boolean complete = error == null && response.statusCode() == 200 && answered.get() == 1;
                    String failure = complete ? null : error != null ? error.getClass().getSimpleName() + ": " + error.getMessage()
                            : response.statusCode() != 200 ? "HTTP " + response.statusCode() : "stream ended without its answer";
                    return new StreamResult(tag, complete, sent, firstToken.get(), System.nanoTime(), failure);
                });
    }

    private String json(UUID agent, String question) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/agents/" + agent + "/chat"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + question + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("chat answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String base() {
        return app.base();
    }

    // --- the application under test -----------------------------------------------------------

    record Setup(UUID streamingAgent, UUID cachedAgent) {
    }

    /** An API key for the demo admin, and two agents on the demo handbook: one streaming, one cached. */
    private Setup prepare(String dbUrl) throws Exception {
        try (Connection db = BenchData.connect(dbUrl)) {
            awaitDemoDocuments(db);
            UUID admin = single(db, "SELECT id FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1");
            UUID demoAgent = single(db, "SELECT a.id FROM agents a JOIN workspaces w ON w.id = a.workspace_id "
                    + "WHERE w.name = 'Sintra demo' ORDER BY a.created_at LIMIT 1");
            key = BenchData.apiKey(db, admin, "bench");
            return new Setup(copyAgent(db, demoAgent, "Bench streaming", "0.7"), copyAgent(db, demoAgent, "Bench cached", "0"));
        }
    }

    private static UUID copyAgent(Connection db, UUID source, String name, String temperature) throws SQLException {
        UUID id;
        try (PreparedStatement copy = db.prepareStatement("""
                INSERT INTO agents (workspace_id, name, role_description, system_prompt, model, temperature, max_tokens,
                                    avatar_color, cache_answers, created_by)
                SELECT workspace_id, ?, role_description, system_prompt, 'fake-model', CAST(? AS numeric), max_tokens,
                       avatar_color, false, created_by FROM agents WHERE id = ? RETURNING id""")) {
            copy.setString(1, name + " " + UUID.randomUUID().toString().substring(0, 6));
            copy.setString(2, temperature);
            copy.setObject(3, source);
            try (ResultSet rs = copy.executeQuery()) {
                rs.next();
                id = rs.getObject(1, UUID.class);
            }
        }
        try (PreparedStatement links = db.prepareStatement("""
                INSERT INTO agent_knowledge_bases (agent_id, knowledge_base_id)
                SELECT ?, kb.id FROM knowledge_bases kb JOIN agents a ON a.workspace_id = kb.workspace_id WHERE a.id = ?""")) {
            links.setObject(1, id);
            links.setObject(2, source);
            links.executeUpdate();
        }
        return id;
    }

    private static void awaitDemoDocuments(Connection db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (var rs = db.createStatement().executeQuery("SELECT count(*) FROM brain_documents")) {
                rs.next();
                if (rs.getLong(1) >= 3) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The demo handbook was not ingested within 2 minutes");
    }

    private static UUID single(Connection db, String sql) throws SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("Nothing for " + sql);
            }
            return rs.getObject(1, UUID.class);
        }
    }

    private void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        provider.close();
        if (app != null) {
            app.close();
        }
    }

    // --- measuring ---------------------------------------------------------------------------

    /** Samples the app's threads and RSS from /proc and its heap with jstat, every 100 ms. */
    private static final class ProcessSampler {

        private final long pid;
        private final AtomicLong maxThreads = new AtomicLong();
        private final AtomicLong maxRssKb = new AtomicLong();
        private final AtomicLong maxHeapKb = new AtomicLong();
        /** Heap used by time: epoch milliseconds and kilobytes, every 100 ms. */
        private final List<long[]> heapSeries = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private Thread procThread;
        private Process jstat;

        ProcessSampler(long pid) {
            this.pid = pid;
        }

        void start() throws IOException {
            procThread = new Thread(() -> {
                while (running) {
                    try {
                        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                            if (line.startsWith("Threads:")) {
                                maxThreads.accumulateAndGet(Long.parseLong(line.substring(8).strip()), Math::max);
                            } else if (line.startsWith("VmRSS:")) {
                                maxRssKb.accumulateAndGet(Long.parseLong(line.substring(6).replace("kB", "").strip()), Math::max);
                            }
                        }
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException | NumberFormatException e) {
                        return;
                    }
                }
            });
            procThread.setDaemon(true);
            procThread.start();
            String jstatBin = BenchApp.tool("jstat");
            jstat = new ProcessBuilder(jstatBin, "-gc", Long.toString(pid), "100").redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                    List<String> header = null;
                    String line;
                    while ((line = lines.readLine()) != null) {
                        List<String> cells = List.of(line.strip().split("\\s+"));
                        if (cells.contains("EU")) {
                            header = cells;
                        } else if (header != null && cells.size() == header.size()) {
                            double used = 0;
                            for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                                used += Double.parseDouble(cells.get(header.indexOf(column)));
                            }
                            maxHeapKb.accumulateAndGet((long) used, Math::max);
                            heapSeries.add(new long[] {System.currentTimeMillis(), (long) used});
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // the sampler stops with jstat
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void stop() {
            running = false;
            if (jstat != null) {
                jstat.destroy();
            }
        }

        List<long[]> heapSeries() {
            return heapSeries;
        }

        String summary() {
            return String.format(Locale.ROOT, "%d threads, heap used %.0f MB, RSS %.0f MB", maxThreads.get(),
                    maxHeapKb.get() / 1024.0, maxRssKb.get() / 1024.0);
        }
    }

    /**
     * Waits, up to a minute and a half, until the machine has been quiet (under 10% of its CPU busy) for three
     * seconds in a row: what a burst leaves behind (garbage collection, PostgreSQL's autovacuum of the rows it
     * wrote, a thousand idle connections closing) would otherwise be timed as part of the next phase.
     */
    private String settle() throws IOException, InterruptedException {
        streams = newClient();
        long started = System.nanoTime();
        long[] before = cpuTicks();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() - started < Duration.ofSeconds(90).toNanos()) {
            Thread.sleep(1000);
            long[] now = cpuTicks();
            double busy = 1 - (double) (now[1] - before[1]) / Math.max(1, now[0] - before[0]);
            quiet = busy < 0.10 ? quiet + 1 : 0;
            before = now;
        }
        return "Settled for " + Math.round((System.nanoTime() - started) / 1e9) + " s before this phase (machine under 10% busy"
                + " for 3 s" + (quiet < 3 ? ": not reached in 90 s" : "") + ").";
    }

    /** Total and idle jiffies of all CPUs, from /proc/stat. */
    private static long[] cpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    private int intOption(String name, int fallback) {
        return options.integer(name, fallback);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
