package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.sintra.account.ApiKeyId;

class ApiRateLimitsTest {

    @Test
    void a_key_makes_its_burst_at_once_then_is_told_how_long_until_the_next_token() {
        // 60 a minute: one token a second.
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 3, 1));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(key)).as("request %d of the burst", i + 1).isEmpty();
        }
        OptionalLong wait = limits.acquire(key);

        assertThat(wait).isPresent();
        assertThat(wait.getAsLong()).isBetween(500L, 1000L);
    }

    @Test
    void after_waiting_as_long_as_it_was_told_the_key_goes_on() throws InterruptedException {
        // 6,000 a minute: a token every 10 ms.
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(6000, 1, 1));
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        assertThat(limits.acquire(key)).isEmpty();
        OptionalLong wait = limits.acquire(key);
        assertThat(wait).isPresent();

        Thread.sleep(wait.getAsLong());

        assertThat(limits.acquire(key)).isEmpty();
    }

    @Test
    void each_key_has_a_bucket_of_its_own() {
        ApiRateLimits limits = new ApiRateLimits(new ApiProperties(60, 1, 1));
        ApiKeyId busy = new ApiKeyId(UUID.randomUUID());
        assertThat(limits.acquire(busy)).isEmpty();
        assertThat(limits.acquire(busy)).isPresent();

        assertThat(limits.acquire(new ApiKeyId(UUID.randomUUID()))).isEmpty();
    }
}
