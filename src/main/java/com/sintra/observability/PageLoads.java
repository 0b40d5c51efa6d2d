package com.sintra.observability;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.internal.PathUtil;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What real browsers experience: each page load of a signed-in user reports once its first contentful paint,
 * its time until interactive and the bytes it transferred (docs/decisions/0027-front-end-timings.md), recorded by
 * view. The endpoint trusts nothing it is sent: a body over 2 KB gets 413; malformed JSON or a missing, negative or
 * absurd value (over 10 minutes, over 1 GB) gets 400; past a few reports a minute a session gets 429; none of them
 * is recorded or logged, so no client can flood the meters or the log. A plain {@code @Controller}, not an API
 * controller: it answers browsers with a bare status, never a problem detail, and is not part of /api.
 */
@Controller
class PageLoads implements MeterBinder {

    static final String PATH = "/observability/page-load";
    static final String FCP = "sintra.frontend.fcp";
    static final String TTI = "sintra.frontend.tti";
    static final String BYTES = "sintra.frontend.bytes";
    static final int MAX_BODY = 2048;
    private static final double MAX_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final double MAX_BYTES = 1e9;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-+/=.]{1,200}");

    /** A session's reports in its current minute. */
    private record Window(long startNanos, int reports) {
    }

    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final ObservabilityProperties properties;
    private final ServletContext servletContext;
    /** Essential (docs/decisions/0028): a limit, never shed. */
    private final Cache<String, Window> windows = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(2)).recordStats().build();

    PageLoads(MeterRegistry meters, ObjectMapper json, ObservabilityProperties properties, ServletContext servletContext) {
        this.meters = meters;
        this.json = json;
        this.properties = properties;
        this.servletContext = servletContext;
    }

    @PostMapping(PATH)
    ResponseEntity<Void> report(HttpServletRequest request) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null || request.getUserPrincipal() == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        if (!admitted(session.getId())) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).build();
        }
        Optional<Report> report = parse(body);
        if (report.isEmpty()) {
            return ResponseEntity.badRequest().build();
        }
        record(report.get());
        return ResponseEntity.noContent().build();
    }

    /** A checked report: times in milliseconds from navigation start, bytes as the browser counted them. */
    record Report(String view, double fcpMillis, double ttiMillis, double bytes) {
    }

    Optional<Report> parse(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Double fcp = number(node.get("fcp"), MAX_MILLIS);
        Double tti = number(node.get("tti"), MAX_MILLIS);
        Double bytes = number(node.get("bytes"), MAX_BYTES);
        JsonNode path = node.get("path");
        if (fcp == null || tti == null || bytes == null || path == null || !path.isTextual() || path.asText().length() > 500) {
            return Optional.empty();
        }
        return Optional.of(new Report(view(path.asText()), fcp, tti, bytes));
    }

    private static Double number(JsonNode value, double max) {
        if (value == null || !value.isNumber()) {
            return null;
        }
        double number = value.asDouble();
        return Double.isFinite(number) && number >= 0 && number <= max ? number : null;
    }

    /** The view the path leads to, by its class's simple name; "unknown" for any other path (bounded). */
    String view(String path) {
        String contextPath = servletContext.getContextPath();
        String relative = path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
        try {
            Optional<Class<? extends Component>> target = ApplicationRouteRegistry
                    .getInstance(new VaadinServletContext(servletContext))
                    .getNavigationTarget(PathUtil.trimPath(relative));
            return target.map(Class::getSimpleName).orElse("unknown");
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    private boolean admitted(String session) {
        long now = System.nanoTime();
        Window window = windows.asMap().compute(session, (key, current) ->
                current == null || now - current.startNanos() > TimeUnit.MINUTES.toNanos(1) ? new Window(now, 1)
                        : new Window(current.startNanos(), current.reports() + 1));
        return window.reports() <= properties.pageLoadsPerMinute();
    }

    private void record(Report report) {
        Timer.builder(FCP).tag("view", report.view()).description("First contentful paint of a page load, by view")
                .register(meters).record((long) (report.fcpMillis() * 1000), TimeUnit.MICROSECONDS);
        Timer.builder(TTI).tag("view", report.view())
                .description("Time until interactive of a page load (Flow client first idle after bootstrap), by view")
                .register(meters).record((long) (report.ttiMillis() * 1000), TimeUnit.MICROSECONDS);
        DistributionSummary.builder(BYTES).baseUnit("bytes").tag("view", report.view())
                .description("Bytes a page load transferred (navigation and resources), by view")
                .register(meters).record(report.bytes());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, windows, "page-load-limits");
    }

    /**
     * The reporter, inlined in the bootstrap page (about 900 bytes). Interactive: the first moment after the load
     * event at which Flow's application client is registered and neither it nor the router is active, i.e. the
     * first view's UIDL has been answered and rendered; polled every 25 ms, given up after 30 s. Posted with
     * fetch keepalive and the session's CSRF token (sendBeacon cannot send the header).
     */
    static String script(String contextPath, CsrfToken csrf) {
        if (!SAFE.matcher(csrf.getHeaderName()).matches() || !SAFE.matcher(csrf.getToken()).matches()) {
            return "";
        }
        return ("(function(){var P=performance,i=0,w=setInterval(function(){var V=window.Vaadin,c=V&&V.Flow&&V.Flow.clients,"
                + "k=c?Object.keys(c):[];if(document.readyState=='complete'&&k.some(function(x){return x!='TypeScript'})"
                + "&&!k.some(function(x){return c[x].isActive&&c[x].isActive()})){clearInterval(w);go(P.now())}"
                + "else if(++i>1200)clearInterval(w)},25);function go(t){var f=P.getEntriesByName('first-contentful-paint')[0],"
                + "n=P.getEntriesByType('navigation')[0],b=n&&n.transferSize||0,h={'Content-Type':'application/json'};"
                + "if(!f)return;P.getEntriesByType('resource').forEach(function(r){b+=r.transferSize||0});h['%s']='%s';"
                + "fetch('%s',{method:'POST',keepalive:true,credentials:'same-origin',headers:h,body:JSON.stringify("
                + "{path:location.pathname,fcp:Math.round(f.startTime),tti:Math.round(t),bytes:b})})}})();")
                .formatted(csrf.getHeaderName(), csrf.getToken(), jsString(contextPath + PATH));
    }

    private static String jsString(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\u003c");
    }
}
