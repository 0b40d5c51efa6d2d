package com.sintra.collaboration;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sintra.cluster.ClusterMessaging;

import jakarta.annotation.PreDestroy;

/**
 * Cluster profile: stops and questions about runs travel to every node on one channel
 * ({@code sintra:collaboration:runs}) and each node answers on its own ({@code sintra:collaboration:runs:<node>}),
 * both on the node's one subscriber connection ({@link ClusterMessaging}). A PUBLISH says how many nodes heard
 * the question, so the asking node waits for that many answers (less itself), or for the first that says yes,
 * and never longer than the command timeout plus the end it waits for. Every node answers, running the
 * collaboration or not; a node that runs it stops it as a local stop would (the answer upstream cancelled, the
 * partial answer stored, marked stopped). Redis away: nothing reaches other nodes, and the asking node hears
 * no one at once.
 */
@Component
@Profile("cluster")
class RedisRunRelay implements RunRelay {

    private static final Logger log = LoggerFactory.getLogger(RedisRunRelay.class);
    static final String CHANNEL = "sintra:collaboration:runs";

    enum Action { STOP, ASK }

    record Question(UUID request, String from, Action action, UUID collaboration, long awaitMillis) {
    }

    record Answer(UUID request, boolean yes) {
    }

    /** A question waiting for its answers. */
    private static final class Pending {
        final AtomicBoolean yes = new AtomicBoolean();
        final CountDownLatch answered = new CountDownLatch(1);
        final AtomicLong answers = new AtomicLong();
        volatile long expected = Long.MAX_VALUE;

        void heard(boolean answer) {
            if (answer) {
                yes.set(true);
                answered.countDown();
            } else if (answers.incrementAndGet() >= expected) {
                answered.countDown();
            }
        }

        void expect(long count) {
            expected = count;
            if (count <= 0 || answers.get() >= count) {
                answered.countDown();
            }
        }
    }

    private final ClusterMessaging messaging;
    private final AgentTurns turns;
    private final ObjectMapper json;
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService work;

    RedisRunRelay(ClusterMessaging messaging, AgentTurns turns, ObjectMapper json) {
        this.messaging = messaging;
        this.turns = turns;
        this.json = json;
        this.work = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "collaboration-run-relay");
            thread.setDaemon(true);
            return thread;
        });
        messaging.listen(CHANNEL, this::asked);
        messaging.listen(replies(messaging.node()), this::answered);
    }

    @Override
    public boolean stop(CollaborationId id, Duration awaitEnd) {
        return ask(Action.STOP, id, awaitEnd);
    }

    @Override
    public boolean running(CollaborationId id) {
        return ask(Action.ASK, id, Duration.ZERO);
    }

    @PreDestroy
    void close() {
        messaging.unlisten(CHANNEL);
        messaging.unlisten(replies(messaging.node()));
        work.shutdownNow();
    }

    private boolean ask(Action action, CollaborationId id, Duration awaitEnd) {
        UUID request = UUID.randomUUID();
        Pending question = new Pending();
        pending.put(request, question);
        try {
            String text = json.writeValueAsString(new Question(request, messaging.node(), action, id.value(),
                    awaitEnd.toMillis()));
            long heard = messaging.publishCounted(CHANNEL, text)
                    .get(messaging.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            // This node hears its own question too, and does not answer it.
            question.expect(heard - 1);
            question.answered.await(messaging.commandTimeout().plus(awaitEnd).toMillis(), TimeUnit.MILLISECONDS);
            return question.yes.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return question.yes.get();
        } catch (Exception e) {
            log.debug("A question to the other nodes' runs went unanswered: {}", e.toString());
            return question.yes.get();
        } finally {
            pending.remove(request);
        }
    }

    /** Another node's question: answered off Lettuce's event loop (waiting for a run's end takes a while). */
    private void asked(String message) {
        Question question;
        try {
            question = json.readValue(message, Question.class);
        } catch (JsonProcessingException e) {
            log.warn("Ignored an unreadable question on {}: {}", CHANNEL, e.toString());
            return;
        }
        if (question.from().equals(messaging.node())) {
            return;
        }
        work.execute(() -> {
            CollaborationId id = new CollaborationId(question.collaboration());
            boolean yes = switch (question.action()) {
                case STOP -> {
                    boolean stopped = turns.stop(id);
                    if (stopped && question.awaitMillis() > 0) {
                        turns.awaitEnd(id, Duration.ofMillis(question.awaitMillis()));
                    }
                    yield stopped;
                }
                case ASK -> turns.running(id);
            };
            try {
                messaging.publish(replies(question.from()), json.writeValueAsString(new Answer(question.request(), yes)));
            } catch (JsonProcessingException e) {
                log.warn("Could not answer a question about collaboration {}: {}", id, e.toString());
            }
        });
    }

    private void answered(String message) {
        try {
            Answer answer = json.readValue(message, Answer.class);
            Pending question = pending.get(answer.request());
            if (question != null) {
                question.heard(answer.yes());
            }
        } catch (JsonProcessingException e) {
            log.warn("Ignored an unreadable answer about a run: {}", e.toString());
        }
    }

    private static String replies(String node) {
        return CHANNEL + ":" + node;
    }
}
