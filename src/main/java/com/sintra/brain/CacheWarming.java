package com.sintra.brain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.workspace.WorkspaceId;

import jakarta.annotation.PreDestroy;

/**
 * Loads the caches a fresh node starts without: the embeddings of the questions asked most in the recent past,
 * and the search results of the busiest workspaces' most frequent questions, searched as the Brain view and the
 * API search by default (k 10, every knowledge base), so those repeat from memory. It runs on a thread of its
 * own after the application is ready: Spring marks a node ready to take traffic only once every
 * {@link ApplicationReadyEvent} listener has returned, so warming inline would hold the node out of the load
 * balancer. Bounded by {@code sintra.brain.warming.*} in count and time (docs/decisions/0030).
 * <p>
 * It reads the chat's questions by SQL (the chat module depends on this one, so no call can go that way).
 */
@Component
public class CacheWarming {

    /** The warming searches as the Brain view and the API do when given no k. */
    static final int SEARCH_K = 10;
    static final String FREQUENT_QUESTIONS = """
            SELECT m.workspace_id, m.content, count(*) AS asked
            FROM agent_messages m
            WHERE m.sender = 'USER' AND m.created_at > now() - CAST(:recent AS interval)
              AND length(m.content) <= :maxLength AND btrim(m.content) <> ''
            GROUP BY m.workspace_id, m.content
            ORDER BY asked DESC, m.content LIMIT :limit""";
    private static final Logger log = LoggerFactory.getLogger(CacheWarming.class);

    /**
     * One warming run, as the dashboard shows it.
     *
     * @param questions  distinct recent questions whose embeddings are now cached
     * @param workspaces workspaces whose frequent questions were searched
     * @param searches   search results now cached
     * @param complete   false when it stopped at {@code maxDuration} or failed, with what it had loaded by then
     */
    public record Run(Instant startedAt, Duration took, int questions, int workspaces, int searches, boolean complete) {
    }

    private record Question(WorkspaceId workspace, String text, long asked) {
    }

    private final JdbcClient jdbc;
    private final EmbeddingCache embeddings;
    private final BrainSearch search;
    private final BrainProperties properties;
    private final TransactionTemplate readOnly;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread warming = new Thread(task, "cache-warming");
        warming.setDaemon(true);
        return warming;
    });
    private volatile Run lastRun;

    CacheWarming(JdbcClient jdbc, EmbeddingCache embeddings, BrainSearch search, BrainProperties properties,
                 TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.embeddings = embeddings;
        this.search = search;
        this.properties = properties;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The last run since this node started; empty before the first has finished or when warming is off. */
    public Optional<Run> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        if (properties.warming().enabled()) {
            start();
        }
    }

    /** Starts a run on the warming thread and returns at once. */
    CompletableFuture<Run> start() {
        return CompletableFuture.supplyAsync(this::warm, thread);
    }

    Run warm() {
        BrainProperties.Warming limits = properties.warming();
        Instant started = Instant.now();
        long deadline = System.nanoTime() + limits.maxDuration().toNanos();
        int questions = 0;
        int searches = 0;
        Map<WorkspaceId, List<String>> busiest = new LinkedHashMap<>();
        boolean complete = false;
        try {
            List<Question> frequent = frequentQuestions(limits);
            List<String> texts = frequent.stream().map(q -> EmbeddingCache.normalise(q.text())).distinct()
                    .limit(limits.questions()).toList();
            if (!texts.isEmpty()) {
                embeddings.embedAll(texts);
            }
            questions = texts.size();
            busiest = busiestWorkspaces(frequent, limits);
            complete = true;
            search:
            for (var workspace : busiest.entrySet()) {
                for (String question : workspace.getValue()) {
                    if (System.nanoTime() - deadline > 0) {
                        complete = false;
                        break search;
                    }
                    search.search(workspace.getKey(), new SearchRequest(question, SEARCH_K, List.of(), List.of(), null, null));
                    searches++;
                }
            }
        } catch (RuntimeException e) {
            complete = false;
            log.warn("Cache warming failed after loading what it had: {}", e.toString());
        }
        Run run = new Run(started, Duration.between(started, Instant.now()), questions, busiest.size(), searches, complete);
        lastRun = run;
        log.info("Cache warming took {} ms: {} question embeddings, {} search results of {} workspaces{}",
                run.took().toMillis(), questions, searches, busiest.size(), complete ? "" : " (stopped early)");
        return run;
    }

    private List<Question> frequentQuestions(BrainProperties.Warming limits) {
        // Enough rows for the distinct questions and each busy workspace's own, however they overlap.
        int limit = Math.max(limits.questions(), limits.workspaces() * limits.searchesPerWorkspace()) * 4;
        return readOnly.execute(tx -> {
            // A slow read must not hold a connection long: the deadline, at most, bounds it too.
            jdbc.sql("SELECT set_config('statement_timeout', :ms, true)")
                    .param("ms", String.valueOf(Math.max(1, limits.maxDuration().toMillis()))).query(String.class).single();
            return jdbc.sql(FREQUENT_QUESTIONS).param("recent", limits.recent().toSeconds() + " seconds")
                    .param("maxLength", properties.maxQueryLength()).param("limit", limit)
                    .query((rs, n) -> new Question(new WorkspaceId(rs.getObject("workspace_id", UUID.class)),
                            rs.getString("content"), rs.getLong("asked")))
                    .list();
        });
    }

    /** The workspaces asked most, each with its most frequent questions (as typed, stripped), most asked first. */
    private static Map<WorkspaceId, List<String>> busiestWorkspaces(List<Question> frequent, BrainProperties.Warming limits) {
        Map<WorkspaceId, Long> asked = new LinkedHashMap<>();
        frequent.forEach(q -> asked.merge(q.workspace(), q.asked(), Long::sum));
        Map<WorkspaceId, List<String>> busiest = new LinkedHashMap<>();
        asked.entrySet().stream().sorted(Map.Entry.<WorkspaceId, Long>comparingByValue().reversed())
                .limit(limits.workspaces()).forEach(e -> busiest.put(e.getKey(), new ArrayList<>()));
        for (Question q : frequent) {
            List<String> ofWorkspace = busiest.get(q.workspace());
            String text = q.text().strip();
            if (ofWorkspace != null && ofWorkspace.size() < limits.searchesPerWorkspace() && !ofWorkspace.contains(text)) {
                ofWorkspace.add(text);
            }
        }
        return busiest;
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
