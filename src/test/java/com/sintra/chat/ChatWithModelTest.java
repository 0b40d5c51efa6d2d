package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.sintra.Fixtures;
import com.sintra.account.ApiKeyService;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiCircuit;
import com.sintra.ai.AiGateway;
import com.sintra.ai.FakeOpenAiServer;
import com.sintra.brain.BrainService;

import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Chat against a model: the fake OpenAI-compatible server this test starts, so Spring AI's client, the
 * gateway's resilience and the chat service all run for real.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Fixtures.class)
class ChatWithModelTest {

    private static final FakeOpenAiServer PROVIDER = start();
    private static final List<String> TOKENS = List.of("Refunds", " take", " five", " business", " days", " [1].");

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("sintra.ai.base-url", PROVIDER::baseUrl);
        registry.add("sintra.ai.retry-attempts", () -> "1");
        registry.add("sintra.api.burst", () -> "3");
        registry.add("sintra.api.requests-per-minute", () -> "6");
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ChatService chat;

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    AiGateway gateway;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetProvider() {
        PROVIDER.mode(FakeOpenAiServer.Mode.ANSWER).tokens(TOKENS).answerTime(Duration.ZERO);
    }

    @AfterEach
    void closeCircuit() {
        AiCircuit.close(gateway);
    }

