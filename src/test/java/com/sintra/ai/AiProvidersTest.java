package com.sintra.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;

class AiProvidersTest extends IntegrationTest {

    private static FakeOpenAiServer openAi;
    private static FakeAnthropicServer anthropic;

    @Autowired
    AiProviders providers;
    @Autowired
    AiGateway gateway;
    @Autowired
    LiveProviders live;
    @Autowired
    AiUsage usage;
    @Autowired
    AiUsageService usageService;
    @Autowired
    AiHealthIndicator health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startProviders() throws Exception {
        openAi = new FakeOpenAiServer();
        anthropic = new FakeAnthropicServer();
    }

    @AfterAll
    static void stopProviders() {
        openAi.close();
        anthropic.close();
    }

    /** The test context has no provider from the environment: a stored one left behind would answer other tests. */
    @AfterEach
    void deleteProviders() {
        asAdmin(() -> providers.list().stream().filter(p -> !p.fromEnvironment())
                .forEach(p -> providers.delete(p.id())));
    }

    @Test
    void an_admin_adds_edits_and_deletes_a_provider_and_each_change_is_audited_without_the_key() {
        AiProviderId id = asAdmin(() -> providers.create(openAi("Local vLLM", "secret-key-123")));
        AiProvider stored = asAdmin(() -> providers.list()).stream().filter(p -> id.equals(p.id())).findFirst().orElseThrow();
        assertThat(stored.name()).isEqualTo("Local vLLM");
        assertThat(stored.kind()).isEqualTo(AiProviderKind.OPENAI_COMPATIBLE);
        assertThat(stored.keySet()).isTrue();

        asAdmin(() -> providers.update(id, new AiProviderDraft("Renamed vLLM", AiProviderKind.OPENAI_COMPATIBLE,
                openAi.baseUrl() + "/v1", "", false, "fake-model", null, 5, 3, true)));
        AiProvider renamed = asAdmin(() -> providers.list()).stream().filter(p -> id.equals(p.id())).findFirst().orElseThrow();
        assertThat(renamed.name()).isEqualTo("Renamed vLLM");
        assertThat(renamed.keySet()).as("a blank key keeps the stored one").isTrue();
        assertThat(renamed.requestsPerSecond()).isEqualTo(5);

        asAdmin(() -> providers.delete(id));
        assertThat(asAdmin(() -> providers.list())).noneMatch(p -> id.equals(p.id()));

        List<String> audited = jdbc.sql("SELECT action || ' ' || details::text FROM audit_log WHERE target_id = :id ORDER BY id")
                .param("id", id.toString()).query(String.class).list();
        assertThat(audited).hasSize(3);
        assertThat(audited.get(0)).startsWith("ai_provider_created");
        assertThat(audited.get(1)).startsWith("ai_provider_updated");
        assertThat(audited.get(2)).startsWith("ai_provider_deleted");
        assertThat(String.join(" ", audited)).doesNotContain("secret-key-123");
    }

    @Test
    void the_api_key_is_stored_encrypted_and_never_returned() {
        AiProviderId id = asAdmin(() -> providers.create(openAi("Encrypted", "sk-plain-text-key")));
        byte[] column = jdbc.sql("SELECT api_key_encrypted FROM ai_providers WHERE id = :id").param("id", id.value())
                .query(byte[].class).single();
        assertThat(column).isNotNull();
        assertThat(new String(column, StandardCharsets.ISO_8859_1)).doesNotContain("sk-plain-text-key");
        assertThat(AiProvider.class.getRecordComponents()).noneMatch(c -> c.getType() == String.class
                && c.getName().toLowerCase().contains("key"));
        // Decrypted only for the client: the fake refuses the wrong key, so this call proves the round trip.
        assertThat(asAdmin(() -> providers.testConnection(id, openAi("Encrypted", null))).ok()).isTrue();
    }

