package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.workspace.WorkspaceId;

class CacheWarmingTest extends IntegrationTest {

    @Autowired
    CacheWarming warming;

    @Autowired
    EmbeddingCache embeddings;

    @Autowired
    BrainSearch search;

    @Autowired
    JdbcClient jdbc;

    @Test
    void warming_loads_the_embeddings_and_search_results_of_the_busiest_workspaces_frequent_questions() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String frequent = "How do I renew the harbour permit " + marker + "?";
        String rare = "Who signs the  customs forms " + marker + "?";
        ask(user, workspace, frequent, 60);
        ask(user, workspace, rare, 40);
        assertThat(embeddings.cached(frequent)).isFalse();

        CacheWarming.Run run = warming.warm();

        assertThat(run.complete()).isTrue();
        assertThat(run.questions()).isGreaterThanOrEqualTo(2);
        assertThat(run.workspaces()).isBetween(1, 5);
        assertThat(run.searches()).isGreaterThanOrEqualTo(2);
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
        assertThat(embeddings.cached(frequent)).isTrue();
        assertThat(embeddings.cached(rare)).isTrue();
        assertThat(search.cached(workspace, SearchRequest.of(frequent, CacheWarming.SEARCH_K))).isTrue();
        assertThat(search.cached(workspace, SearchRequest.of(rare.strip(), CacheWarming.SEARCH_K))).isTrue();
        assertThat(warming.lastRun()).contains(run);
    }

    @Test
    void warming_runs_on_its_own_thread_so_the_ready_event_returns_at_once() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        CacheWarming.Run run = warming.start().whenComplete((r, e) -> ranOn.set(Thread.currentThread().getName()))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ranOn.get()).isEqualTo("cache-warming");
        assertThat(warming.lastRun()).contains(run);
    }

    private void ask(User user, WorkspaceId workspace, String question, int times) {
        UUID agent = jdbc.sql("""
                        INSERT INTO agents (workspace_id, name, model, created_by) VALUES (:w, 'Warm agent', 'm', :u)
                        RETURNING id""").param("w", workspace.value()).param("u", user.id().value())
                .query(UUID.class).single();
        UUID conversation = jdbc.sql("""
                        INSERT INTO conversations (workspace_id, agent_id, user_id) VALUES (:w, :a, :u) RETURNING id""")
                .param("w", workspace.value()).param("a", agent).param("u", user.id().value()).query(UUID.class).single();
        jdbc.sql("""
                        INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content)
                        SELECT :c, :w, :u, :a, 'USER', :q FROM generate_series(1, :times)""")
                .param("c", conversation).param("w", workspace.value()).param("u", user.id().value()).param("a", agent)
                .param("q", question).param("times", times).update();
    }
}
