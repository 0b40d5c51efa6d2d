package com.sintra.admin.ui;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

import com.sintra.admin.Target;
import com.sintra.observability.VitalsSnapshot;

/**
 * The figures the dashboard holds to a target, one tile each: the old system's review's monitoring limits and,
 * where Sintra set itself stricter ones (docs/performance.md), those too.
 */
enum DashboardFigure {

    // Sintra's search target, p95 ≤ 25 ms in the largest workspace, is the strictest of its hot queries'.
    QUERY_P95(Target.atMost("Query p95", "ms", 100, 25), s -> value(s.queryP95Millis())),
    API_P95(Target.atMost("API p95", "ms", 500), s -> value(s.apiP95Millis())),
    ERROR_RATE(Target.atMost("Errors", "%", 0.01), VitalsSnapshot::errorRate),
    THROUGHPUT(Target.none("Throughput", "/min"), s -> s.requestsPerSecond() * 60),
    CACHE_HITS(Target.atLeast("Cache hits", "%", 0.9), s -> value(s.cacheHitRate())),
    POOL_BUSY(Target.atMost("Database pool busy", "%", 0.8), s -> s.poolMax() == 0 ? Double.NaN : (double) s.poolActive() / s.poolMax()),
    HEAP(Target.atMost("Heap used", "MB", 500), s -> s.heapUsedBytes() / 1048576.0),
    CPU(Target.atMost("CPU", "%", 0.7), s -> value(s.cpuUsage())),
    FCP(Target.atMost("First paint p75", "ms", 1500), s -> value(s.fcpP75Millis()), true),
    TTI(Target.atMost("Interactive p75", "ms", 3000), s -> value(s.ttiP75Millis()), true);

    private final Target target;
    private final ToDoubleFunction<VitalsSnapshot> reader;
    private final boolean sparse;

    DashboardFigure(Target target, ToDoubleFunction<VitalsSnapshot> reader) {
        this(target, reader, false);
    }

    DashboardFigure(Target target, ToDoubleFunction<VitalsSnapshot> reader, boolean sparse) {
        this.target = target;
        this.reader = reader;
        this.sparse = sparse;
    }

    /**
     * Measured only now and then (a page load is reported once): most windows have none, so its tile keeps the
     * latest window that had some, and says when that was.
     */
    boolean sparse() {
        return sparse;
    }

    Target target() {
        return target;
    }

    /** The figure in the snapshot; NaN when it was not measured in its window. */
    double read(VitalsSnapshot snapshot) {
        return snapshot == null ? Double.NaN : reader.applyAsDouble(snapshot);
    }

    String format(double value) {
        return format(value, target.unit());
    }

    /** Numbers as people read them: no false precision, the unit after the number. */
    static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return switch (unit) {
            case "%" -> trimmed(value * 100) + " %";
            case "ms" -> value >= 10_000 ? trimmed(value / 1000) + " s" : trimmed(value) + " ms";
            case "/min", "/s" -> trimmed(value) + " " + unit;
            default -> trimmed(value) + " " + unit;
        };
    }

    private static String trimmed(double value) {
        double magnitude = Math.abs(value);
        String text = magnitude >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : magnitude >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        return text.contains(".") && magnitude < 100 ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    private static double value(Double figure) {
        return figure == null ? Double.NaN : figure;
    }
}
