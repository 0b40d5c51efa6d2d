package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.account.ApiKey;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;

/** What the audit trail keeps of HTTP callers (the sign-in form, API keys), and the health groups probes read. */
class AuditAndHealthOverHttpTest extends ApiTest {

    private static final String SEARCH = "/api/v1/brain/search";

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_sign_in_through_the_form_is_audited_with_the_client_address() throws Exception {
        User user = fixtures.newUser();
        signInCookie(user);

        assertThat(jdbc.sql("""
                        SELECT details->>'address' FROM audit_log
                        WHERE action = 'signed_in' AND target_id = :user AND actor_user_id = CAST(:user AS uuid)""")
                .param("user", user.id().value().toString()).query(String.class).list())
                .singleElement().satisfies(address -> assertThat(address).isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    @Test
    void an_api_call_is_no_sign_in() throws Exception {
        User user = fixtures.newUser();
        String key = newKey(user);
        postJson(SEARCH, key, Map.of("workspaceId", fixtures.newWorkspace(user).toString(), "query", "anything"));

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'signed_in' AND target_id = :user")
                .param("user", user.id().value().toString()).query(Integer.class).single()).isZero();
    }

    @Test
    void a_search_in_someone_elses_workspace_through_the_api_is_refused_and_recorded() throws Exception {
        User owner = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId theirs = fixtures.newWorkspace(owner);

        postJson(SEARCH, newKey(stranger), Map.of("workspaceId", theirs.toString(), "query", "their secrets")).problem(404);

        assertThat(jdbc.sql("""
                        SELECT target_id FROM audit_log
                        WHERE action = 'access_refused' AND actor_user_id = :stranger AND workspace_id = :workspace""")
                .param("stranger", stranger.id().value()).param("workspace", theirs.value())
                .query(String.class).list()).containsExactly("BrainService.search");
    }

    @Test
    void a_key_an_admin_revokes_is_refused_with_the_very_next_request() throws Exception {
        User user = fixtures.newUser();
        String key = newKey(user);
        Map<String, Object> search = Map.of("workspaceId", fixtures.newWorkspace(user).toString(), "query", "anything");
        assertThat(postJson(SEARCH, key, search).status()).isEqualTo(200);
        ApiKey listed = fixtures.as(user, () -> apiKeys.myKeys()).get(0);

        fixtures.as(fixtures.admin(), () -> apiKeys.revokeAny(listed.id()));

        postJson(SEARCH, key, search).problem(401);
    }

    @Test
    void liveness_is_the_applications_own_state_and_readiness_includes_the_database() throws Exception {
        Reply liveness = get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");
        assertThat(liveness.json().path("components").path("db").isMissingNode()).isTrue();

        Reply readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("readinessState").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("redis").isMissingNode()).as("Redis only under the cluster profile").isTrue();
        // Nothing but these: an "ai" component, say, must never take a node out of the load balancer.
        assertThat(components.size()).isEqualTo(2);
    }
}
