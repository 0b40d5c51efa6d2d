package com.sintra.observability;

/**
 * A cache on this node, from its recorded statistics (since it was made).
 *
 * @param essential  a limit or throttle, not a cache of work: listed, never cleared or shed
 * @param shared     two-level (Redis behind memory under the cluster profile)
 * @param hitRate    hits over requests, 0..1 (1 when never asked)
 */
public record CacheFigures(String name, boolean essential, boolean shared, long size, long hits, long misses,
                           long evictions, double hitRate) {
}
