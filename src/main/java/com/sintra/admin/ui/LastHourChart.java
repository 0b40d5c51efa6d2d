package com.sintra.admin.ui;

import java.util.List;
import java.util.function.ToDoubleFunction;

import com.sintra.observability.VitalsSnapshot;

/** A chart of some of the sampler's figures over the last hour, one line per figure. */
final class LastHourChart {

    private record Line(String label, ToDoubleFunction<VitalsSnapshot> reader) {
    }

    private final TimeSeriesChart chart;
    private final List<Line> lines;

    private LastHourChart(String title, String unit, double floor, List<Line> lines) {
        this.lines = lines;
        this.chart = new TimeSeriesChart(title, unit, floor, lines.stream().map(Line::label).toList());
    }

    /** The dashboard's charts: what the tiles judge, as it moved. */
    static List<LastHourChart> all() {
        return List.of(
                new LastHourChart("HTTP latency", "ms", 10, List.of(
                        new Line("p50", s -> value(s.httpP50Millis())), new Line("p95", s -> value(s.httpP95Millis())),
                        new Line("p99", s -> value(s.httpP99Millis())), new Line("hot queries p95", s -> value(s.queryP95Millis())))),
                new LastHourChart("Throughput", "/s", 1, List.of(
                        new Line("requests", VitalsSnapshot::requestsPerSecond),
                        new Line("5xx", s -> s.requestsPerSecond() * s.errorRate()))),
                new LastHourChart("Cache hit rate", "%", 1, List.of(new Line("all caches", s -> value(s.cacheHitRate())))),
                new LastHourChart("Memory and CPU", "%", 1, List.of(
                        new Line("heap of max", s -> s.heapMaxBytes() <= 0 ? Double.NaN : (double) s.heapUsedBytes() / s.heapMaxBytes()),
                        new Line("CPU", s -> value(s.cpuUsage())),
                        new Line("pool busy", s -> s.poolMax() == 0 ? Double.NaN : (double) s.poolActive() / s.poolMax()))),
                new LastHourChart("Browsers", "ms", 100, List.of(
                        new Line("first paint p75", s -> value(s.fcpP75Millis())),
                        new Line("interactive p75", s -> value(s.ttiP75Millis())),
                        new Line("view round trip p95", s -> value(s.viewRoundTripP95Millis())))),
                new LastHourChart("Live connections", "", 1, List.of(
                        new Line("Vaadin UIs", VitalsSnapshot::vaadinUis), new Line("feed subscribers", VitalsSnapshot::pushConnections),
                        new Line("pool waiting", VitalsSnapshot::poolPending))));
    }

    TimeSeriesChart component() {
        return chart;
    }

    void show(List<VitalsSnapshot> hour) {
        chart.show(hour.stream().map(VitalsSnapshot::at).toList(), hour.stream().map(this::row).toList());
    }

    void append(VitalsSnapshot snapshot) {
        chart.append(snapshot.at(), row(snapshot));
    }

    private double[] row(VitalsSnapshot snapshot) {
        return lines.stream().mapToDouble(line -> line.reader().applyAsDouble(snapshot)).toArray();
    }

    private static double value(Double figure) {
        return figure == null ? Double.NaN : figure;
    }
}
