package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void a_question_beyond_the_limit_waits_for_a_turn_and_gets_one_when_another_finishes() throws Exception {
        Admission admission = new Admission(1, Duration.ofSeconds(5), meters);
        Admission.Turn first = admission.enter();
        CompletableFuture<Admission.Turn> second = CompletableFuture.supplyAsync(admission::enter);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !second.isDone());

        first.close();
        second.get(2, TimeUnit.SECONDS).close();
    }

    @Test
    void a_question_that_waits_too_long_is_refused_as_busy_with_a_retry_hint() {
        Admission admission = new Admission(1, Duration.ofMillis(50), meters);
        try (Admission.Turn held = admission.enter()) {
            assertThatThrownBy(admission::enter).isInstanceOfSatisfying(BusyException.class,
                    e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5)));
        }
        // The refused one took no turn: the next gets one at once.
        admission.enter().close();
    }

    @Test
    void a_question_interrupted_while_waiting_is_refused_as_busy_and_keeps_its_interrupt() throws Exception {
        Admission admission = new Admission(1, Duration.ofSeconds(30), meters);
        try (Admission.Turn held = admission.enter()) {
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    admission.enter().close();
                    interrupted.complete(false);
                } catch (BusyException e) {
                    interrupted.complete(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            waiter.interrupt();
            assertThat(interrupted.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void the_turns_free_and_allowed_are_exported_as_metrics() {
        Admission admission = new Admission(2, Duration.ofSeconds(1), meters);
        try (Admission.Turn held = admission.enter()) {
            assertThat(gauge("resilience4j.bulkhead.available.concurrent.calls")).isEqualTo(1);
            assertThat(gauge("resilience4j.bulkhead.max.allowed.concurrent.calls")).isEqualTo(2);
        }
        assertThat(gauge("resilience4j.bulkhead.available.concurrent.calls")).isEqualTo(2);
    }

    private double gauge(String name) {
        return meters.get(name).tag("name", Admission.NAME).gauge().value();
    }
}
