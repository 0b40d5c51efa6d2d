package com.sintra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.account.Role;
import com.sintra.account.User;
import com.sintra.api.ApiTest;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.QueryTimer;
import com.sintra.cluster.SharedCaches;
import com.sintra.workspace.WorkspaceId;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ApiTest {

    private static final Pattern REPORTER = Pattern.compile("<script>(\\(function\\(\\)\\{var P=performance.*?)</script>");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern TOKEN = Pattern.compile("h\\['([^']+)'\\]='([^']+)'");

    @Autowired
    private Vitals vitals;
    @Autowired
    private VitalsSampler sampler;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private SlowRequests slowRequests;
    @Autowired
    private MemoryWatchdog watchdog;
    @Autowired
    private SharedCaches caches;
    @Autowired
    private JdbcClient jdbc;

    @Test
    void meters_move_after_traffic_and_the_sampler_turns_them_into_a_window() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String key = newKey(user);
        sampler.sample();
        Instant trafficStarted = Instant.now();
        double lookups = timerCount(QueryTimer.METER, "query", "api-key.usable");
        for (int i = 0; i < 5; i++) {
            assertThat(postJson("/api/v1/brain/search", key, Map.of("workspaceId", workspace.toString(),
                    "query", "the same question")).status()).isEqualTo(200);
        }

        assertThat(timerCount(QueryTimer.METER, "query", "api-key.usable")).isGreaterThanOrEqualTo(lookups + 5);
        assertThat(timerCount(QueryTimer.METER, "query", "brain.state")).isPositive();
        assertThat(timerCount("http.server.requests", "uri", "/api/v1/brain/search")).isPositive();
        assertThat(meters.find("cache.gets").tag("cache", "brain-search").tag("result", "hit").functionCounter())
                .as("the brain's cache is metered").isNotNull();
        assertThat(meters.find("hikaricp.connections.active").gauge()).as("the pool is metered").isNotNull();

        sampler.sample();
        VitalsSnapshot window = fixtures.as(fixtures.admin(), () -> vitals.lastHour()).stream()
                .filter(snapshot -> snapshot.at().isAfter(trafficStarted) && snapshot.requestsPerSecond() > 0)
                .findFirst().orElseThrow();
        assertThat(window.httpP95Millis()).isNotNull().isPositive();
        assertThat(window.apiP95Millis()).isNotNull().isPositive();
        assertThat(window.queryP95Millis()).isNotNull().isPositive();
        assertThat(window.cacheHitRate()).isNotNull().isBetween(0.0, 1.0);
        assertThat(window.poolMax()).isPositive();
        assertThat(window.heapUsedBytes()).isPositive();
        assertThat(window.threads()).isPositive();
        assertThat(window.node()).isEqualTo("local");
        assertThat(fixtures.as(fixtures.admin(), () -> vitals.nodes())).containsKey("local");
    }

    @Test
    void a_vaadin_round_trip_is_timed_by_the_view_it_was_for() throws Exception {
        String cookie = signInCookie(fixtures.newUser());
        double before = timerCount(VaadinMeters.ROUND_TRIP, "view", "SettingsView");
        // What Flow's client does after the bootstrap page: fetch a UI, then ask it to show the route (ui-navigate).
        // Vaadin's answers are JSON behind a "for(;;);" guard: read as text.
        String init = HTTP.send(request("/?v-r=init&location=settings", null).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher key = Pattern.compile("\"Vaadin-Security-Key\"\\s*:\\s*\"([^\"]+)\"").matcher(init);
        Matcher ui = Pattern.compile("\"v-uiId\"\\s*:\\s*(\\d+)").matcher(init);
        assertThat(key.find() && ui.find()).as(init).isTrue();
        HttpResponse<String> uidl = HTTP.send(request("/?v-r=uidl&v-uiId=" + ui.group(1), null).header("Cookie", cookie)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"csrfToken\":\"" + key.group(1)
                        + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\","
                        + "\"data\":{\"route\":\"settings\",\"query\":\"\",\"appShellTitle\":\"\",\"historyState\":null,"
                        + "\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uidl.statusCode()).as(uidl.body()).isEqualTo(200);
        // Vaadin's interceptors end the request after its response has been written: the client may read the
        // answer before the round trip is recorded.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                timerCount(VaadinMeters.ROUND_TRIP, "view", "SettingsView"))
                .as("round trips by view: %s", meters.find(VaadinMeters.ROUND_TRIP).timers().stream()
                        .map(timer -> timer.getId().getTag("view") + "=" + timer.count()).toList())
                .isEqualTo(before + 1));
        assertThat(meters.find(VaadinMeters.UIS).gauge().value()).isPositive();
        assertThat(meters.find(VaadinMeters.SESSIONS).gauge().value()).isPositive();
    }

    @Test
    void prometheus_serves_the_meters_to_admins_and_to_nobody_else() throws Exception {
        assertThat(send(request("/actuator/health/readiness", null).GET().build()).status())
                .as("HAProxy's probe stays public").isEqualTo(200);
        assertThat(send(request("/actuator/prometheus", null).GET().build()).status()).isNotEqualTo(200);
        String userCookie = signInCookie(fixtures.newUser());
        assertThat(send(request("/actuator/prometheus", null).header("Cookie", userCookie).GET().build()).status())
                .isEqualTo(403);

        String adminCookie = signInCookie(fixtures.newUser(Role.ADMIN));
        Reply scrape = send(request("/actuator/prometheus", null).header("Cookie", adminCookie).GET().build());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.response().body()).contains("http_server_requests_seconds_bucket", "hikaricp_connections_active",
                "hikaricp_connections_idle", "hikaricp_connections_pending", "hikaricp_connections_acquire_seconds",
                "cache_gets_total", "sintra_vaadin_sessions", "sintra_collaboration_subscribers");
    }

    @Test
    void a_prometheus_server_scrapes_with_its_token_and_a_wrong_token_gets_nothing() throws Exception {
        Reply scrape = send(request("/actuator/prometheus", "test-scrape-token").GET().build());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.response().body()).contains("hikaricp_connections_active", "jvm_memory_used_bytes");

        assertThat(send(request("/actuator/prometheus", "test-scrape-tokeN").GET().build()).status()).isEqualTo(401);
        assertThat(send(request("/actuator/metrics", "test-scrape-token").GET().build()).status())
                .as("the token opens the scrape endpoint only").isNotEqualTo(200);
    }

    @Test
    void a_signed_in_page_carries_a_small_reporter_and_its_report_is_recorded_by_view() throws Exception {
        String cookie = signInCookie(fixtures.newUser());
        Reply page = send(request("/settings", null).header("Cookie", cookie).GET().build());
        Matcher reporter = REPORTER.matcher(page.response().body());
        assertThat(reporter.find()).as("the page inlines the reporter").isTrue();
        assertThat(reporter.group(1).length()).as("the reporter stays under 1 KB").isLessThan(1024);
        assertThat(send(request("/login", null).GET().build()).response().body())
                .as("a signed-out page has none").doesNotContain("/observability/page-load");

        double before = timerCount(PageLoads.FCP, "view", "SettingsView");
        Reply reply = report(cookie, csrf(reporter.group(1)),
                "{\"path\":\"/settings\",\"fcp\":420,\"tti\":1350,\"bytes\":215000}");
        assertThat(reply.status()).isEqualTo(204);
        assertThat(timerCount(PageLoads.FCP, "view", "SettingsView")).isEqualTo(before + 1);
        assertThat(timerCount(PageLoads.TTI, "view", "SettingsView")).isPositive();
        assertThat(meters.find(PageLoads.BYTES).tag("view", "SettingsView").summary().max()).isPositive();
    }

    @Test
    void malformed_oversized_absurd_and_flooding_reports_are_refused_and_record_nothing(CapturedOutput output) throws Exception {
        String cookie = signInCookie(fixtures.newUser());
        String[] csrf = csrf(reporterOf(cookie));
        double before = allFcpReports();

        assertThat(report(cookie, null, "{\"path\":\"/\",\"fcp\":1,\"tti\":2,\"bytes\":3}").status())
                .as("without the CSRF token").isEqualTo(403);
        assertThat(report(cookie, csrf, "{\"path\":\"/\",\"fcp\":1,\"tti\":2,\"bytes\":3," + "\"x\":\"" + "a".repeat(3000) + "\"}")
                .status()).isEqualTo(413);
        assertThat(report(cookie, csrf, "{not json").status()).isEqualTo(400);
        assertThat(report(cookie, csrf, "[1,2,3]").status()).isEqualTo(400);
        assertThat(report(cookie, csrf, "{\"path\":\"/\",\"fcp\":1,\"bytes\":3}").status()).as("missing").isEqualTo(400);
        assertThat(report(cookie, csrf, "{\"path\":\"/\",\"fcp\":-5,\"tti\":2,\"bytes\":3}").status()).as("negative")
                .isEqualTo(400);
        assertThat(report(cookie, csrf, "{\"path\":\"/\",\"fcp\":1,\"tti\":600001,\"bytes\":3}").status()).as("absurd")
                .isEqualTo(400);
        assertThat(allFcpReports()).isEqualTo(before);

        String flooder = signInCookie(fixtures.newUser());
        String[] flooderCsrf = csrf(reporterOf(flooder));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            int status = report(flooder, flooderCsrf, "{\"path\":\"/\",\"fcp\":100,\"tti\":200,\"bytes\":3000}").status();
            if (status == 204) {
                accepted++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(6);
        assertThat(refused).isEqualTo(14);
        assertThat(allFcpReports()).isEqualTo(before + 6);
        assertThat(output.getAll()).doesNotContain("page-load").doesNotContain("PageLoads");
    }

    @Test
    void a_slow_request_is_kept_with_its_route_and_never_its_content(CapturedOutput output) throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String key = newKey(user);
        String secret = "secret-question-" + UUID.randomUUID();
        slowRequests.threshold(Duration.ZERO);
        try {
            assertThat(postJson("/api/v1/brain/search", key, Map.of("workspaceId", workspace.toString(), "query", secret))
                    .status()).isEqualTo(200);
        } finally {
            slowRequests.threshold(Duration.ofMillis(500));
        }
        SlowRequest slow = fixtures.as(fixtures.admin(), () -> vitals.slowRequests()).stream()
                .filter(request -> request.route().equals("/api/v1/brain/search")).findFirst().orElseThrow();
        assertThat(slow.kind()).isEqualTo("http");
        assertThat(slow.method()).isEqualTo("POST");
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.toString()).doesNotContain(secret);
        assertThat(output.getAll()).contains("Slow http request: POST /api/v1/brain/search 200").doesNotContain(secret);
    }

    @Test
    void the_watchdog_sheds_the_caches_of_work_once_when_the_heap_is_over_its_threshold() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        assertThat(postJson("/api/v1/brain/search", newKey(user), Map.of("workspaceId", workspace.toString(),
                "query", "something to remember")).status()).isEqualTo(200);
        assertThat(size("brain-search")).isPositive();
        Instant started = Instant.now();

        watchdog.threshold(0.000001);
        try {
            watchdog.check();
            watchdog.check();
        } finally {
            watchdog.threshold(0.85);
        }
        watchdog.check();

        var events = fixtures.as(fixtures.admin(), () -> vitals.memoryEvents()).stream()
                .filter(event -> !event.at().isBefore(started)).toList();
        assertThat(events).as("one event per episode").hasSize(1);
        assertThat(events.get(0).shed()).contains("embedding", "brain-search", "ai-answer")
                .doesNotContain("sign-in-accounts", "api-rate-limits");
        assertThat(events.get(0).heapBeforeBytes()).isPositive();
        assertThat(size("brain-search")).isZero();
    }

    @Test
    void clearing_a_cache_empties_it_and_is_audited_and_limits_cannot_be_cleared() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        assertThat(postJson("/api/v1/brain/search", newKey(user), Map.of("workspaceId", workspace.toString(),
                "query", "a cached question")).status()).isEqualTo(200);
        User admin = fixtures.newUser(Role.ADMIN);
        assertThat(fixtures.as(admin, () -> vitals.caches())).extracting(CacheFigures::name)
                .contains("embedding", "brain-search", "ai-answer", "brain-recent-state", "sign-in-accounts",
                        "api-rate-limits", "page-load-limits");
        assertThat(fixtures.as(admin, () -> vitals.caches())).filteredOn(CacheFigures::essential)
                .extracting(CacheFigures::name).contains("sign-in-accounts", "api-rate-limits", "page-load-limits")
                .doesNotContain("embedding");

        fixtures.as(admin, () -> vitals.clearCache("brain-search"));

        assertThat(size("brain-search")).isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log
                        WHERE action = 'cache_cleared' AND target_type = 'cache' AND target_id = 'brain-search' AND actor_user_id = :admin""")
                .param("admin", admin.id().value()).query(Long.class).single()).isEqualTo(1);
        assertThatThrownBy(() -> fixtures.as(admin, () -> vitals.clearCache("sign-in-accounts")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixtures.as(admin, () -> vitals.clearCache("no-such-cache")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_user_who_is_not_an_admin_is_refused_by_the_service() {
        User user = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(user, () -> vitals.now())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> vitals.caches())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> vitals.clearCache("brain-search")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(fixtures.as(fixtures.admin(), () -> vitals.now())).isNotNull();
    }

    private Reply report(String cookie, String[] csrf, String body) throws Exception {
        HttpRequest.Builder request = request(PageLoads.PATH, null).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            request.header(csrf[0], csrf[1]);
        }
        return send(request.build());
    }

    private String reporterOf(String cookie) throws Exception {
        Matcher reporter = REPORTER.matcher(send(request("/settings", null).header("Cookie", cookie).GET().build())
                .response().body());
        assertThat(reporter.find()).isTrue();
        return reporter.group(1);
    }

    private static String[] csrf(String reporter) {
        Matcher token = TOKEN.matcher(reporter);
        assertThat(token.find()).as("the reporter sends the session's CSRF token").isTrue();
        return new String[] {token.group(1), token.group(2)};
    }

    private double timerCount(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).timers().stream().mapToDouble(Timer::count).sum();
    }

    private double allFcpReports() {
        return meters.find(PageLoads.FCP).timers().stream().mapToDouble(Timer::count).sum();
    }

    private long size(String cache) {
        return caches.registered().stream().filter(c -> c.name().equals(cache)).findFirst().orElseThrow().local()
                .estimatedSize();
    }
}
