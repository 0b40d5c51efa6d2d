package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.account.AccountService;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;
import com.zaxxer.hikari.HikariDataSource;

class ApiAuthenticationTest extends ApiTest {

    @Autowired
    AccountService accounts;

    @Autowired
    DataSource dataSource;

    @Test
    void a_key_checked_while_every_database_connection_is_taken_gets_a_503_to_try_again_rather_than_a_500() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String key = newKey(user);
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            Reply reply = postJson("/api/v1/brain/search", key, Map.of("workspaceId", workspace.toString(), "query", "anything"));

            assertThat(reply.problem(503).path("detail").asText()).contains("nothing was changed");
            assertThat(reply.response().headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void a_request_without_a_key_gets_a_401_problem_detail_saying_how_to_send_one() throws Exception {
        Reply reply = postJson("/api/v1/brain/search", null, Map.of("query", "anything"));

        JsonNode problem = reply.problem(401);
        assertThat(problem.path("detail").asText()).contains("Authorization: Bearer");
        assertThat(reply.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void a_key_works_as_a_bearer_token_and_in_the_x_api_key_header() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String key = newKey(user);
        Map<String, Object> search = Map.of("workspaceId", workspace.toString(), "query", "anything");

        assertThat(postJson("/api/v1/brain/search", key, search).status()).isEqualTo(200);
        Reply viaHeader = send(request("/api/v1/brain/search", null).header("X-API-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(search))).build());
        assertThat(viaHeader.status()).isEqualTo(200);
        assertThat(viaHeader.json().path("results").isArray()).isTrue();
    }

    @Test
    void unknown_revoked_and_deactivated_owners_keys_get_the_same_401() throws Exception {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        Map<String, Object> search = Map.of("workspaceId", workspace.toString(), "query", "anything");
        String revoked = newKey(user);
        fixtures.as(user, () -> apiKeys.revoke(apiKeys.myKeys().get(0).id()));
        User deactivated = fixtures.newUser();
        String deactivatedOwners = newKey(deactivated);
        fixtures.as(fixtures.admin(), () -> accounts.setActive(deactivated.id(), false));

        JsonNode unknown = postJson("/api/v1/brain/search", "sk_00000000_" + "A".repeat(43), search).problem(401);
        assertThat(postJson("/api/v1/brain/search", revoked, search).problem(401)).isEqualTo(unknown);
        assertThat(postJson("/api/v1/brain/search", deactivatedOwners, search).problem(401)).isEqualTo(unknown);
        assertThat(postJson("/api/v1/brain/search", "garbage", search).problem(401)).isEqualTo(unknown);
    }

    @Test
    void api_requests_never_start_a_session() throws Exception {
        User user = fixtures.newUser();
        Reply reply = postJson("/api/v1/brain/search", newKey(user),
                Map.of("workspaceId", fixtures.newWorkspace(user).toString(), "query", "anything"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.response().headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void a_signed_in_browsers_session_cookie_does_not_open_the_api() throws Exception {
        // The API chain has no CSRF protection, which is safe only because a cookie never authenticates there.
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String cookie = signInCookie(user);
        assertThat(send(request("/actuator/info", null).header("Cookie", cookie).GET().build()).status())
                .as("the cookie is a signed-in session").isEqualTo(200);

        Reply reply = send(request("/api/v1/brain/search", null).header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("workspaceId", workspace.toString(), "query", "anything")))).build());
        reply.problem(401);
    }

    @Test
    void the_browser_still_signs_in_through_its_own_chain() throws Exception {
        Reply reply = send(request("/settings", null).GET().build());
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.response().headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
}
