package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The lock rules on their own, with a clock the test moves. */
class SignInThrottleTest {

    private static final String ADDRESS = "203.0.113.7";

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(new AccountProperties.SignInLimits(
            5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1), 20, Duration.ofMinutes(10)), clock);

    @Test
    void four_failures_leave_an_email_free_and_the_fifth_locks_it_for_thirty_seconds() {
        fail("a@test.sintra", 4);
        assertThat(throttle.blockedUntil("a@test.sintra", ADDRESS)).isEmpty();
        fail("a@test.sintra", 1);
        assertThat(throttle.blockedUntil("a@test.sintra", ADDRESS)).contains(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.blockedUntil("a@test.sintra", ADDRESS)).isEmpty();
    }

    @Test
    void each_failure_after_a_lock_doubles_it_up_to_fifteen_minutes() {
        fail("a@test.sintra", 5);
        for (long expected : new long[] {60, 120, 240, 480, 900, 900}) {
            clock.advance(Duration.ofMinutes(16));
            fail("a@test.sintra", 1);
            assertThat(throttle.blockedUntil("a@test.sintra", ADDRESS)).contains(clock.instant().plusSeconds(expected));
        }
    }

    @Test
    void a_success_clears_the_count_and_other_emails_are_never_affected() {
        fail("a@test.sintra", 4);
        throttle.succeeded("a@test.sintra");
        fail("a@test.sintra", 4);
        assertThat(throttle.blockedUntil("a@test.sintra", ADDRESS)).isEmpty();

        fail("b@test.sintra", 5);
        assertThat(throttle.blockedUntil("a@test.sintra", "198.51.100.1")).isEmpty();
    }

    @Test
    void twenty_failures_from_one_address_in_ten_minutes_block_it_for_every_email() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i + "@test.sintra", ADDRESS);
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(throttle.blockedUntil("fresh@test.sintra", ADDRESS)).isEmpty();
        Instant first = clock.instant().minusSeconds(190);
        throttle.refused(ADDRESS);
        assertThat(throttle.blockedUntil("fresh@test.sintra", ADDRESS)).contains(first.plus(Duration.ofMinutes(10)));
        assertThat(throttle.blockedUntil("fresh@test.sintra", "198.51.100.1")).isEmpty();

        // The window slides: once the oldest failure is ten minutes old, one more attempt may come.
        clock.advance(Duration.ofMinutes(10).minusSeconds(190));
        assertThat(throttle.blockedUntil("fresh@test.sintra", ADDRESS)).isEmpty();
    }

    private void fail(String email, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(email, ADDRESS);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
