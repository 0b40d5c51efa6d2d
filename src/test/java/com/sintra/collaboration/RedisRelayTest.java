package com.sintra.collaboration;

import static com.sintra.collaboration.CollaborationFeedsTest.contents;
import static com.sintra.collaboration.CollaborationFeedsTest.message;
import static com.sintra.collaboration.CollaborationFeedsTest.newId;
import static com.sintra.collaboration.CollaborationFeedsTest.sleep;
import static com.sintra.collaboration.CollaborationFeedsTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.OwnRedis;
import com.sintra.account.UserId;
import com.sintra.agent.AgentId;
import com.sintra.base.Subscription;
import com.sintra.brain.DocumentId;
import com.sintra.chat.Citation;
import com.sintra.cluster.ClusterMessaging;
import com.sintra.cluster.ClusterProperties;
import com.sintra.collaboration.CollaborationMessage.AuthorKind;
import com.sintra.collaboration.CollaborationMessage.Kind;
import com.sintra.collaboration.CollaborationMessage.State;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Two nodes in one test, each a relay and a registry of its own, against the real Redis (SINTRA_REDIS_URL, as
 * scripts/provision starts it). Channels get a prefix of their own per test, so that tests running at once
 * (pub/sub ignores Redis's database numbers) never hear each other. The outage test runs a Redis of its own.
 */
class RedisRelayTest {

    private static final String REDIS_URL = System.getenv().getOrDefault("SINTRA_REDIS_URL", "redis://localhost:6379");
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private final String prefix = "sintra-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void an_event_on_one_node_reaches_that_collaborations_subscribers_on_the_other_and_no_one_else() {
        Node a = node(REDIS_URL);
        Node b = node(REDIS_URL);
        CollaborationId shared = newId();
        CollaborationId other = newId();
        List<FeedUpdate> onA = new CopyOnWriteArrayList<>();
        List<FeedUpdate> onB = new CopyOnWriteArrayList<>();
        List<FeedUpdate> otherOnB = new CopyOnWriteArrayList<>();
        a.subscribe(shared, onA);
        b.subscribe(shared, onB);
        b.subscribe(other, otherOnB);
        awaitSubscribers(shared, 2);
        awaitSubscribers(other, 1);

        CollaborationMessage sent = richMessage(shared);
        a.feeds.publish(shared, new FeedEvent.Changed(sent));
        a.feeds.publish(shared, new FeedEvent.Streamed(new StreamedText(2, 0, "Stream")));

        await().atMost(Duration.ofSeconds(5)).until(() -> contents(onB).contains(sent.content())
                && onB.stream().anyMatch(u -> !u.streamed().isEmpty()));
        assertThat(onB.stream().flatMap(u -> u.messages().stream())).containsExactly(sent);
        assertThat(contents(onA)).containsExactly(sent.content());
        sleep(300);
        assertThat(otherOnB).allSatisfy(update -> {
            assertThat(update.messages()).isEmpty();
            assertThat(update.streamed()).isEmpty();
        });
    }

    @Test
    void each_node_has_one_subscriber_connection_however_many_collaborations_it_follows() {
        Node a = node(REDIS_URL);
        Node b = node(REDIS_URL);
        List<CollaborationId> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            CollaborationId id = newId();
            ids.add(id);
            a.subscribe(id, new CopyOnWriteArrayList<>());
            a.subscribe(id, new CopyOnWriteArrayList<>());
            b.subscribe(id, new CopyOnWriteArrayList<>());
        }
        awaitSubscribers(ids.get(24), 2);

        for (Node node : List.of(a, b)) {
            List<String> connections = clientList().stream()
                    .filter(line -> line.contains(" name=" + node.relay.clientName() + " ")).toList();
            assertThat(connections).as("one subscriber and one command connection").hasSize(2);
            assertThat(connections.stream().filter(line -> field(line, "flags").contains("P")).toList())
                    .singleElement().satisfies(line -> assertThat(field(line, "sub")).isEqualTo("25"));
        }
    }

    @Test
    void a_node_listens_to_a_collaboration_only_while_it_has_subscribers_of_it() {
        Node a = node(REDIS_URL);
        CollaborationId id = newId();
        Subscription first = a.subscribe(id, new CopyOnWriteArrayList<>());
        Subscription second = a.subscribe(id, new CopyOnWriteArrayList<>());
        awaitSubscribers(id, 1);

        first.cancel();
        sleep(200);
        assertThat(subscribers(id)).isEqualTo(1);
        second.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(id) == 0);
        assertThat(a.relay.following()).isZero();
        assertThat(channels()).isEmpty();
    }

    @Test
    void presence_and_typing_travel_between_nodes_and_a_node_that_leaves_takes_its_viewers_along() {
        Node a = node(REDIS_URL);
        Node b = node(REDIS_URL);
        CollaborationId id = newId();
        Viewer ana = viewer("Ana");
        Viewer bo = viewer("Bo");
        List<FeedUpdate> anasFeed = new CopyOnWriteArrayList<>();
        a.feeds.subscribe(id, ana, 0, anasFeed::add, () -> 0);
        awaitSubscribers(id, 1);
        Subscription bos = b.feeds.subscribe(id, bo, 0, update -> {
        }, () -> 0);

        await().atMost(Duration.ofSeconds(5)).until(() -> Set.copyOf(CollaborationFeedsTest.last(anasFeed,
                FeedUpdate::viewers)).equals(Set.of(ana, bo)));
        b.feeds.publish(id, new FeedEvent.Typing(bo, 5000));
        await().atMost(Duration.ofSeconds(5)).until(() -> CollaborationFeedsTest.last(anasFeed, FeedUpdate::typing)
                .equals(List.of(bo)));
        bos.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> CollaborationFeedsTest.last(anasFeed, FeedUpdate::viewers)
                .equals(List.of(ana)));
    }

    @Test
    void without_redis_each_node_serves_its_own_subscribers_and_when_it_returns_they_catch_up() throws Exception {
        OwnRedis redis = OwnRedis.onFreePort();
        closing.add(redis);
        redis.start();
        String url = redis.url();
        Node a = node(url);
        Node b = node(url);
        CollaborationId id = newId();
        List<FeedUpdate> onA = new CopyOnWriteArrayList<>();
        List<FeedUpdate> onB = new CopyOnWriteArrayList<>();
        a.subscribe(id, onA);
        b.subscribe(id, onB);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.numsub(prefix + id) == 2);
        a.feeds.publish(id, new FeedEvent.Changed(message(id, 1, 1, "Before the outage")));
        await().atMost(Duration.ofSeconds(5)).until(() -> contents(onB).contains("Before the outage"));

        redis.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.relay.connected() && !b.relay.connected());
        a.feeds.publish(id, new FeedEvent.Changed(message(id, 2, 2, "During the outage")));
        await().atMost(Duration.ofSeconds(5)).until(() -> contents(onA).contains("During the outage"));
        assertThat(contents(onB)).doesNotContain("During the outage");

        redis.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> onB.stream().anyMatch(FeedUpdate::needsCatchUp)
                && onA.stream().anyMatch(FeedUpdate::needsCatchUp));
        assertThat(onB.stream().filter(FeedUpdate::needsCatchUp).findFirst().orElseThrow().catchUpAfter()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.numsub(prefix + id) == 2);
        a.feeds.publish(id, new FeedEvent.Changed(message(id, 3, 3, "After the outage")));
        await().atMost(Duration.ofSeconds(5)).until(() -> contents(onB).contains("After the outage"));
    }

    @Test
    void the_cluster_profile_relays_through_redis_and_a_single_node_through_nothing() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(RelayBeans.class)
                .withPropertyValues("sintra.cluster.redis-url=" + REDIS_URL,
                        "sintra.collaboration.redis-channel-prefix=" + prefix);

        runner.run(context -> assertThat(context.getBean(FeedRelay.class)).isInstanceOf(SingleNodeRelay.class));
        runner.withPropertyValues("spring.profiles.active=cluster").run(context -> {
            assertThat(context.getBean(FeedRelay.class)).isInstanceOf(RedisRelay.class);
            RedisRelay relay = context.getBean(RedisRelay.class);
            await().atMost(Duration.ofSeconds(10)).until(relay::connected);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CollaborationProperties.class, ClusterProperties.class})
    @Import({SingleNodeRelay.class, RedisRelay.class, CollaborationFeeds.class, ClusterMessaging.class})
    static class RelayBeans {
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** One node's part: its relay and its registry. */
    private record Node(RedisRelay relay, CollaborationFeeds feeds) {

        Subscription subscribe(CollaborationId id, List<FeedUpdate> into) {
            return feeds.subscribe(id, viewer("Viewer"), 0, into::add, () -> 0);
        }
    }

    private Node node(String url) {
        CollaborationProperties properties = FeedsForTests.properties(Duration.ofMillis(100), 1000, prefix);
        ClusterMessaging messaging = new ClusterMessaging(ClusterProperties.of(url));
        RedisRelay relay = new RedisRelay(properties, JSON, messaging);
        CollaborationFeeds feeds = new CollaborationFeeds(properties, relay);
        closing.add(messaging);
        closing.add(feeds::close);
        await().atMost(Duration.ofSeconds(10)).until(relay::connected);
        return new Node(relay, feeds);
    }

    private CollaborationMessage richMessage(CollaborationId id) {
        Citation citation = new Citation(1, new DocumentId(UUID.randomUUID()), "Handbook", "handbook.md", 42, 3,
                "Refunds take five days", 0.81);
        return new CollaborationMessage(id, 1, 1, AuthorKind.USER, new UserId(UUID.randomUUID()), null, "Ana",
                Kind.MESSAGE, State.COMPLETE, "Ask @Researcher about refunds", List.of(new AgentId(UUID.randomUUID())),
                List.of(citation), null, null, null, Instant.now(), Instant.now());
    }

    private void awaitSubscribers(CollaborationId id, long count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> subscribers(id) == count);
    }

    private long subscribers(CollaborationId id) {
        return withRedis(REDIS_URL, redis -> redis.sync().pubsubNumsub(prefix + id).values().iterator().next());
    }

    private List<String> channels() {
        return withRedis(REDIS_URL, redis -> redis.sync().pubsubChannels(prefix + "*"));
    }

    private List<String> clientList() {
        return withRedis(REDIS_URL, redis -> Arrays.asList(redis.sync().clientList().split("\n")));
    }

    private static String field(String clientListLine, String name) {
        return Arrays.stream(clientListLine.split(" ")).filter(f -> f.startsWith(name + "=")).findFirst()
                .map(f -> f.substring(name.length() + 1)).orElse("");
    }

    private static <T> T withRedis(String url, java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection);
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