    @Test
    void an_answer_streams_from_the_model_token_by_token_and_is_stored_with_its_usage_and_grounding() {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        ChatAnswer first = fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "Where do orders ship from?"));
        ChatServiceTest.answered(first);
        ChatAnswer answer = fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), first.conversation().id(),
                "How long do refunds take?"));
        List<ChatEvent> events = answer.events().collectList().block(Duration.ofSeconds(20));

        assertThat(events.subList(0, events.size() - 1)).extracting(e -> ((ChatEvent.Token) e).text()).containsExactlyElementsOf(TOKENS);
        ChatMessage stored = ((ChatEvent.Answered) events.get(events.size() - 1)).answer();
        assertThat(stored.mode()).isEqualTo(AnswerMode.MODEL);
        assertThat(stored.content()).isEqualTo(String.join("", TOKENS));
        assertThat(stored.model()).isEqualTo("fake-model");
        assertThat(stored.promptTokens()).isEqualTo(12);
        assertThat(stored.completionTokens()).isEqualTo(TOKENS.size());
        assertThat(stored.firstTokenMs()).isNotNull().isLessThanOrEqualTo(stored.latencyMs());
        assertThat(stored.citations()).isNotEmpty();
        // The prompt carries the numbered passages and the conversation so far.
        assertThat(PROVIDER.lastRequest()).contains("[1] Refunds").contains("five business days")
                .contains("Where do orders ship from?").contains("Be brief and friendly.");
    }

    @Test
    void a_temperature_zero_agent_serves_a_repeated_question_from_the_cache_until_the_agent_is_edited() {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, BigDecimal.ZERO, false);
        int before = PROVIDER.requests();
        ChatMessage first = ChatServiceTest.answered(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "How long do refunds take?")));
        ChatMessage second = ChatServiceTest.answered(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "How long  do refunds take? ")));

        assertThat(first.mode()).isEqualTo(AnswerMode.MODEL);
        assertThat(second.mode()).isEqualTo(AnswerMode.CACHED);
        assertThat(second.content()).isEqualTo(first.content());
        assertThat(second.completionTokens()).isZero();
        assertThat(PROVIDER.requests() - before).isEqualTo(1);

        Agent agent = fixtures.as(setup.owner(), () -> agents.get(setup.agent()));
        fixtures.as(setup.owner(), () -> agents.update(setup.agent(), new AgentDraft(agent.name(), agent.roleDescription(),
                "Be very brief.", agent.model(), agent.temperature(), agent.maxTokens(), agent.avatarColor(),
                agent.cacheAnswers(), agent.knowledgeBases())));
        ChatMessage afterEdit = ChatServiceTest.answered(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "How long do refunds take?")));
        assertThat(afterEdit.mode()).isEqualTo(AnswerMode.MODEL);
        assertThat(PROVIDER.requests() - before).isEqualTo(2);
    }

    @Test
    void twenty_identical_concurrent_questions_share_one_upstream_call() throws InterruptedException {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        PROVIDER.answerTime(Duration.ofMillis(800));
        List<ChatAnswer> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "What about shipping to Porto?")));
        }
        int before = PROVIDER.requests();
        List<ChatMessage> stored = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(answers.size());
        answers.forEach(a -> a.events().subscribeOn(Schedulers.parallel()).ofType(ChatEvent.Answered.class)
                .doFinally(s -> done.countDown()).subscribe(e -> stored.add(e.answer())));

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(PROVIDER.requests() - before).isEqualTo(1);
        assertThat(stored).hasSize(20).allSatisfy(m -> {
            assertThat(m.mode()).isEqualTo(AnswerMode.MODEL);
            assertThat(m.content()).isEqualTo(String.join("", TOKENS));
        });
    }

    @Test
    void stopping_an_answer_cancels_the_upstream_call_and_keeps_what_had_arrived() throws InterruptedException {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        PROVIDER.answerTime(Duration.ofSeconds(3));
        int disconnects = PROVIDER.disconnects();
        ChatAnswer answer = fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "Tell me about refunds"));
        CountDownLatch twoTokens = new CountDownLatch(2);
        Disposable subscription = answer.events().subscribe(e -> twoTokens.countDown());
        assertThat(twoTokens.await(10, TimeUnit.SECONDS)).isTrue();
        subscription.dispose();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(PROVIDER::disconnects, n -> n != disconnects);
        assertThat(PROVIDER.disconnects()).isEqualTo(disconnects + 1);
        MessagePage page = awaitMessages(setup, answer.conversation().id(), 2);
        ChatMessage stopped = page.messages().get(1);
        assertThat(stopped.mode()).isEqualTo(AnswerMode.STOPPED);
        assertThat(stopped.content()).startsWith("Refunds take").doesNotContain("[1].");
    }

    @Test
    void while_the_circuit_is_open_the_agent_answers_offline_without_calling_the_provider() {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        AiCircuit.forceOpen(gateway);
        int before = PROVIDER.requests();
        ChatMessage answer = ChatServiceTest.answered(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "How long do refunds take?")));

        assertThat(answer.mode()).isEqualTo(AnswerMode.OFFLINE);
        assertThat(answer.content()).startsWith("**Offline answer**").contains("failing").contains("five business days");
        assertThat(PROVIDER.requests()).isEqualTo(before);
    }

    @Test
    void when_the_provider_fails_before_answering_the_agent_answers_offline_saying_why() {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        PROVIDER.thenAnswer(FakeOpenAiServer.Mode.FAIL_500);
        ChatMessage answer = ChatServiceTest.answered(fixtures.as(setup.owner(), () -> chat.ask(setup.agent(), null, "How long do refunds take?")));

        assertThat(answer.mode()).isEqualTo(AnswerMode.OFFLINE);
        assertThat(answer.content()).contains("the AI provider answered 500").contains("[1]");
    }

    @Test
    void the_api_waits_for_a_model_answer_asynchronously_and_writes_a_cached_one_at_once() throws Exception {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, BigDecimal.ZERO, false);
        String key = fixtures.as(setup.owner(), () -> apiKeys.create("JSON"));
        MockMvc api = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
        var ask = MockMvcRequestBuilders.post("/api/v1/agents/" + setup.agent() + "/chat")
                .header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"How long do refunds take?\"}");

        MvcResult modelAnswer = api.perform(ask).andExpect(MockMvcResultMatchers.request().asyncStarted()).andReturn();
        api.perform(MockMvcRequestBuilders.asyncDispatch(modelAnswer)).andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(MockMvcResultMatchers.jsonPath("$.answer.mode").value("MODEL"));

        api.perform(ask).andExpect(MockMvcResultMatchers.request().asyncNotStarted())
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(MockMvcResultMatchers.jsonPath("$.answer.mode").value("CACHED"))
                .andExpect(MockMvcResultMatchers.jsonPath("$.answer.content").value(String.join("", TOKENS)));
    }

    @Test
    void the_api_streams_server_sent_events_question_tokens_then_the_stored_answer() throws Exception {
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        String key = fixtures.as(setup.owner(), () -> apiKeys.create("SSE"));
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/agents/" + setup.agent() + "/chat"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How long do refunds take?\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        List<String> data = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> {
                if (line.startsWith("event:")) {
                    names.add(line.substring(6).strip());
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            });
        } catch (UncheckedIOException e) {
            throw new IOException(e);
        }
        assertThat(names).first().isEqualTo("question");
        assertThat(names).last().isEqualTo("answer");
        assertThat(names).filteredOn("token"::equals).hasSize(TOKENS.size());
        assertThat(data.get(0)).contains("\"conversationId\"").contains("\"citations\"");
        assertThat(data.get(1)).isEqualTo("{\"text\":\"Refunds\"}");
        assertThat(data.get(data.size() - 1)).contains("\"mode\":\"MODEL\"").contains("\"completionTokens\":6");
    }

    private MessagePage awaitMessages(ChatSetup setup, ConversationId conversation, int count) {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> fixtures.as(setup.owner(), () -> chat.messages(conversation, null, 30)),
                        page -> page.messages().size() >= count);
    }

    private static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
