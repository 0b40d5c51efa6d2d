package com.sintra.observability;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Requests slower than {@code slow-request-threshold}: each logged (route template, method, status, duration and
 * the workspace its path names; never a body or a query string) and the latest kept for the dashboard. Vaadin's
 * round trips come from {@link VaadinMeters}, by view; here every other request, timed from after the security
 * chain to the end of the handler. A request that went asynchronous (an event stream, a streamed answer) is left
 * out: it is long on purpose. The log says at most {@link #LOGGED_PER_MINUTE} a minute, and how many it left out.
 */
@Component
class SlowRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SlowRequests.class);
    static final int LOGGED_PER_MINUTE = 30;

    private final ObservabilityProperties properties;
    private volatile long thresholdNanos;
    private final Deque<SlowRequest> latest = new ArrayDeque<>();
    private long minuteStart = System.nanoTime();
    private int loggedThisMinute;
    private int notLogged;

    SlowRequests(ObservabilityProperties properties) {
        this.properties = properties;
        threshold(properties.slowRequestThreshold());
    }

    /** Requests at least this long are slow; tests lower it. */
    void threshold(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The query string, not getParameter: that would read a form or multipart body before its handler does.
        String query = request.getQueryString();
        if (query != null && query.contains("v-r=uidl")) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!request.isAsyncStarted()) {
                finished("http", route(request), request.getMethod(), response.getStatus(), System.nanoTime() - start,
                        workspace(request));
            }
        }
    }

    void finished(String kind, String route, String method, int status, long nanos, UUID workspace) {
        if (nanos < thresholdNanos) {
            return;
        }
        SlowRequest slow = new SlowRequest(Instant.now(), kind, route, method, status, TimeUnit.NANOSECONDS.toMillis(nanos),
                workspace);
        int skipped = -1;
        synchronized (this) {
            latest.addFirst(slow);
            while (latest.size() > Math.max(1, properties.slowRequestsKept())) {
                latest.removeLast();
            }
            long now = System.nanoTime();
            if (now - minuteStart > TimeUnit.MINUTES.toNanos(1)) {
                minuteStart = now;
                loggedThisMinute = 0;
            }
            if (loggedThisMinute < LOGGED_PER_MINUTE) {
                loggedThisMinute++;
                skipped = notLogged;
                notLogged = 0;
            } else {
                notLogged++;
            }
        }
        if (skipped >= 0) {
            log.warn("Slow {} request: {} {} {} in {} ms{}{}", kind, method, route, status, slow.durationMillis(),
                    workspace == null ? "" : " (workspace " + workspace + ")",
                    skipped == 0 ? "" : "; " + skipped + " more slow requests were not logged");
        }
    }

    /** The latest slow requests, newest first. */
    synchronized List<SlowRequest> latest() {
        return new ArrayList<>(latest);
    }

    /** The route template Spring MVC matched (bounded), never the path itself, which may carry ids or names. */
    private static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? "unmatched" : pattern.toString();
    }

    private static UUID workspace(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)) {
            return null;
        }
        for (String name : List.of("workspaceId", "workspace")) {
            if (variables.get(name) instanceof String value) {
                try {
                    return UUID.fromString(value);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
