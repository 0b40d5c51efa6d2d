package com.sintra.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetTest {

    @Test
    void a_figure_within_sintras_stricter_limit_is_good_within_only_the_reviews_a_warning_and_beyond_bad() {
        Target queries = Target.atMost("Query p95", "ms", 100, 25);

        assertThat(queries.judge(12)).isEqualTo(Target.Verdict.GOOD);
        assertThat(queries.judge(25)).isEqualTo(Target.Verdict.GOOD);
        assertThat(queries.judge(60)).isEqualTo(Target.Verdict.WARNING);
        assertThat(queries.judge(100.5)).isEqualTo(Target.Verdict.BAD);
    }

    @Test
    void without_a_stricter_limit_the_last_fifth_before_the_limit_is_a_warning() {
        Target heap = Target.atMost("Heap", "B", 500, Double.NaN);

        assertThat(heap.judge(399)).isEqualTo(Target.Verdict.GOOD);
        assertThat(heap.judge(450)).isEqualTo(Target.Verdict.WARNING);
        assertThat(heap.judge(501)).isEqualTo(Target.Verdict.BAD);
    }

    @Test
    void a_share_that_must_stay_high_warns_just_above_its_limit() {
        Target hits = Target.atLeast("Cache hits", "%", 0.9);

        assertThat(hits.judge(0.97)).isEqualTo(Target.Verdict.GOOD);
        assertThat(hits.judge(0.91)).isEqualTo(Target.Verdict.WARNING);
        assertThat(hits.judge(0.5)).isEqualTo(Target.Verdict.BAD);
    }

    @Test
    void a_figure_not_measured_yet_is_unknown_rather_than_good() {
        assertThat(Target.atMost("FCP p75", "ms", 1500).judge(Double.NaN)).isEqualTo(Target.Verdict.UNKNOWN);
    }

    @Test
    void a_figure_held_to_no_limit_is_shown_for_information_only() {
        assertThat(Target.none("Throughput", "/s").judge(1200)).isEqualTo(Target.Verdict.INFO);
    }
}
