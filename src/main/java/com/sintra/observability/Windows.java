package com.sintra.observability;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * Percentiles and rates over the last sampling window, from meters that only know totals since start: the
 * sampler keeps each series' cumulative histogram (Prometheus' registry keeps bucket counts since start) and
 * takes the difference. Percentiles are interpolated within a bucket: as precise as the buckets (a few percent
 * apart), which is what histogram_quantile in Prometheus gives too. Not thread-safe: the sampler's thread only.
 */
final class Windows {

    /** A series' counts since start: per bucket's upper bound (milliseconds, or the summary's unit) and in all. */
    private record Totals(TreeMap<Double, Double> buckets, double count) {
    }

    /** What happened in one window. */
    record Window(TreeMap<Double, Double> buckets, double count) {

        static final Window EMPTY = new Window(new TreeMap<>(), 0);

        /** The q-quantile (0..1), or null when nothing was recorded. */
        Double percentile(double q) {
            if (count <= 0 || buckets.isEmpty()) {
                return null;
            }
            double rank = q * count;
            double lowerBound = 0;
            double lowerCount = 0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                double bound = bucket.getKey();
                double cumulative = bucket.getValue();
                if (cumulative >= rank) {
                    if (Double.isInfinite(bound)) {
                        return lowerBound;
                    }
                    double inBucket = cumulative - lowerCount;
                    return inBucket <= 0 ? bound : lowerBound + (bound - lowerBound) * (rank - lowerCount) / inBucket;
                }
                lowerBound = Double.isInfinite(bound) ? lowerBound : bound;
                lowerCount = cumulative;
            }
            return lowerBound;
        }
    }

    private final Map<String, Totals> previous = new HashMap<>();
    private final Map<String, Double> previousCounts = new HashMap<>();

    /** The window of these timers or summaries together (their buckets added up), since the last call with this key. */
    Window histogram(String key, Collection<? extends Meter> meters) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double count = 0;
        for (Meter meter : meters) {
            HistogramSnapshot snapshot;
            boolean time;
            if (meter instanceof Timer timer) {
                snapshot = timer.takeSnapshot();
                time = true;
            } else if (meter instanceof DistributionSummary summary) {
                snapshot = summary.takeSnapshot();
                time = false;
            } else {
                continue;
            }
            count += snapshot.count();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                double bound = time ? bucket.bucket(TimeUnit.MILLISECONDS) : bucket.bucket();
                buckets.merge(bound, bucket.count(), Double::sum);
            }
        }
        Totals now = new Totals(buckets, count);
        Totals before = previous.put(key, now);
        if (before == null) {
            return Window.EMPTY;
        }
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double was = before.buckets().getOrDefault(bucket.getKey(), 0.0);
            double difference = bucket.getValue() - was;
            if (difference < 0) {
                // A series went away (or a registry whose histograms decay): this window cannot be told apart.
                return Window.EMPTY;
            }
            delta.put(bucket.getKey(), difference);
        }
        return new Window(delta, Math.max(0, count - before.count()));
    }

    /** How much these counters (or timers' counts) grew since the last call with this key. */
    double increase(String key, Collection<? extends Meter> meters) {
        double total = 0;
        for (Meter meter : meters) {
            if (meter instanceof FunctionCounter counter) {
                total += counter.count();
            } else if (meter instanceof io.micrometer.core.instrument.Counter counter) {
                total += counter.count();
            } else if (meter instanceof Timer timer) {
                total += timer.count();
            }
        }
        Double before = previousCounts.put(key, total);
        return before == null ? 0 : Math.max(0, total - before);
    }
}
