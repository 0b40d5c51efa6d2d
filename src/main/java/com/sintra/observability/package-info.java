/**
 * Observability: what the running application measures of itself, and the admin-only
 * {@link com.sintra.observability.Vitals} service the dashboard reads. Micrometer meters (served to Prometheus at
 * {@code /actuator/prometheus}, admins only) for HTTP requests, Vaadin round trips per view, Vaadin sessions and
 * UIs, named hot queries, the connection pool, caches, and what real browsers report of each page load (first
 * contentful paint, time until interactive, bytes transferred); a sampler that turns them into a snapshot every
 * few seconds, kept for an hour and published to the other nodes under the {@code cluster} profile; the slowest
 * requests; and a memory watchdog that sheds the caches that only save work when the heap runs full.
 * Meter names and definitions: docs/observability.md; decisions: docs/decisions/0027, 0028.
 */
package com.sintra.observability;
