package com.sintra.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.sintra.ai.FakeOpenAiServer.Mode;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class AiGatewayTest {

    private FakeOpenAiServer provider;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new FakeOpenAiServer();
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void an_answer_streams_token_by_token_with_its_usage() {
        List<ChatChunk> chunks = gateway(Map.of()).stream(prompt("hello"), null).collectList().block(Duration.ofSeconds(10));
        assertThat(chunks).extracting(ChatChunk::text).containsSubsequence("Hello", " from", " the", " fake", " model.");
        assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(new ChatChunk.Usage(12, 5));
    }

    @Test
    void fifty_identical_concurrent_requests_make_exactly_one_upstream_call() {
        provider.answerTime(Duration.ofMillis(500));
        AiGateway gateway = gateway(Map.of());
        List<String> answers = Flux.range(0, 50)
                .flatMap(i -> text(gateway.stream(prompt("same question"), null)).subscribeOn(Schedulers.parallel()), 50)
                .collectList().block(Duration.ofSeconds(20));
        assertThat(answers).hasSize(50).containsOnly("Hello from the fake model.");
        assertThat(provider.requests()).isEqualTo(1);
    }

    @Test
    void a_cached_answer_makes_no_upstream_call() {
        AiGateway gateway = gateway(Map.of());
        assertThat(text(gateway.stream(prompt("cache me"), "agent-1:v1:key")).block()).isEqualTo("Hello from the fake model.");
        assertThat(text(gateway.stream(prompt("cache me"), "agent-1:v1:key")).block()).isEqualTo("Hello from the fake model.");
        assertThat(provider.requests()).isEqualTo(1);
    }

    @Test
    void a_429_is_retried_after_the_time_its_retry_after_header_asks_for() {
        provider.retryAfterSeconds(1).thenAnswer(Mode.RATE_LIMIT_429);
        long started = System.nanoTime();
        String answer = text(gateway(Map.of("sintra.ai.retry-backoff", "10ms")).stream(prompt("retry"), null)).block(Duration.ofSeconds(10));
        assertThat(answer).isEqualTo("Hello from the fake model.");
        assertThat(provider.requests()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void the_circuit_opens_after_repeated_failures_then_half_opens_and_closes_on_recovery() throws InterruptedException {
        provider.mode(Mode.FAIL_500);
        AiGateway gateway = gateway(Map.of("sintra.ai.minimum-calls", "4", "sintra.ai.retry-attempts", "1",
                "sintra.ai.open-state-wait", "300ms"));
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertThatThrownBy(() -> gateway.stream(prompt("fail " + n), null).blockLast())
                    .isInstanceOfSatisfying(AiUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(AiUnavailableException.Reason.UPSTREAM_FAILED));
        }
        assertThat(gateway.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(gateway.online()).isFalse();
        int before = provider.requests();
        assertThatThrownBy(() -> gateway.stream(prompt("while open"), null).blockLast())
                .isInstanceOfSatisfying(AiUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(AiUnavailableException.Reason.CIRCUIT_OPEN));
        assertThat(provider.requests()).as("no upstream call while open").isEqualTo(before);

        provider.mode(Mode.ANSWER);
        TimeUnit.MILLISECONDS.sleep(600);
        assertThat(text(gateway.stream(prompt("probe 1"), null)).block()).isEqualTo("Hello from the fake model.");
        assertThat(text(gateway.stream(prompt("probe 2"), null)).block()).isEqualTo("Hello from the fake model.");
        assertThat(gateway.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void the_rate_limiter_refuses_with_a_clear_reason() {
        AiGateway gateway = gateway(Map.of("sintra.ai.requests-per-second", "2"));
        text(gateway.stream(prompt("one"), null)).block();
        text(gateway.stream(prompt("two"), null)).block();
        assertThatThrownBy(() -> gateway.stream(prompt("three"), null).blockLast())
                .isInstanceOfSatisfying(AiUnavailableException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AiUnavailableException.Reason.RATE_LIMITED);
                    assertThat(e.getMessage()).contains("Too many requests");
                });
    }

    @Test
    void the_bulkhead_refuses_calls_beyond_its_limit_at_once() {
        provider.answerTime(Duration.ofSeconds(2));
        AiGateway gateway = gateway(Map.of("sintra.ai.max-concurrent-calls", "2"));
        var first = gateway.stream(prompt("slow 1"), null).subscribe();
        var second = gateway.stream(prompt("slow 2"), null).subscribe();
        try {
            assertThatThrownBy(() -> gateway.stream(prompt("slow 3"), null).blockLast(Duration.ofSeconds(1)))
                    .isInstanceOfSatisfying(AiUnavailableException.class,
                            e -> assertThat(e.reason()).isEqualTo(AiUnavailableException.Reason.TOO_MANY_CALLS));
        } finally {
            first.dispose();
            second.dispose();
        }
    }

    @Test
    void cancelling_a_stream_stops_the_upstream_request() {
        provider.tokens(IntStream.range(0, 50).mapToObj(i -> " t" + i).toList()).answerTime(Duration.ofSeconds(5));
        List<ChatChunk> firstTwo = gateway(Map.of()).stream(prompt("long"), null).take(2).collectList().block(Duration.ofSeconds(5));
        assertThat(firstTwo).hasSize(2);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> provider.disconnects() > 0);
        assertThat(provider.disconnects()).isEqualTo(1);
    }

    @Test
    void a_hanging_provider_times_out_instead_of_holding_the_stream() {
        provider.mode(Mode.HANG);
        assertThatThrownBy(() -> gateway(Map.of("sintra.ai.first-token-timeout", "300ms", "sintra.ai.retry-attempts", "1"))
                .stream(prompt("hang"), null).blockLast(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(AiUnavailableException.class, e -> assertThat(e.getMessage()).contains("took too long"));
    }

    @Test
    void without_a_provider_the_gateway_says_so() {
        AiGateway gateway = TestGateways.gateway(properties(Map.of("sintra.ai.base-url", "")), new SimpleMeterRegistry());
        assertThat(gateway.online()).isFalse();
        assertThatThrownBy(() -> gateway.stream(prompt("x"), null).blockLast())
                .isInstanceOfSatisfying(AiUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(AiUnavailableException.Reason.NOT_CONFIGURED));
    }

    private AiGateway gateway(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("sintra.ai.base-url", provider.baseUrl(), "sintra.ai.api-key", "test-key"));
        settings.putAll(overrides);
        AiProperties properties = properties(settings);
        return TestGateways.gateway(properties, new SimpleMeterRegistry());
    }

    private static AiProperties properties(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("sintra.ai", AiProperties.class);
    }

    private static ChatPrompt prompt(String question) {
        return new ChatPrompt("fake-model", "You are a test.", List.of(), question, 0.0, 100);
    }

    private static reactor.core.publisher.Mono<String> text(Flux<ChatChunk> chunks) {
        return chunks.map(ChatChunk::text).reduce("", String::concat);
    }
}
