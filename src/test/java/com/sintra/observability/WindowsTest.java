package com.sintra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

class WindowsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer timer = Timer.builder("test.timer").publishPercentileHistogram().register(registry);
    private final Windows windows = new Windows();

    @Test
    void a_window_counts_only_what_happened_since_the_last_sample() {
        for (int i = 0; i < 1000; i++) {
            timer.record(Duration.ofMillis(900));
        }
        assertThat(windows.histogram("t", List.of(timer)).percentile(0.95)).as("the first sample is a baseline").isNull();
        for (int i = 1; i <= 100; i++) {
            timer.record(Duration.ofMillis(i));
        }

        Windows.Window window = windows.histogram("t", List.of(timer));

        assertThat(window.count()).isEqualTo(100);
        assertThat(window.percentile(0.50)).isCloseTo(50, within(8.0));
        assertThat(window.percentile(0.95)).isCloseTo(95, within(12.0));
        assertThat(windows.histogram("t", List.of(timer)).percentile(0.95)).as("nothing since").isNull();
    }

    @Test
    void counts_grow_by_what_was_added_in_the_window() {
        windows.increase("c", List.of(timer));
        timer.record(Duration.ofMillis(5));
        timer.record(Duration.ofMillis(5));
        assertThat(windows.increase("c", List.of(timer))).isEqualTo(2);
        assertThat(windows.increase("c", List.of(timer))).isZero();
    }
}
