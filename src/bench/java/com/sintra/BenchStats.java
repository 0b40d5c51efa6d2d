package com.sintra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles and the way the harnesses print them. */
public final class BenchStats {

    private BenchStats() {
    }

    /** The nearest-rank percentile (100 is the maximum); NaN for no values. */
    public static double pct(List<Double> values, double percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    public static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
    }

    /** p50, p95, p99 and the maximum, with how many values. */
    public static String spread(List<Double> millis) {
        return "p50 " + ms(pct(millis, 50)) + ", p95 " + ms(pct(millis, 95)) + ", **p99 " + ms(pct(millis, 99)) + "**, max "
                + ms(pct(millis, 100)) + " (n=" + millis.size() + ")";
    }

    /** The machine's one-minute load average. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
