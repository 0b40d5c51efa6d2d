package com.sintra.chat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.account.User;
import com.sintra.agent.AgentService;
import com.sintra.api.ApiTest;
import com.sintra.chat.ChatSetup;

/** {@code POST /api/v1/agents/{id}/chat} without a model provider: offline answers, bad input, limits. */
class ChatApiTest extends ApiTest {

    @Autowired
    AgentService agents;

    @Autowired
    JdbcClient jdbc;

    ChatSetup setup;
    String key;

    @BeforeEach
    void setUp() {
        setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        key = newKey(setup.owner());
    }

    @Test
    void a_json_request_gets_the_whole_stored_answer_with_citations_and_can_continue_the_conversation() throws Exception {
        JsonNode reply = postJson(chat(setup), key, Map.of("message", "How long do refunds take?")).json();
        assertThat(reply.path("answer").path("mode").asText()).isEqualTo("OFFLINE");
        assertThat(reply.path("answer").path("content").asText()).contains("five business days").contains("[1]");
        assertThat(reply.path("answer").path("citations").get(0).path("documentTitle").asText()).isEqualTo("Refunds");
        String conversation = reply.path("conversationId").asText();

        JsonNode next = postJson(chat(setup), key, Map.of("message", "And shipping?", "conversationId", conversation)).json();
        assertThat(next.path("conversationId").asText()).isEqualTo(conversation);
        assertThat(messages(setup.owner())).isEqualTo(4);
    }

    @Test
    void bad_requests_get_problem_details_and_store_nothing() throws Exception {
        assertThat(postJson(chat(setup), key, Map.of("message", " ")).problem(400).path("field").asText()).isEqualTo("message");
        assertThat(postJson(chat(setup), key, Map.of("message", "x".repeat(8001))).problem(400).path("detail").asText())
                .contains("8,000");
        postJson(chat(setup), key, "{\"message\": ").problem(400);
        postJson(chat(setup), key, "{\"message\": \"hi\", \"conversationId\": \"not-a-uuid\"}").problem(400);
        postJson("/api/v1/agents/not-a-uuid/chat", key, Map.of("message", "Hello")).problem(400);
        postJson("/api/v1/agents/" + UUID.randomUUID() + "/chat", key, Map.of("message", "Hello")).problem(404);
        postJson(chat(setup), key, Map.of("message", "hi", "conversationId", UUID.randomUUID().toString())).problem(404);
        postJson(chat(setup), null, Map.of("message", "Hello")).problem(401);
        // A stream asked for, but the question is refused before it starts: still a problem detail.
        Reply streamRefused = send(request(chat(setup), key).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"\"}")).build());
        streamRefused.problem(400);
        assertThat(messages(setup.owner())).isZero();
    }

    @Test
    void another_workspaces_agent_and_an_archived_agent_are_refused() throws Exception {
        User stranger = fixtures.newUser();
        String strangerKey = newKey(stranger);
        postJson(chat(setup), strangerKey, Map.of("message", "Hello")).problem(404);
        fixtures.as(setup.owner(), () -> agents.setArchived(setup.agent(), true));
        assertThat(postJson(chat(setup), key, Map.of("message", "Hello")).problem(400).path("detail").asText()).contains("archived");
        assertThat(messages(setup.owner()) + messages(stranger)).isZero();
    }

    @Test
    void a_key_over_its_rate_limit_gets_429_with_retry_after() throws Exception {
        Reply limited = null;
        // The test configuration allows a burst of 20; a JSON "hi" with no agent found is cheap to refuse.
        for (int i = 0; i < 40 && limited == null; i++) {
            Reply reply = postJson("/api/v1/agents/" + UUID.randomUUID() + "/chat", key, Map.of("message", "hi"));
            if (reply.status() == 429) {
                limited = reply;
            }
        }
        assertThat(limited).as("no 429 within 40 requests").isNotNull();
        limited.problem(429);
        assertThat(Integer.parseInt(limited.response().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // Another key is not affected.
        postJson("/api/v1/agents/" + UUID.randomUUID() + "/chat", newKey(setup.owner()), Map.of("message", "hi")).problem(404);
    }

    private static String chat(ChatSetup setup) {
        return "/api/v1/agents/" + setup.agent() + "/chat";
    }

    private long messages(User user) {
        return jdbc.sql("SELECT count(*) FROM agent_messages WHERE user_id = :user").param("user", user.id().value())
                .query(Long.class).single();
    }
}
