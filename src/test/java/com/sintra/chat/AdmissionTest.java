package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void a_question_beyond_the_limit_waits_for_a_turn_and_gets_one_when_another_finishes() throws Exception {
        Admission admission = new Admission(1, Duration.ofSeconds(5));
        Admission.Turn first = admission.enter();
        CompletableFuture<Admission.Turn> second = CompletableFuture.supplyAsync(admission::enter);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !second.isDone());

        first.close();
        second.get(2, TimeUnit.SECONDS).close();
    }

    @Test
    void a_question_that_waits_too_long_is_refused_as_busy_with_a_retry_hint() {
        Admission admission = new Admission(1, Duration.ofMillis(50));
        try (Admission.Turn held = admission.enter()) {
            assertThatThrownBy(admission::enter).isInstanceOfSatisfying(BusyException.class,
                    e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5)));
        }
        // The refused one took no turn: the next gets one at once.
        admission.enter().close();
    }
}
