package com.sintra.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.OwnRedis;
import com.sintra.cluster.ClusterMessaging;
import com.sintra.cluster.ClusterProperties;

/**
 * Three nodes' run relays on a Redis of the test's own (the run channel's name is fixed, so no other test may
 * hear it); each node's runs are stood in for, so what is checked is what crosses the nodes.
 */
class RedisRunRelayTest {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final OwnRedis redis = OwnRedis.onFreePort();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        redis.stop();
    }

    @Test
    void a_stop_asked_on_one_node_stops_the_run_on_the_node_that_has_it_and_waits_for_its_end() throws Exception {
        redis.start();
        CollaborationId running = new CollaborationId(UUID.randomUUID());
        AgentTurns turnsOnA = mock(AgentTurns.class);
        when(turnsOnA.stop(running)).thenReturn(true);
        when(turnsOnA.awaitEnd(any(), any())).thenReturn(true);
        node(turnsOnA);
        node(mock(AgentTurns.class));
        RedisRunRelay b = node(mock(AgentTurns.class));

        assertThat(b.stop(running, Duration.ofSeconds(5))).isTrue();

        verify(turnsOnA).stop(running);
        verify(turnsOnA).awaitEnd(running, Duration.ofSeconds(5));
    }

    @Test
    void when_no_node_runs_the_collaboration_the_answer_is_no_as_soon_as_every_node_said_so() throws Exception {
        redis.start();
        CollaborationId idle = new CollaborationId(UUID.randomUUID());
        node(mock(AgentTurns.class));
        node(mock(AgentTurns.class));
        RedisRunRelay b = node(mock(AgentTurns.class));

        long started = System.nanoTime();
        assertThat(b.stop(idle, Duration.ofSeconds(10))).isFalse();
        assertThat(b.running(idle)).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_node_asks_the_others_whether_agents_are_at_work() throws Exception {
        redis.start();
        CollaborationId running = new CollaborationId(UUID.randomUUID());
        AgentTurns turnsOnA = mock(AgentTurns.class);
        when(turnsOnA.running(running)).thenReturn(true);
        node(turnsOnA);
        RedisRunRelay b = node(mock(AgentTurns.class));

        assertThat(b.running(running)).isTrue();
    }

    @Test
    void without_redis_a_stop_reaches_no_other_node_and_says_so_at_once() throws Exception {
        redis.start();
        CollaborationId running = new CollaborationId(UUID.randomUUID());
        AgentTurns turnsOnA = mock(AgentTurns.class);
        when(turnsOnA.stop(running)).thenReturn(true);
        node(turnsOnA);
        RedisRunRelay b = node(mock(AgentTurns.class));
        redis.stop();

        long started = System.nanoTime();
        assertThat(b.stop(running, Duration.ofSeconds(10))).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    private RedisRunRelay node(AgentTurns turns) {
        ClusterMessaging messaging = new ClusterMessaging(ClusterProperties.of(redis.url()));
        closing.add(messaging);
        RedisRunRelay relay = new RedisRunRelay(messaging, turns, JSON);
        closing.add(relay::close);
        await().atMost(Duration.ofSeconds(10)).until(messaging::connected);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.numsub(RedisRunRelay.CHANNEL + ":" + messaging.node()) == 1);
        return relay;
    }
}