    @Test
    void bad_input_is_refused_with_a_clear_reason_and_nothing_is_stored() {
        assertRefused(new AiProviderDraft(" ", AiProviderKind.OPENAI_COMPATIBLE, openAi.baseUrl(), null, false, "", null, 5, 5, true), "name");
        assertRefused(new AiProviderDraft("environment", AiProviderKind.OPENAI_COMPATIBLE, openAi.baseUrl(), null, false, "", null, 5, 5, true), "name");
        assertRefused(new AiProviderDraft("Bad URL", AiProviderKind.OPENAI_COMPATIBLE, "ftp://example.com", null, false, "", null, 5, 5, true), "baseUrl");
        assertRefused(new AiProviderDraft("No kind", null, openAi.baseUrl(), null, false, "", null, 5, 5, true), "kind");
        assertRefused(new AiProviderDraft("Keyless Claude", AiProviderKind.ANTHROPIC, anthropic.baseUrl(), null, false, "", null, 5, 5, true), "apiKey");
        assertRefused(new AiProviderDraft("Too fast", AiProviderKind.OPENAI_COMPATIBLE, openAi.baseUrl(), null, false, "", null, 0, 5, true), "requestsPerSecond");
        assertRefused(new AiProviderDraft("Ghost fallback", AiProviderKind.OPENAI_COMPATIBLE, openAi.baseUrl(), null, false, "",
                new AiProviderId(UUID.randomUUID()), 5, 5, true), "fallbackId");
        assertThat(jdbc.sql("SELECT count(*) FROM ai_providers").query(Long.class).single()).isZero();

        AiProviderId first = asAdmin(() -> providers.create(openAi("First", null)));
        AiProviderId second = asAdmin(() -> providers.create(withFallback(openAi("Second", null), first)));
        assertThatThrownBy(() -> asAdmin(() -> providers.update(first, withFallback(openAi("First", null), second))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("fallbackId");
                    assertThat(e.getMessage()).contains("falls back to this provider");
                });
        assertThatThrownBy(() -> asAdmin(() -> providers.create(openAi("first", null))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("already exists"));
    }

    @Test
    void a_user_who_is_not_an_admin_is_refused() {
        User user = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(user, () -> providers.create(openAi("Mine", null))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> providers.list())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> providers.circuits())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(user, () -> usageService.usage(Instant.now().minusSeconds(60), Instant.now())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void an_anthropic_provider_streams_its_answer_with_the_system_prompt_on_top_and_reports_usage() {
        AiProviderId claude = asAdmin(() -> providers.create(claude("Claude")));
        ChatPrompt prompt = new ChatPrompt("claude-sonnet-4-5", "You are a test.", List.of(new ChatPrompt.Turn(true, "Earlier")),
                "Hello?", 0.0, 100).routed(claude, ChatPrompt.Attribution.NONE);

        List<ChatChunk> chunks = gateway.stream(prompt, null).collectList().block(Duration.ofSeconds(10));

        assertThat(chunks).extracting(ChatChunk::text).containsSubsequence("Hello", " from", " Claude.");
        assertThat(chunks.get(chunks.size() - 1).usage()).isEqualTo(new ChatChunk.Usage(21, 3));
        assertThat(anthropic.lastRequest()).contains("\"system\":\"You are a test.\"").contains("\"stream\":true")
                .contains("\"model\":\"claude-sonnet-4-5\"").doesNotContain("\"role\":\"system\"");
        assertThat(anthropic.lastVersionHeader()).isEqualTo(AnthropicClient.VERSION);
    }

    @Test
    void while_the_primary_circuit_is_open_its_fallback_answers() {
        AiProviderId claude = asAdmin(() -> providers.create(claude("Fallback Claude")));
        AiProviderId primary = asAdmin(() -> providers.create(withFallback(openAi("Primary", null), claude)));
        live.find(primary).orElseThrow().guards().circuitBreaker().transitionToForcedOpenState();
        ChatPrompt prompt = new ChatPrompt("fake-model", "", List.of(), "Who answers?", 0.0, 100)
                .routed(primary, ChatPrompt.Attribution.NONE);
        int before = openAi.requests();

        assertThat(gateway.offlineReason(primary)).isEmpty();
        assertThat(text(gateway.stream(prompt, null))).isEqualTo("Hello from Claude.");
        assertThat(openAi.requests()).isEqualTo(before);
        assertThat(anthropic.lastRequest()).as("the fallback's own default model").contains("claude-haiku-4-5");

        asAdmin(() -> providers.resetCircuit(primary));
        assertThat(text(gateway.stream(prompt, null))).isEqualTo("Hello from the fake model.");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'ai_circuit_reset' AND target_id = :id")
                .param("id", primary.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void with_its_circuit_open_and_no_fallback_a_provider_is_offline_and_health_is_down() {
        AiProviderId only = asAdmin(() -> providers.create(openAi("Only", null)));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        live.find(only).orElseThrow().guards().circuitBreaker().transitionToForcedOpenState();

        assertThat(gateway.offlineReason(only)).hasValueSatisfying(reason -> assertThat(reason).contains("failing"));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("Only");
        assertThat(asAdmin(() -> providers.circuits())).anySatisfy(c -> {
            assertThat(c.provider()).isEqualTo("Only");
            assertThat(c.state()).isEqualTo("FORCED_OPEN");
        });
    }

    @Test
    void testing_a_connection_lists_the_models_of_both_kinds_and_says_in_words_what_failed() {
        ConnectionCheck openAiModels = asAdmin(() -> providers.testConnection(null, openAi("Unsaved", null)));
        assertThat(openAiModels.ok()).isTrue();
        assertThat(openAiModels.models()).containsExactly("another-model", "fake-model");

        ConnectionCheck claudeModels = asAdmin(() -> providers.testConnection(null, claude("Unsaved Claude")));
        assertThat(claudeModels.models()).containsExactly("claude-haiku-4-5", "claude-sonnet-4-5");

        ConnectionCheck wrongKey = asAdmin(() -> providers.testConnection(null, new AiProviderDraft("Wrong", AiProviderKind.ANTHROPIC,
                anthropic.baseUrl(), "not-the-key", false, "", null, 5, 5, true)));
        assertThat(wrongKey.ok()).isFalse();
        assertThat(wrongKey.message()).contains("refused the API key");

        ConnectionCheck nobody = asAdmin(() -> providers.testConnection(null, new AiProviderDraft("Nobody",
                AiProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:1", null, false, "", null, 5, 5, true)));
        assertThat(nobody.ok()).isFalse();
        assertThat(nobody.message()).contains("could not connect");
    }

    @Test
    void every_call_is_counted_in_the_meters_and_the_hourly_table_with_its_cost_from_the_price_table() {
        AiProviderId id = asAdmin(() -> providers.create(openAi("Metered", null)));
        User owner = fixtures.newUser();
        UUID workspace = fixtures.newWorkspace(owner).value();
        ChatPrompt.Attribution attribution = new ChatPrompt.Attribution(workspace, null);
        for (String question : List.of("one", "two")) {
            text(gateway.stream(new ChatPrompt("fake-model", "", List.of(), question, 0.0, 100).routed(id, attribution), null));
        }
        usage.flush();

        assertThat(meters.get("sintra.ai.calls").tags("provider", "Metered", "model", "fake-model", "outcome", "complete")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get("sintra.ai.tokens").tags("provider", "Metered", "kind", "prompt").counter().count()).isEqualTo(24);
        assertThat(meters.get("sintra.ai.latency").tags("provider", "Metered", "phase", "first_token").timer().count()).isEqualTo(2);
        // 24 prompt tokens at 1 USD and 10 completion tokens at 2 USD per million.
        BigDecimal expected = new BigDecimal("0.000044");
        assertThat(meters.get("sintra.ai.cost").tags("provider", "Metered").counter().count()).isCloseTo(expected.doubleValue(),
                org.assertj.core.data.Offset.offset(1e-12));

        AiUsageService.Report report = asAdmin(() -> usageService.usage(Instant.now().minus(1, ChronoUnit.HOURS),
                Instant.now().plus(1, ChronoUnit.HOURS)));
        AiUsageService.Row row = report.rows().stream().filter(r -> workspace.equals(r.workspaceId())).findFirst().orElseThrow();
        assertThat(row.workspaceName()).startsWith("Workspace ");
        assertThat(row.provider()).isEqualTo("Metered");
        assertThat(row.calls()).isEqualTo(2);
        assertThat(row.promptTokens()).isEqualTo(24);
        assertThat(row.completionTokens()).isEqualTo(10);
        assertThat(row.cost()).isEqualByComparingTo(expected);
        assertThat(row.priced()).isTrue();
        assertThat(report.totals().calls()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_model_missing_from_the_price_table_costs_nothing_and_is_marked_unpriced() {
        assertThat(usage.cost("no-such-model", new ChatChunk.Usage(1000, 1000))).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(usage.priced("no-such-model")).isFalse();
        assertThat(usage.cost("fake-model", new ChatChunk.Usage(1_000_000, 500_000))).isEqualByComparingTo("2");
    }

    @Test
    void without_a_secret_a_key_cannot_be_saved_and_the_message_says_how_to_set_one() {
        SecretBox none = new SecretBox(new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("sintra.ai", AiProperties.class));
        assertThatThrownBy(() -> none.encrypt("a key")).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("apiKey");
            assertThat(e.getMessage()).contains("SINTRA_SECRET_KEY").contains("openssl rand -base64 32");
        });
    }

    private void assertRefused(AiProviderDraft draft, String field) {
        assertThatThrownBy(() -> asAdmin(() -> providers.create(draft)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static AiProviderDraft openAi(String name, String key) {
        return new AiProviderDraft(name, AiProviderKind.OPENAI_COMPATIBLE, openAi.baseUrl(), key, false, "fake-model",
                null, 50, 10, true);
    }

    private static AiProviderDraft claude(String name) {
        return new AiProviderDraft(name, AiProviderKind.ANTHROPIC, anthropic.baseUrl(), FakeAnthropicServer.KEY, false,
                "claude-haiku-4-5", null, 50, 10, true);
    }

    private static AiProviderDraft withFallback(AiProviderDraft draft, AiProviderId fallback) {
        return new AiProviderDraft(draft.name(), draft.kind(), draft.baseUrl(), draft.apiKey(), draft.removeKey(),
                draft.defaultModel(), fallback, draft.requestsPerSecond(), draft.maxConcurrentCalls(), draft.enabled());
    }

    private <T> T asAdmin(java.util.function.Supplier<T> action) {
        return fixtures.as(fixtures.admin(), action);
    }

    private void asAdmin(Runnable action) {
        fixtures.as(fixtures.admin(), action);
    }

    private static String text(Flux<ChatChunk> chunks) {
        return chunks.map(ChatChunk::text).reduce("", String::concat).block(Duration.ofSeconds(10));
    }
}
