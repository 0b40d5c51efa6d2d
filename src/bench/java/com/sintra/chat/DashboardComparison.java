package com.sintra.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import static com.sintra.BenchStats.ms;
import static com.sintra.BenchStats.pct;

/**
 * The dashboard's figures beside the harness's own for the same windows, and what an open dashboard costs. A
 * dashboard sample covers the five seconds before its time: the harness counts the chats it saw end in that
 * window (the server records a request when it ends) and their durations, and reads the heap jstat saw nearest
 * to the sample's time.
 */
final class DashboardComparison {

    /** A chat the harness saw end: when (epoch ms) and how long it took from request to its last event. */
    record Completed(long epochMillis, double millis) {
    }

    private static final long WINDOW_MILLIS = 5000;
    private static final double CLOCK_TICKS = 100; // USER_HZ on Linux

    private DashboardComparison() {
    }

    static void report(List<DashboardWatch.Reading> readings, List<Completed> completed, List<long[]> heapKb,
                       Consumer<String> line) {
        line.accept("### The dashboard during the burst, beside the harness");
        line.accept("");
        line.accept("Each row is a sample the dashboard showed in Chromium (its window: the 5 s before the time); the harness's "
                + "columns count the same window by its own clock.");
        line.accept("");
        line.accept("| sample | dashboard: throughput | harness: chats ended ×12 /min | dashboard: API p95 | harness: p95 of those chats "
                + "| dashboard: heap | jstat: heap | dashboard: errors | dashboard: pool busy | dashboard: CPU |");
        line.accept("|---|---|---|---|---|---|---|---|---|---|");
        long first = readings.isEmpty() ? 0 : readings.get(0).sampledAt();
        for (DashboardWatch.Reading reading : readings) {
            long at = reading.sampledAt();
            List<Double> ended = completed.stream().filter(c -> c.epochMillis() > at - WINDOW_MILLIS && c.epochMillis() <= at)
                    .map(Completed::millis).toList();
            line.accept("| +" + (at - first) / 1000 + " s | " + tile(reading, "throughput") + " | " + ended.size() * 12
                    + " | " + tile(reading, "api-p95") + " | " + (ended.isEmpty() ? "–" : ms(pct(ended, 95)))
                    + " | " + tile(reading, "heap") + " | " + heapNear(heapKb, at) + " | " + tile(reading, "error-rate")
                    + " | " + tile(reading, "pool-busy") + " | " + tile(reading, "cpu") + " |");
        }
        line.accept("");
    }

    static void cost(double closedCpuSeconds, double openCpuSeconds, long wsBytes, long wsFrames, long xhrBytes,
                     Consumer<String> line) {
        line.accept("## What an open dashboard costs (one minute each, no other traffic)");
        line.accept("");
        line.accept("| measure | value |");
        line.accept("|---|---|");
        line.accept(String.format(Locale.ROOT, "| Sintra's CPU, no dashboard open | %.2f s per minute |", closedCpuSeconds));
        line.accept(String.format(Locale.ROOT, "| Sintra's CPU, one dashboard open | %.2f s per minute |", openCpuSeconds));
        line.accept(String.format(Locale.ROOT, "| **the open dashboard's share** | **%.2f s of CPU per minute (%.2f %% of one core)** |",
                openCpuSeconds - closedCpuSeconds, (openCpuSeconds - closedCpuSeconds) / 60 * 100));
        line.accept(String.format(Locale.ROOT, "| **pushed to it** | **%,d bytes per minute** in %d WebSocket messages (+%,d bytes over XHR) |",
                wsBytes, wsFrames, xhrBytes));
        line.accept("");
    }

    /** This process's CPU time (user and system) over the period, in seconds. */
    static double cpuSeconds(long pid, Duration period) throws IOException, InterruptedException {
        long before = cpuTicks(pid);
        Thread.sleep(period.toMillis());
        return (cpuTicks(pid) - before) / CLOCK_TICKS;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name, in parentheses, may hold spaces: fields are counted after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String tile(DashboardWatch.Reading reading, String id) {
        return reading.tiles().getOrDefault("tile-" + id, "–");
    }

    private static String heapNear(List<long[]> heapKb, long at) {
        long[] nearest = null;
        for (long[] sample : heapKb) {
            if (nearest == null || Math.abs(sample[0] - at) < Math.abs(nearest[0] - at)) {
                nearest = sample;
            }
        }
        return nearest == null ? "–" : String.format(Locale.ROOT, "%.0f MB", nearest[1] / 1024.0);
    }
}
