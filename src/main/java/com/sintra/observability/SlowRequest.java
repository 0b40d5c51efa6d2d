package com.sintra.observability;

import java.time.Instant;
import java.util.UUID;

/**
 * A request, or a Vaadin round trip, slower than {@code sintra.observability.slow-request-threshold}. Never a
 * body, a query string or message content: the route is a template ({@code /api/v1/collaborations/{id}}) or,
 * for a round trip, the view's class name.
 *
 * @param kind        {@code http} or {@code vaadin}
 * @param route       the route template, or the view of a round trip
 * @param method      the HTTP method
 * @param status      the response status (200 for a round trip that did not fail)
 * @param workspaceId the workspace the request named in its path, or null
 */
public record SlowRequest(Instant at, String kind, String route, String method, int status, long durationMillis,
                          UUID workspaceId) {
}
