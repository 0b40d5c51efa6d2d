package com.sintra.brain;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

import com.pgvector.PGvector;
import com.sintra.SintraApplication;
import com.sintra.account.UserId;
import com.sintra.workspace.WorkspaceId;

/**
 * Brain search benchmark: NOT a test. Builds (or reuses) a corpus of synthetic, clustered 384-d chunks over many
 * workspaces of skewed sizes plus a slice of real text embedded by the default model, then measures, side by side
 * in one run, what docs/performance.md reports: filtered top-10 latency and recall@10 of the application's search
 * strategies against exact search, the old system's "before" query form, HNSW ef_search, query embedding latency,
 * raw embedding vs ingestion throughput, and index build time and size.
 * <p>
 * It boots the real application context against its own database ({@code sintra_bench}) and uses the real beans
 * and the very SQL the application runs ({@link BrainRepository#SEARCH_EXACT}, {@link BrainRepository#SEARCH_INDEXED},
 * {@link BrainRepository#useHnswSettings}, {@link BrainSearch#strategy}, {@link VectorIndexes#build},
 * {@link DocumentIngestion}). Run it with {@code scripts/bench-brain [--chunks N] [--keep]}.
 */
public final class BrainBenchmark {

    // --- options ---------------------------------------------------------------------------------

    record Options(int chunks, int workspaces, double largestShare, long seed, boolean keep, int queries, int sweepQueries,
                   int realChunks, int throughputChunks, int[] efSweep, double beforeSeconds, String maintenanceWorkMem,
                   Path out, String dbUrl, String dbUser, String dbPassword, List<int[]> indexSweep, boolean defaultMemoryBuild) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            boolean keep = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--keep")) {
                    keep = true;
                } else if (arg.equals("--default-memory-build")) {
                    values.put("default-memory-build", "true");
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    System.out.println(USAGE);
                    System.exit(0);
                } else if (arg.startsWith("--") && arg.contains("=")) {
                    values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else if (arg.startsWith("--") && i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
                }
            }
            int chunks = Integer.parseInt(values.getOrDefault("chunks", "1000000").replace("_", ""));
            int realDefault = Math.max(1000, Math.min(2500, chunks / 400));
            int[] ef = Arrays.stream(values.getOrDefault("ef", "40,100,200,400").split(",")).mapToInt(Integer::parseInt).toArray();
            return new Options(chunks, Integer.parseInt(values.getOrDefault("workspaces", "1000")),
                    Double.parseDouble(values.getOrDefault("largest-share", "0.2")),
                    Long.parseLong(values.getOrDefault("seed", "42")), keep,
                    Integer.parseInt(values.getOrDefault("queries", "200")),
                    Integer.parseInt(values.getOrDefault("sweep-queries", "50")),
                    Integer.parseInt(values.getOrDefault("real-chunks", Integer.toString(realDefault))),
                    Integer.parseInt(values.getOrDefault("throughput-chunks", "1000")), ef,
                    Double.parseDouble(values.getOrDefault("before-seconds", "30")),
                    values.getOrDefault("maintenance-work-mem", "3GB"),
                    Path.of(values.getOrDefault("out", "target/bench-brain.md")),
                    env("SINTRA_BENCH_DB_URL", "jdbc:postgresql://localhost:5432/sintra_bench"),
                    env("SINTRA_DB_USER", "sintra"), env("SINTRA_DB_PASSWORD", "sintra"),
                    values.containsKey("index-sweep") ? Arrays.stream(values.get("index-sweep").split(","))
                            .map(p -> Arrays.stream(p.split(":")).mapToInt(Integer::parseInt).toArray()).toList() : List.of(),
                    values.containsKey("default-memory-build"));
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    static final String USAGE = """
            Usage: BrainBenchmark [--chunks N] [--keep] [options]
              --chunks N              synthetic chunks (default 1000000); the largest workspace holds 20 %
              --keep                  reuse the corpus already in the database when it matches (skip loading)
              --workspaces W          workspaces (default 1000)
              --queries Q             timed queries per workspace in the main table (default 200)
              --sweep-queries Q       queries per workspace in the size sweep (default 50)
              --real-chunks R         chunks of real text embedded into the largest workspace (default N/400, 1000..2500)
              --throughput-chunks T   chunks of real text for raw embedding vs ingestion throughput (default 1000)
              --ef 40,100,200,400     hnsw.ef_search values to sweep in the largest workspace
              --before-seconds S      time budget per workspace for the slow "before" query form (default 30)
              --maintenance-work-mem  for index builds (default 3GB)
              --index-sweep 24:64,32:64  also rebuild the largest workspace's own index with these m:ef_construction
                                      (in a rolled-back transaction) and measure its ef_search sweep
              --default-memory-build  also time one own-index build with the server's default maintenance_work_mem
              --out FILE              Markdown results (default target/bench-brain.md)
            Database: SINTRA_BENCH_DB_URL (default jdbc:postgresql://localhost:5432/sintra_bench), SINTRA_DB_USER, SINTRA_DB_PASSWORD""";

    /** The old system's "before" form: similarity in WHERE and ORDER BY, SELECT *, no usable vector index. */
    static final String BEFORE_SQL = """
            SELECT *, 1 - (embedding <=> ?) AS similarity
            FROM brain_chunks
            WHERE workspace_id = ?
              AND active = true
              AND embedding IS NOT NULL
              AND 1 - (embedding <=> ?) >= ?
            ORDER BY similarity DESC
            LIMIT ?""";

    static final String SHARED_INDEX = "brain_chunks_embedding_hnsw_idx";
    static final String SHARED_INDEX_DDL_FALLBACK =
            "CREATE INDEX brain_chunks_embedding_hnsw_idx ON brain_chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)";
    static final int K = 10;
    static final int WARM_UP = 20;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options = Options.parse(args);
        Instant started = Instant.now();
        log("Brain benchmark: %,d chunks over %d workspaces, database %s%s", options.chunks(), options.workspaces(),
                options.dbUrl(), options.keep() ? " (--keep)" : "");
        String database = databaseName(options.dbUrl());
        if (database.equals("sintra") || database.startsWith("sintra_test")) {
            throw new IllegalArgumentException("Refusing to run against database " + database
                    + ": it belongs to the application or its tests; use sintra_bench");
        }
        prepareDatabase(options);
        // Command-line arguments outrank application.properties (whose ${SINTRA_DB_URL:...} would otherwise win):
        // the context, Flyway included, must only ever see the bench database.
        List<String> properties = new ArrayList<>(List.of(
                "--spring.datasource.url=" + options.dbUrl(),
                "--spring.datasource.username=" + options.dbUser(),
                "--spring.datasource.password=" + options.dbPassword(),
                "--spring.flyway.url=" + options.dbUrl(),
                "--spring.flyway.user=" + options.dbUser(),
                "--spring.flyway.password=" + options.dbPassword(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.main.banner-mode=off",
                "--sintra.demo.enabled=false",
                "--sintra.account.admin-email=admin@bench.sintra",
                "--sintra.account.admin-password=bench-admin-password-not-secret",
                "--logging.level.root=WARN",
                "--vaadin.launch-browser=false"));
        // A web application context without a server (what @SpringBootTest's MOCK environment gives the tests): Vaadin
        // and security need a WebApplicationContext, but nothing here serves HTTP.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SintraApplication.class)
                .web(WebApplicationType.SERVLET)
                .contextFactory(type -> new GenericWebApplicationContext(new MockServletContext()))
                .initializers(c -> c.getBeanFactory().registerSingleton("benchExcludeTestClasses", new ExcludeTestClasses()))
                .run(properties.toArray(String[]::new));
        String connected = context.getBean(JdbcTemplate.class).queryForObject("SELECT current_database()", String.class);
        if (!database.equals(connected)) {
            context.close();
            throw new IllegalStateException("The application connected to " + connected + ", not " + database);
        }
        int status = 0;
        try {
            new BrainBenchmark(context, options, started).run();
        } catch (Exception | Error e) {
            status = 1;
            e.printStackTrace();
        } finally {
            context.close();
        }
        System.exit(status);
    }

    /**
     * Test classes are on the classpath, but are not part of the application: keep them out of component scanning,
     * as the test framework's own filter does in tests.
     */
    static final class ExcludeTestClasses extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            if (reader.getAnnotationMetadata().isAnnotated("org.springframework.boot.test.context.TestComponent")) {
                return true;
            }
            String location = reader.getResource().getDescription();
            return location != null && location.contains("test-classes");
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }

    static String databaseName(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://[^/]*/", "");
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** Index builds get memory and one parallel worker on every connection, including the application's pool. */
    private static void prepareDatabase(Options options) throws SQLException {
        try (Connection c = DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
            s.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET maintenance_work_mem = %L', current_database(), '"
                    + options.maintenanceWorkMem().replace("'", "") + "');"
                    + " EXECUTE format('ALTER DATABASE %I SET max_parallel_maintenance_workers = 1', current_database()); END $$");
        }
    }

    // --- state -----------------------------------------------------------------------------------

    private final Options options;
    private final Instant started;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final BrainRepository brain;
    private final BrainSearch search;
    private final BrainProperties properties;
    private final VectorIndexes vectorIndexes;
    private final EmbeddingModel model;
    private final TextExtractor extractor;
    private final DocumentIngestion ingestion;
    private final Ingestions ingestions;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;
    private final BenchCorpus corpus;
    private final BenchReport report = new BenchReport();
    private final Map<String, String> meta = new LinkedHashMap<>();
    private final UUID owner = BenchCorpus.id("user", 0);
    private final UUID realKnowledgeBase = BenchCorpus.id("kb-real", 0);

    private BenchRealText.Slice realText;
    private List<float[]> realQueryVectors;
    private String signature;

    private BrainBenchmark(ConfigurableApplicationContext context, Options options, Instant started) {
        this.options = options;
        this.started = started;
        this.dataSource = context.getBean(DataSource.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.client = context.getBean(JdbcClient.class);
        this.brain = context.getBean(BrainRepository.class);
        this.search = context.getBean(BrainSearch.class);
        this.properties = context.getBean(BrainProperties.class);
        this.vectorIndexes = context.getBean(VectorIndexes.class);
        this.model = context.getBean(EmbeddingModel.class);
        this.extractor = context.getBean(TextExtractor.class);
        this.ingestion = context.getBean(DocumentIngestion.class);
        this.ingestions = context.getBean(Ingestions.class);
        PlatformTransactionManager transactions = context.getBean(PlatformTransactionManager.class);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readWrite = new TransactionTemplate(transactions);
        log("Generating the corpus model (seed %d)", options.seed());
        this.corpus = new BenchCorpus(options.chunks(), options.workspaces(), options.largestShare(), options.seed());
    }

    private void run() throws Exception {
        report.machine(machine());
        log("Reading real text from the machine");
        Chunker chunker = new Chunker(properties.chunkTokens(), properties.chunkOverlapTokens());
        realText = BenchRealText.load(chunker, extractor, options.realChunks(), options.queries(), 600, options.seed());
        log("Real text: %d documents, %,d chunks; %d sentence queries, %d short queries", realText.docs().size(),
                realText.chunkCount(), realText.queries().size(), realText.shortQueries().size());
        long loadStart = System.nanoTime();
        model.embed("warm up the model");
        log("Embedding model ready in %.1f s", seconds(System.nanoTime() - loadStart));

        signature = "generator=%d chunks=%d workspaces=%d share=%s seed=%d real=%d shape=%s".formatted(
                BenchCorpus.GENERATOR_VERSION, options.chunks(), options.workspaces(), options.largestShare(),
                options.seed(), realText.chunkCount(), corpus.shape);
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)");
        jdbc.query("SELECT key, value FROM bench_meta ORDER BY key", rs -> {
            meta.put(rs.getString(1), rs.getString(2));
        });
        boolean reuse = options.keep() && corpusPresent();
        if (reuse) {
            log("Reusing the corpus in the database (--keep)");
        } else {
            if (options.keep()) {
                log("--keep: no matching corpus in the database, loading one");
            }
            load();
        }
        report.corpus(describeCorpus(reuse));
        report.builds(buildTable());

        log("Measuring query embedding latency");
        measureQueryEmbedding("start");
        log("Embedding the real-text queries");
        realQueryVectors = realText.queries().stream().map(model::embed).toList();
        log("Measuring raw embedding and ingestion throughput");
        WorkspaceId ingested = measureIngestion();

        log("Measuring search");
        measureSearch(ingested);
        log("Sweeping workspace sizes");
        sizeSweep();
        log("Sweeping hnsw.ef_search in the largest workspace");
        efSweep();
        if (!options.indexSweep().isEmpty()) {
            log("Rebuilding the largest workspace's own index with other parameters");
            indexSweep();
        }
        if (options.defaultMemoryBuild()) {
            log("Timing an own-index build with the server's default maintenance_work_mem");
            defaultMemoryBuild();
        }
        log("Comparing similarity profiles with real embeddings");
        calibration();
        measureQueryEmbedding("end");
        report.sizes(sizeTable());
        report.finish(Duration.between(started, Instant.now()), loadAverage());

        String markdown = report.markdown(options, properties);
        Path out = options.out();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown);
        System.out.println();
        System.out.println(markdown);
        log("Results written to %s", out.toAbsolutePath());
    }

    // --- corpus ------------------------------------------------------------------------------------

    private boolean corpusPresent() {
        if (!signature.equals(meta.get("corpus"))) {
            return false;
        }
        Long shared = jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname = ?", Long.class, SHARED_INDEX);
        Long missing = jdbc.queryForObject("""
                SELECT count(*) FROM brain_workspace_state s
                WHERE s.vector_index IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_indexes i WHERE i.indexname = s.vector_index)""",
                Long.class);
        return shared != null && shared == 1 && missing != null && missing == 0;
    }

    private void load() throws Exception {
        log("Clearing the bench database");
        jdbc.update("DELETE FROM bench_meta");
        meta.clear();
        for (String index : jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'brain_chunks' AND indexname LIKE 'brain_chunks_hnsw_%'",
                String.class)) {
            jdbc.execute("DROP INDEX IF EXISTS " + index);
        }
        jdbc.execute("DROP INDEX IF EXISTS " + SHARED_INDEX);
        jdbc.execute("TRUNCATE brain_chunks, brain_documents, brain_workspace_state, knowledge_bases, workspace_members,"
                + " workspaces CASCADE");
        jdbc.update("DELETE FROM users WHERE email LIKE '%@bench-data.sintra'");

        // Raw embedding of the real slice (its vectors go into the largest workspace).
        List<String> texts = realText.chunkTexts();
        long embedStart = System.nanoTime();
        List<float[]> realVectors = embedRaw(texts);
        double embedSeconds = seconds(System.nanoTime() - embedStart);
        meta.put("load.realEmbed", "%d chunks in %.1f s = %.1f chunks/s".formatted(texts.size(), embedSeconds,
                texts.size() / embedSeconds));
        log("Embedded the real slice: %s", meta.get("load.realEmbed"));

        log("Creating %d workspaces", corpus.workspaces);
        jdbc.update("INSERT INTO users (id, email, display_name, password_hash, role) VALUES (?, ?, ?, ?, 'USER')",
                owner, "owner@bench-data.sintra", "Benchmark owner", "{noop}not-a-login");
        List<Object[]> workspaces = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        List<Object[]> kbs = new ArrayList<>();
        for (int w = 0; w < corpus.workspaces; w++) {
            UUID ws = BenchCorpus.workspaceId(w);
            workspaces.add(new Object[] {ws, "Bench workspace %d (%d chunks)".formatted(w, corpus.workspaceSize[w]), owner});
            members.add(new Object[] {ws, owner});
            kbs.add(new Object[] {BenchCorpus.knowledgeBaseId(w), ws, "Documents", owner});
        }
        kbs.add(new Object[] {realKnowledgeBase, BenchCorpus.workspaceId(0), "Manual pages", owner});
        jdbc.batchUpdate("INSERT INTO workspaces (id, name, created_by) VALUES (?, ?, ?)", workspaces);
        jdbc.batchUpdate("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'OWNER')", members);
        jdbc.batchUpdate("INSERT INTO knowledge_bases (id, workspace_id, name, created_by) VALUES (?, ?, ?, ?)", kbs);

        log("Loading %,d documents and %,d + %,d chunks with COPY", corpus.documents(), corpus.chunks, texts.size());
        long copyStart = System.nanoTime();
        copyDocuments();
        long rows = copyChunks(realVectors);
        double copySeconds = seconds(System.nanoTime() - copyStart);
        meta.put("load.copy", "%d rows in %.1f s = %.0f rows/s".formatted(rows, copySeconds, rows / copySeconds));
        log("Loaded: %s", meta.get("load.copy"));

        long vacuumStart = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE) brain_chunks");
        jdbc.execute("VACUUM (ANALYZE) brain_documents");
        jdbc.execute("ANALYZE workspaces");
        jdbc.execute("ANALYZE knowledge_bases");
        meta.put("load.vacuum", "%.1f s".formatted(seconds(System.nanoTime() - vacuumStart)));

        List<Object[]> states = new ArrayList<>();
        for (int w = 0; w < corpus.workspaces; w++) {
            long count = corpus.workspaceSize[w] + (w == 0 ? texts.size() : 0);
            states.add(new Object[] {BenchCorpus.workspaceId(w), count});
        }
        jdbc.batchUpdate("INSERT INTO brain_workspace_state (workspace_id, version, chunk_count) VALUES (?, 1, ?)", states);

        buildIndexes();
        jdbc.execute("ANALYZE brain_chunks");
        meta.put("corpus", signature);
        meta.put("corpus.loadedAt", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        for (Map.Entry<String, String> e : meta.entrySet()) {
            jdbc.update("INSERT INTO bench_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    e.getKey(), e.getValue());
        }
    }

    private void copyDocuments() throws SQLException {
        StringBuilder out = new StringBuilder(8 << 20);
        for (int d = 0; d < corpus.documents(); d++) {
            int w = corpus.docWorkspace[d];
            UUID id = BenchCorpus.documentId(d);
            out.append(id).append('\t').append(BenchCorpus.workspaceId(w)).append('\t').append(BenchCorpus.knowledgeBaseId(w))
                    .append("\tSynthetic document ").append(d).append(" on topic ").append(corpus.docTopic[d])
                    .append("\tbench://synthetic/").append(d).append("\ttext/plain\t").append(corpus.docChunks[d] * 1200L)
                    .append('\t').append(id).append('\t').append(corpus.docChunks[d]).append('\t').append(owner).append('\n');
        }
        List<BenchRealText.Doc> docs = realText.docs();
        for (int k = 0; k < docs.size(); k++) {
            BenchRealText.Doc doc = docs.get(k);
            UUID id = BenchCorpus.id("real-doc", k);
            out.append(id).append('\t').append(BenchCorpus.workspaceId(0)).append('\t').append(realKnowledgeBase).append('\t')
                    .append(BenchCorpus.copyText(doc.name())).append("\tbench://real/").append(BenchCorpus.copyText(doc.name()))
                    .append("\ttext/plain\t").append(doc.text().length()).append('\t').append(DocumentIngestion.sha256(
                            doc.text().getBytes(StandardCharsets.UTF_8))).append('\t').append(doc.chunks().size()).append('\t')
                    .append(owner).append('\n');
        }
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY brain_documents (id, workspace_id, knowledge_base_id, title, source, media_type, size_bytes,
                                          content_hash, chunk_count, created_by) FROM STDIN""",
                    new java.io.StringReader(out.toString()));
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }

    private record Block(byte[] bytes, int rows) {
    }

    private static final Block END = new Block(new byte[0], 0);

    /**
     * Streams chunks to COPY: a generator thread formats vector literals while PostgreSQL parses the previous block.
     * Documents are written in a shuffled order, so a workspace's chunks are spread over the table as they would be
     * after months of uploads to many workspaces (clustering them would flatter the scans that read whole workspaces).
     */
    private long copyChunks(List<float[]> realVectors) throws Exception {
        int[] order = java.util.stream.IntStream.range(0, corpus.documents()).toArray();
        Random shuffle = new Random(options.seed() + 1);
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        BlockingQueue<Block> queue = new ArrayBlockingQueue<>(16);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                StringBuilder out = new StringBuilder(2 << 20);
                int rows = 0;
                for (int d : order) {
                    float[][] vectors = corpus.documentVectors(d);
                    int w = corpus.docWorkspace[d];
                    String prefix = BenchCorpus.documentId(d) + "\t" + BenchCorpus.workspaceId(w) + "\t"
                            + BenchCorpus.knowledgeBaseId(w) + "\t";
                    for (int p = 0; p < vectors.length; p++) {
                        out.append(prefix).append(p).append("\tPassage ").append(p).append(" of synthetic document ").append(d)
                                .append(" (topic ").append(corpus.docTopic[d]).append(")\t200\t");
                        BenchCorpus.appendVector(out, vectors[p]);
                        out.append('\n');
                        rows++;
                    }
                    if (out.length() > (1 << 20)) {
                        queue.put(new Block(out.toString().getBytes(StandardCharsets.UTF_8), rows));
                        out.setLength(0);
                        rows = 0;
                    }
                }
                List<BenchRealText.Doc> docs = realText.docs();
                int v = 0;
                for (int k = 0; k < docs.size(); k++) {
                    String prefix = BenchCorpus.id("real-doc", k) + "\t" + BenchCorpus.workspaceId(0) + "\t" + realKnowledgeBase + "\t";
                    for (Chunk chunk : docs.get(k).chunks()) {
                        out.append(prefix).append(chunk.position()).append('\t').append(BenchCorpus.copyText(chunk.content()))
                                .append('\t').append(chunk.tokenCount()).append('\t');
                        BenchCorpus.appendVector(out, realVectors.get(v++));
                        out.append('\n');
                        rows++;
                    }
                }
                queue.put(new Block(out.toString().getBytes(StandardCharsets.UTF_8), rows));
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "bench-copy-producer");
        producer.setDaemon(true);
        producer.start();

        String sql = "COPY brain_chunks (document_id, workspace_id, knowledge_base_id, position, content, token_count, embedding)"
                + " FROM STDIN";
        long total = 0;
        long inBatch = 0;
        long lastLog = System.nanoTime();
        long start = System.nanoTime();
        int batch = 100_000;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            var copyApi = c.unwrap(PGConnection.class).getCopyAPI();
            CopyIn copy = null;
            for (Block block = queue.take(); block != END; block = queue.take()) {
                if (copy == null) {
                    copy = copyApi.copyIn(sql);
                }
                copy.writeToCopy(block.bytes(), 0, block.bytes().length);
                total += block.rows();
                inBatch += block.rows();
                if (inBatch >= batch) {
                    copy.endCopy();
                    copy = null;
                    inBatch = 0;
                }
                if (System.nanoTime() - lastLog > 15_000_000_000L) {
                    lastLog = System.nanoTime();
                    log("  %,d rows (%.0f rows/s)", total, total / seconds(lastLog - start));
                }
            }
            if (copy != null) {
                copy.endCopy();
            }
        }
        producer.join();
        if (failure.get() != null) {
            throw new IllegalStateException("Generating chunks failed", failure.get());
        }
        return total;
    }

    private void buildIndexes() throws SQLException {
        String ddl = sharedIndexDdl();
        log("Building the shared HNSW index: %s", ddl);
        long start = System.nanoTime();
        List<String> notices = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '" + options.maintenanceWorkMem().replace("'", "") + "'");
            s.execute("SET max_parallel_maintenance_workers = 1");
            s.execute(ddl);
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                notices.add(w.getMessage());
            }
            s.execute("RESET maintenance_work_mem");
            s.execute("RESET max_parallel_maintenance_workers");
        }
        double seconds = seconds(System.nanoTime() - start);
        long rows = options.chunks() + realText.chunkCount();
        meta.put("build.shared", "%s|%d|%.1f|%s".formatted(SHARED_INDEX, rows, seconds, String.join(" / ", notices)));
        log("Shared index built in %.1f s%s", seconds, notices.isEmpty() ? "" : " (" + notices + ")");

        // Every workspace past the exact-scan limit gets its own partial index, through the application's own code.
        for (int w = 0; w < corpus.workspaces; w++) {
            long size = corpus.workspaceSize[w] + (w == 0 ? realText.chunkCount() : 0);
            if (size <= properties.exactScanLimit()) {
                continue;
            }
            WorkspaceId ws = new WorkspaceId(BenchCorpus.workspaceId(w));
            long t = System.nanoTime();
            vectorIndexes.build(ws);
            double s = seconds(System.nanoTime() - t);
            String name = brain.state(ws).vectorIndex();
            if (name == null) {
                throw new IllegalStateException("VectorIndexes.build failed for workspace " + w + "; see the log");
            }
            meta.put("build.ws%04d".formatted(w), "%s|%d|%.1f|".formatted(name, size, s));
            log("  own index of workspace %d (%,d chunks) built in %.1f s", w, size, s);
        }
    }

    private String sharedIndexDdl() {
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__foundation.sql")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("CREATE INDEX " + SHARED_INDEX)) {
                        return line.replaceAll(";\\s*$", "");
                    }
                }
            }
        } catch (IOException e) {
            // fall back to the known DDL
        }
        return SHARED_INDEX_DDL_FALLBACK;
    }

    // --- embedding and ingestion ---------------------------------------------------------------------

    /** The model itself, in batches of the size ingestion uses, no cache. */
    private List<float[]> embedRaw(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        int batch = properties.embeddingBatchSize();
        for (int from = 0; from < texts.size(); from += batch) {
            vectors.addAll(model.embedAll(texts.subList(from, Math.min(texts.size(), from + batch))));
        }
        return vectors;
    }

    /** Short queries as people type them, each different (no cache could help); run at the start and at the end. */
    private void measureQueryEmbedding(String when) {
        List<String> all = realText.shortQueries();
        List<String> queries = when.equals("start") ? all.subList(0, all.size() / 2) : all.subList(all.size() / 2, all.size());
        int warm = Math.min(30, queries.size() / 6);
        for (String q : queries.subList(0, warm)) {
            model.embed(q);
        }
        String load = loadAverage();
        List<Double> millis = new ArrayList<>();
        for (String q : queries.subList(warm, queries.size())) {
            long t = System.nanoTime();
            model.embed(q);
            millis.add(ms(System.nanoTime() - t));
        }
        Stats short_ = Stats.of(millis);
        List<Double> sentenceMillis = new ArrayList<>();
        for (String q : realText.queries().subList(0, Math.min(100, realText.queries().size()))) {
            long t = System.nanoTime();
            model.embed(q);
            sentenceMillis.add(ms(System.nanoTime() - t));
        }
        report.embedding(when, load, short_, Stats.of(sentenceMillis),
                queries.subList(warm, queries.size()).stream().mapToInt(q -> q.split("\\s+").length).average().orElse(0),
                realText.queries().stream().mapToInt(q -> q.split("\\s+").length).average().orElse(0));
        log("Query embedding (%s, load %s): median %.2f ms, p95 %.2f ms", when, load, short_.p50(), short_.p95());
    }

    /**
     * Raw: the model on the chunk texts in batches of embeddingBatchSize. Ingestion: the same documents through the
     * application's pipeline — extract (as BrainService.ingest does before queueing), then Ingestions + DocumentIngestion
     * (chunk, embed through the cache, store document and chunks in one transaction), on its own pool of threads.
     * The documents go in four waves, each measured raw and through ingestion back to back (alternating which goes
     * first), so drift on a shared machine affects both alike.
     */
    private WorkspaceId measureIngestion() throws InterruptedException {
        List<BenchRealText.Doc> docs = new ArrayList<>();
        int chunks = 0;
        for (BenchRealText.Doc doc : realText.docs()) {
            if (chunks >= options.throughputChunks()) {
                break;
            }
            docs.add(doc);
            chunks += doc.chunks().size();
        }
        List<String> texts = docs.stream().flatMap(d -> d.chunks().stream()).map(Chunk::content).toList();

        UUID run = UUID.randomUUID();
        WorkspaceId workspace = new WorkspaceId(run);
        KnowledgeBaseId kb = new KnowledgeBaseId(BenchCorpus.id("kb-ingest", run.getLeastSignificantBits()));
        jdbc.update("INSERT INTO users (id, email, display_name, password_hash, role) VALUES (?, ?, ?, ?, 'USER') ON CONFLICT DO NOTHING",
                owner, "owner@bench-data.sintra", "Benchmark owner", "{noop}not-a-login");
        jdbc.update("INSERT INTO workspaces (id, name, created_by) VALUES (?, ?, ?)", run,
                "Ingestion run " + DateTimeFormatter.ISO_INSTANT.format(Instant.now()), owner);
        jdbc.update("INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (?, ?, 'OWNER')", run, owner);
        jdbc.update("INSERT INTO knowledge_bases (id, workspace_id, name, created_by) VALUES (?, ?, ?, ?)", kb.value(), run,
                "Manual pages", owner);

        Map<UUID, long[]> stages = new ConcurrentHashMap<>();
        Map<UUID, IngestionProgress> outcome = new ConcurrentHashMap<>();
        AtomicReference<CountDownLatch> wave = new AtomicReference<>();
        Runnable unsubscribe = ingestions.subscribe(workspace, p -> {
            long now = System.nanoTime();
            long[] at = stages.computeIfAbsent(p.jobId(), id -> new long[3]);
            if (p.stage() == IngestionProgress.Stage.STORING) {
                at[1] = now;
            }
            if (p.stage().finished() && outcome.putIfAbsent(p.jobId(), p) == null) {
                at[2] = now;
                wave.get().countDown();
            }
        });
        UserId creator = new UserId(owner);
        int waves = 4;
        long rawNanos = 0;
        long ingestNanos = 0;
        for (int w = 0; w < waves; w++) {
            List<BenchRealText.Doc> slice = docs.subList(w * docs.size() / waves, (w + 1) * docs.size() / waves);
            List<String> sliceTexts = slice.stream().flatMap(d -> d.chunks().stream()).map(Chunk::content).toList();
            for (int step = 0; step < 2; step++) {
                boolean rawNow = (step == 0) == (w % 2 == 0);
                long start = System.nanoTime();
                if (rawNow) {
                    embedRaw(sliceTexts);
                    rawNanos += System.nanoTime() - start;
                    continue;
                }
                wave.set(new CountDownLatch(slice.size()));
                for (BenchRealText.Doc doc : slice) {
                    byte[] content = doc.text().getBytes(StandardCharsets.UTF_8);
                    ExtractedText extracted = extractor.extract(content, doc.name(), "text/plain");
                    IngestionTask task = new IngestionTask(workspace, kb, creator, doc.name(), content, extracted, null,
                            List.of(), null);
                    ingestions.start(workspace, kb, doc.name(), job -> {
                        // When the job starts running (hash, chunking and embedding follow; STORING ends embedding).
                        stages.computeIfAbsent(job.progress().jobId(), id -> new long[3])[0] = System.nanoTime();
                        ingestion.run(job, task);
                    });
                }
                if (!wave.get().await(30, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("Ingestion did not finish in 30 minutes");
                }
                ingestNanos += System.nanoTime() - start;
            }
        }
        unsubscribe.run();

        long failed = outcome.values().stream().filter(p -> p.stage() != IngestionProgress.Stage.DONE).count();
        Long stored = jdbc.queryForObject("SELECT count(*) FROM brain_chunks WHERE workspace_id = ?", Long.class, run);
        long storeNanos = stages.values().stream().filter(a -> a[1] > 0).mapToLong(a -> a[2] - a[1]).sum();
        long embedNanos = stages.values().stream().filter(a -> a[0] > 0 && a[1] > 0).mapToLong(a -> a[1] - a[0]).sum();
        StoreCost cost = storeCost(workspace);
        double raw = texts.size() / seconds(rawNanos);
        double ingest = (stored == null ? 0 : stored) / seconds(ingestNanos);
        report.throughput(new BenchReport.Throughput(texts.size(), docs.size(), raw, ingest, seconds(ingestNanos),
                seconds(embedNanos), seconds(storeNanos), failed, stored == null ? 0 : stored, meta.get("load.realEmbed"),
                texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0), cost.shared(), cost.both(),
                cost.none(), cost.rows()));
        log("Raw %.1f chunks/s, ingestion %.1f chunks/s (%d documents, %d failed)", raw, ingest, docs.size(), failed);
        jdbc.execute("ANALYZE brain_chunks");
        return workspace;
    }

    record StoreCost(int rows, double shared, double both, double none) {
    }

    /**
     * What storing costs per chunk, by the vector indexes an INSERT must maintain: the same real chunks inserted
     * (in transactions that are rolled back) into a small workspace (shared HNSW index only), into the largest
     * workspace (shared index and its own partial index), and into the small workspace with the shared index
     * dropped inside the transaction (b-tree indexes only).
     */
    private StoreCost storeCost(WorkspaceId small) {
        int rows = 500;
        WorkspaceId largest = new WorkspaceId(BenchCorpus.workspaceId(0));
        double shared = insertMillis(small, rows, false);
        double both = insertMillis(largest, rows, false);
        double none = insertMillis(small, rows, true);
        log("Store cost per chunk: shared index %.2f ms, shared + own %.2f ms, no vector index %.2f ms", shared / rows,
                both / rows, none / rows);
        return new StoreCost(rows, shared / rows, both / rows, none / rows);
    }

    private double insertMillis(WorkspaceId ws, int rows, boolean dropShared) {
        Double millis = readWrite.execute(tx -> {
            try {
                if (dropShared) {
                    jdbc.execute("DROP INDEX " + SHARED_INDEX);
                }
                UUID kb = jdbc.queryForObject("SELECT id FROM knowledge_bases WHERE workspace_id = ? ORDER BY id LIMIT 1",
                        UUID.class, ws.value());
                UUID doc = UUID.randomUUID();
                jdbc.update("INSERT INTO brain_documents (id, workspace_id, knowledge_base_id, title, media_type, size_bytes,"
                        + " content_hash, created_by) VALUES (?, ?, ?, 'store cost probe', 'text/plain', 0, ?, ?)",
                        doc, ws.value(), kb, doc.toString(), owner);
                // The source rows are read first, so only the INSERT is timed.
                jdbc.execute("CREATE TEMP TABLE bench_store_probe ON COMMIT DROP AS SELECT content, token_count, embedding"
                        + " FROM brain_chunks WHERE workspace_id = '" + BenchCorpus.workspaceId(0) + "' AND knowledge_base_id = '"
                        + realKnowledgeBase + "' ORDER BY id LIMIT " + rows);
                long t = System.nanoTime();
                jdbc.update("INSERT INTO brain_chunks (document_id, workspace_id, knowledge_base_id, position, content,"
                        + " token_count, embedding) SELECT ?, ?, ?, (row_number() OVER () - 1)::int, content, token_count,"
                        + " embedding FROM bench_store_probe", doc, ws.value(), kb);
                return ms(System.nanoTime() - t);
            } finally {
                tx.setRollbackOnly();
            }
        });
        return millis == null ? Double.NaN : millis;
    }

    // --- search ------------------------------------------------------------------------------------

    /** One measured form of search over a query set. */
    record Result(String form, Stats latency, double recall, int shortResults, int queries, String plan) {
    }

    private final class Timed {
        final List<Double> millis = new ArrayList<>();
        double recallSum;
        int shortResults;
        int n;

        void add(long nanos, List<SearchHit> hits, List<SearchHit> exact) {
            millis.add(ms(nanos));
            recallSum += recall(hits, exact);
            if (hits.size() < Math.min(K, exact.size())) {
                shortResults++;
            }
            n++;
        }

        Result result(String form, String plan) {
            return new Result(form, Stats.of(millis), n == 0 ? Double.NaN : recallSum / n, shortResults, n, plan);
        }
    }

    private static double recall(List<SearchHit> hits, List<SearchHit> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        int k = Math.min(K, exact.size());
        double threshold = exact.get(k - 1).score() - 1e-6;
        long found = hits.stream().limit(K).filter(h -> h.score() >= threshold).count();
        return Math.min(1.0, (double) found / k);
    }

    private List<SearchHit> exact(WorkspaceId ws, float[] q) {
        return readOnly.execute(tx -> brain.search(BrainRepository.SEARCH_EXACT, ws, q, K, List.of(), null));
    }

    /** What BrainSearch.run does for its index strategies: transaction-local HNSW settings, then the indexed form. */
    private List<SearchHit> indexed(WorkspaceId ws, float[] q, int ef) {
        return readOnly.execute(tx -> {
            brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
            return brain.search(BrainRepository.SEARCH_INDEXED, ws, q, K, List.of(), null);
        });
    }

    private int before(WorkspaceId ws, float[] q) {
        PGvector v = new PGvector(q);
        return jdbc.query(BEFORE_SQL, rs -> {
            int rows = 0;
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                rows++;
            }
            return rows;
        }, v, ws.value(), v, 0.0, K);
    }

    /** The index the planner picks for the indexed form (or "none"), read from EXPLAIN with the same settings. */
    private String plan(WorkspaceId ws, float[] q, int ef, boolean hideOwnIndex) {
        return inTransaction(hideOwnIndex ? ws : null, () -> {
            brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
            List<String> lines = client.sql("EXPLAIN " + BrainRepository.SEARCH_INDEXED).param("workspace", ws.value())
                    .param("query", new PGvector(q)).param("k", K).param("knowledgeBases", null).param("documentFilter", null)
                    .query(String.class).list();
            for (String line : lines) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Index Scan using (\\S+)").matcher(line);
                if (m.find() && (m.group(1).startsWith("brain_chunks_hnsw_") || m.group(1).equals(SHARED_INDEX))) {
                    return m.group(1).equals(SHARED_INDEX) ? "shared HNSW" : "own HNSW";
                }
            }
            return lines.stream().anyMatch(l -> l.contains("Bitmap") || l.contains("brain_chunks_workspace_active_idx"))
                    ? "workspace btree + sort (exact)" : "seq scan";
        });
    }

    /**
     * Runs work in a transaction that is rolled back; with {@code hideOwnIndexOf}, the workspace's own index is dropped
     * inside it first, so the planner can only use the shared index (the state before the own index is built).
     */
    private <T> T inTransaction(WorkspaceId hideOwnIndexOf, Supplier<T> work) {
        return readWrite.execute(tx -> {
            if (hideOwnIndexOf != null) {
                String own = ownIndex(hideOwnIndexOf);
                if (own != null) {
                    jdbc.execute("DROP INDEX " + own);
                }
            }
            try {
                return work.get();
            } finally {
                tx.setRollbackOnly();
            }
        });
    }

    private String ownIndex(WorkspaceId ws) {
        String name = VectorIndexes.indexName(ws);
        Long n = jdbc.queryForObject("SELECT count(*) FROM pg_indexes WHERE indexname = ?", Long.class, name);
        return n != null && n > 0 ? name : null;
    }

    /** The last workspace's timed queries and their exact results, for the ef_search sweep. */
    private List<float[]> lastQueries;
    private List<float[]> lastWarmUp;
    private List<List<SearchHit>> lastTruth;
    private List<float[]> largestQueries;
    private List<float[]> largestWarmUp;
    private List<List<SearchHit>> largestTruth;

    private record Pick(String label, int workspace, WorkspaceId id, long size) {
    }

    private void measureSearch(WorkspaceId ingested) {
        long limit = properties.exactScanLimit();
        List<Pick> picks = new ArrayList<>();
        int small = closest(1000, 1, corpus.workspaces);
        int medium = -1;
        int above = -1;
        for (int w = 1; w < corpus.workspaces; w++) {
            long size = size(w);
            if (size <= limit && medium < 0) {
                medium = w;
            }
            if (size > limit) {
                above = w;
            }
        }
        picks.add(pick("small", small));
        if (medium >= 0 && medium != small) {
            picks.add(pick("medium (largest ≤ exactScanLimit)", medium));
        }
        if (above > 0) {
            picks.add(pick("just above exactScanLimit", above));
        }
        picks.add(pick("largest", 0));

        SplittableRandom random = new SplittableRandom(options.seed() + 99);
        for (Pick p : picks) {
            List<float[]> queries = new ArrayList<>();
            for (int i = 0; i < options.queries() + WARM_UP; i++) {
                queries.add(corpus.query(p.workspace(), random));
            }
            report.search(p.label(), p.size(), "synthetic", measureWorkspace(p.id(), queries, true));
            if (p.workspace() == 0) {
                largestQueries = lastQueries;
                largestWarmUp = lastWarmUp;
                largestTruth = lastTruth;
            }
        }
        // Real text: real sentences embedded by the model, in the largest workspace (which holds the real slice among
        // its synthetic chunks) and in the workspace the ingestion run just filled.
        List<float[]> real = new ArrayList<>(realQueryVectors);
        report.search("largest", size(0), "real text", measureWorkspace(new WorkspaceId(BenchCorpus.workspaceId(0)), real, true));
        long ingestedSize = brain.state(ingested).chunkCount();
        report.search("ingested real text", ingestedSize, "real text", measureWorkspace(ingested, real, true));
    }

    private Pick pick(String label, int w) {
        return new Pick(label, w, new WorkspaceId(BenchCorpus.workspaceId(w)), size(w));
    }

    private long size(int w) {
        return corpus.workspaceSize[w] + (w == 0 ? realText.chunkCount() : 0);
    }

    private int closest(long target, int from, int to) {
        int best = from;
        for (int w = from; w < to; w++) {
            if (Math.abs(size(w) - target) < Math.abs(size(best) - target)) {
                best = w;
            }
        }
        return best;
    }

    /**
     * All forms for one workspace, interleaved query by query (so a noisy neighbour slows them alike): exact (the
     * ground truth), the application's strategy, the own index if any, the "before" form on a budget; then the shared
     * index alone (own index hidden) as a block.
     */
    private List<Result> measureWorkspace(WorkspaceId ws, List<float[]> queryList, boolean before) {
        BrainRepository.State state = brain.state(ws);
        BrainSearch.Strategy strategy = search.strategy(state);
        int ef = properties.hnswEfSearch();
        boolean own = ownIndex(ws) != null;
        int warm = Math.min(WARM_UP, queryList.size() / 5);
        List<float[]> warmUp = queryList.subList(0, warm);
        List<float[]> queries = queryList.subList(warm, queryList.size());
        for (float[] q : warmUp) {
            exact(ws, q);
            indexed(ws, q, ef);
        }
        // The slow form gets a time budget: measure a few, then take every stride-th query.
        int stride = 1;
        if (before) {
            long t = System.nanoTime();
            for (float[] q : warmUp.subList(0, Math.min(3, warmUp.size()))) {
                before(ws, q);
            }
            double each = seconds(System.nanoTime() - t) / Math.max(1, Math.min(3, warmUp.size()));
            stride = (int) Math.max(1, Math.ceil(queries.size() * each / options.beforeSeconds()));
        }
        Timed exactT = new Timed();
        Timed appT = new Timed();
        Timed beforeT = new Timed();
        List<List<SearchHit>> truth = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            float[] q = queries.get(i);
            long t = System.nanoTime();
            List<SearchHit> gt = exact(ws, q);
            long exactNanos = System.nanoTime() - t;
            truth.add(gt);
            exactT.add(exactNanos, gt, gt);
            if (strategy != BrainSearch.Strategy.EXACT) {
                t = System.nanoTime();
                List<SearchHit> hits = indexed(ws, q, ef);
                appT.add(System.nanoTime() - t, hits, gt);
            }
            if (before && i % stride == 0) {
                t = System.nanoTime();
                int rows = before(ws, q);
                long nanos = System.nanoTime() - t;
                beforeT.millis.add(ms(nanos));
                beforeT.n++;
                beforeT.recallSum += 1;
                if (rows < Math.min(K, gt.size())) {
                    beforeT.shortResults++;
                }
            }
        }
        List<Result> results = new ArrayList<>();
        String appLabel = "app: " + switch (strategy) {
            case EXACT -> "exact scan";
            case OWN_INDEX -> "own HNSW, ef_search " + ef;
            case SHARED_INDEX -> "shared HNSW + iterative scan, ef_search " + ef;
        };
        if (strategy == BrainSearch.Strategy.EXACT) {
            results.add(exactT.result(appLabel, "workspace btree + exact distance"));
        } else {
            results.add(appT.result(appLabel, plan(ws, queries.get(0), ef, false)));
            results.add(exactT.result("exact scan (SEARCH_EXACT)", "workspace btree + exact distance"));
        }
        if (before) {
            results.add(beforeT.result("before (old system's form)", "workspace btree + sort, similarity in WHERE"));
            // As the old system ran it: its schema had no index leading with the workspace (its performance review
            // lists it as missing), so the same query read the whole table. A few queries, with those indexes dropped in a
            // transaction that is rolled back.
            Timed oldT = new Timed();
            List<String> workspaceIndexes = jdbc.queryForList("""
                    SELECT indexname FROM pg_indexes WHERE tablename = 'brain_chunks' AND indexdef LIKE '%USING btree (workspace_id%'""",
                    String.class);
            inTransaction(null, () -> {
                workspaceIndexes.forEach(index -> jdbc.execute("DROP INDEX " + index));
                long end = System.nanoTime() + (long) (options.beforeSeconds() / 2 * 1e9);
                for (int i = 0; i < Math.min(queries.size(), 50) && (i < 3 || System.nanoTime() < end); i++) {
                    long t = System.nanoTime();
                    int rows = before(ws, queries.get(i));
                    oldT.millis.add(ms(System.nanoTime() - t));
                    oldT.n++;
                    oldT.recallSum += 1;
                    if (rows < Math.min(K, truth.get(i).size())) {
                        oldT.shortResults++;
                    }
                }
                return null;
            });
            results.add(oldT.result("before, old schema (no workspace index)", "seq scan of the whole table + sort"));
        }
        // The shared index alone: what a workspace gets without its own index (iterative scan keeps k results).
        lastQueries = queries;
        lastWarmUp = warmUp;
        lastTruth = truth;
        Timed sharedT = new Timed();
        String sharedPlan = plan(ws, queries.get(0), ef, own);
        inTransaction(own ? ws : null, () -> {
            brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
            for (float[] q : warmUp) {
                brain.search(BrainRepository.SEARCH_INDEXED, ws, q, K, List.of(), null);
            }
            for (int i = 0; i < queries.size(); i++) {
                long t = System.nanoTime();
                List<SearchHit> hits = brain.search(BrainRepository.SEARCH_INDEXED, ws, queries.get(i), K, List.of(), null);
                sharedT.add(System.nanoTime() - t, hits, truth.get(i));
            }
            return null;
        });
        if (strategy != BrainSearch.Strategy.SHARED_INDEX) {
            results.add(sharedT.result("shared HNSW + iterative scan, ef_search " + ef, sharedPlan));
        }
        return results;
    }

    /**
     * Where exact scans stop paying: exact vs HNSW latency at a range of workspace sizes. Workspaces at or under the
     * exact-scan limit get a temporary own index (same DDL as VectorIndexes) for the comparison, dropped afterwards.
     */
    private void sizeSweep() {
        long limit = properties.exactScanLimit();
        java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
        for (long target : new long[] {500, 2_000, 5_000, 10_000, 15_000, limit}) {
            int w = closest(target, 1, corpus.workspaces);
            if (size(w) <= limit) {
                chosen.add(w);
            }
        }
        for (int w = 0; w < corpus.workspaces; w++) {
            if (size(w) > limit) {
                chosen.add(w);
            }
        }
        SplittableRandom random = new SplittableRandom(options.seed() + 7);
        int ef = properties.hnswEfSearch();
        for (int w : chosen.descendingSet()) {
            WorkspaceId ws = new WorkspaceId(BenchCorpus.workspaceId(w));
            boolean temporary = ownIndex(ws) == null;
            double buildSeconds = Double.NaN;
            if (temporary) {
                long t = System.nanoTime();
                jdbc.execute("CREATE INDEX " + VectorIndexes.indexName(ws) + " ON brain_chunks USING hnsw (embedding vector_cosine_ops)"
                        + " WITH (m = " + properties.hnswM() + ", ef_construction = " + properties.hnswEfConstruction() + ")"
                        + " WHERE workspace_id = '" + ws.value() + "'");
                buildSeconds = seconds(System.nanoTime() - t);
            }
            try {
                List<float[]> queries = new ArrayList<>();
                for (int i = 0; i < options.sweepQueries() + 5; i++) {
                    queries.add(corpus.query(w, random));
                }
                List<float[]> warm = queries.subList(0, 5);
                List<float[]> timed = queries.subList(5, queries.size());
                warm.forEach(q -> {
                    exact(ws, q);
                    indexed(ws, q, ef);
                });
                Timed exactT = new Timed();
                Timed ownT = new Timed();
                List<List<SearchHit>> truth = new ArrayList<>();
                for (float[] q : timed) {
                    long t = System.nanoTime();
                    List<SearchHit> gt = exact(ws, q);
                    exactT.add(System.nanoTime() - t, gt, gt);
                    truth.add(gt);
                    t = System.nanoTime();
                    List<SearchHit> hits = indexed(ws, q, ef);
                    ownT.add(System.nanoTime() - t, hits, gt);
                }
                Timed sharedT = new Timed();
                inTransaction(ws, () -> {
                    brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
                    warm.forEach(q -> brain.search(BrainRepository.SEARCH_INDEXED, ws, q, K, List.of(), null));
                    for (int i = 0; i < timed.size(); i++) {
                        long t = System.nanoTime();
                        List<SearchHit> hits = brain.search(BrainRepository.SEARCH_INDEXED, ws, timed.get(i), K, List.of(), null);
                        sharedT.add(System.nanoTime() - t, hits, truth.get(i));
                    }
                    return null;
                });
                String ownPlan = plan(ws, timed.get(0), ef, false);
                String sharedPlan = plan(ws, timed.get(0), ef, true);
                report.sweep(new BenchReport.SweepRow(size(w), search.strategy(brain.state(ws)), exactT.result("exact", ""),
                        ownT.result("own", ownPlan), sharedT.result("shared", sharedPlan), temporary, buildSeconds));
                log("  %,d chunks: exact p50 %.1f ms, own p50 %.1f ms (recall %.3f), shared p50 %.1f ms (recall %.3f)",
                        size(w), exactT.result("", "").latency().p50(), ownT.result("", "").latency().p50(),
                        ownT.result("", "").recall(), sharedT.result("", "").latency().p50(), sharedT.result("", "").recall());
            } finally {
                if (temporary) {
                    jdbc.execute("DROP INDEX IF EXISTS " + VectorIndexes.indexName(ws));
                }
            }
        }
    }

    private void efSweep() {
        WorkspaceId ws = new WorkspaceId(BenchCorpus.workspaceId(0));
        boolean temporary = ownIndex(ws) == null;
        if (temporary) {
            vectorIndexes.build(ws);
            jdbc.update("UPDATE brain_workspace_state SET vector_index = NULL WHERE workspace_id = ?", ws.value());
        }
        try {
            // The main table's queries for the largest workspace, and their exact results.
            List<float[]> warm = largestWarmUp;
            List<float[]> timed = largestQueries;
            List<List<SearchHit>> truth = largestTruth;
            for (int ef : options.efSweep()) {
                warm.forEach(q -> indexed(ws, q, ef));
                Timed own = new Timed();
                for (int i = 0; i < timed.size(); i++) {
                    long t = System.nanoTime();
                    List<SearchHit> hits = indexed(ws, timed.get(i), ef);
                    own.add(System.nanoTime() - t, hits, truth.get(i));
                }
                Timed shared = new Timed();
                inTransaction(ws, () -> {
                    brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
                    warm.forEach(q -> brain.search(BrainRepository.SEARCH_INDEXED, ws, q, K, List.of(), null));
                    for (int i = 0; i < timed.size(); i++) {
                        long t = System.nanoTime();
                        List<SearchHit> hits = brain.search(BrainRepository.SEARCH_INDEXED, ws, timed.get(i), K, List.of(), null);
                        shared.add(System.nanoTime() - t, hits, truth.get(i));
                    }
                    return null;
                });
                report.ef(ef, own.result("own", ""), shared.result("shared", ""));
                log("  ef_search %d: own p95 %.1f ms recall %.3f; shared p95 %.1f ms recall %.3f", ef,
                        own.result("", "").latency().p95(), own.result("", "").recall(), shared.result("", "").latency().p95(),
                        shared.result("", "").recall());
            }
        } finally {
            if (temporary) {
                jdbc.execute("DROP INDEX IF EXISTS " + VectorIndexes.indexName(ws));
            }
        }
    }

    /**
     * The largest workspace's own index rebuilt with other m / ef_construction, inside a transaction that is rolled back
     * (so the index the application built comes back), measured with the same queries and exact results as the main table.
     */
    private void indexSweep() {
        WorkspaceId ws = new WorkspaceId(BenchCorpus.workspaceId(0));
        String own = VectorIndexes.indexName(ws);
        for (int[] params : options.indexSweep()) {
            int m = params[0];
            int efConstruction = params.length > 1 ? params[1] : properties.hnswEfConstruction();
            inTransaction(null, () -> {
                // The shared index goes too: pgvector's cost estimate grows with m, so with both present the planner
                // would pick the shared (m 16) index over a partial one with a larger m.
                jdbc.execute("DROP INDEX IF EXISTS " + own);
                jdbc.execute("DROP INDEX IF EXISTS " + SHARED_INDEX);
                long t = System.nanoTime();
                jdbc.execute("CREATE INDEX " + own + " ON brain_chunks USING hnsw (embedding vector_cosine_ops) WITH (m = " + m
                        + ", ef_construction = " + efConstruction + ") WHERE workspace_id = '" + ws.value() + "'");
                double build = seconds(System.nanoTime() - t);
                Long bytes = jdbc.queryForObject("SELECT pg_relation_size(to_regclass(?))", Long.class, own);
                brain.useHnswSettings(properties.hnswEfSearch(), properties.hnswMaxScanTuples());
                String plan = String.join(" ", client.sql("EXPLAIN " + BrainRepository.SEARCH_INDEXED).param("workspace", ws.value())
                        .param("query", new PGvector(largestQueries.get(0))).param("k", K).param("knowledgeBases", null)
                        .param("documentFilter", null).query(String.class).list());
                if (!plan.contains("Index Scan using " + own)) {
                    throw new IllegalStateException("The rebuilt index is not used: " + plan);
                }
                List<Result> rows = new ArrayList<>();
                for (int ef : options.efSweep()) {
                    brain.useHnswSettings(ef, properties.hnswMaxScanTuples());
                    largestWarmUp.forEach(q -> brain.search(BrainRepository.SEARCH_INDEXED, ws, q, K, List.of(), null));
                    Timed timed = new Timed();
                    for (int i = 0; i < largestQueries.size(); i++) {
                        long s = System.nanoTime();
                        List<SearchHit> hits = brain.search(BrainRepository.SEARCH_INDEXED, ws, largestQueries.get(i), K, List.of(), null);
                        timed.add(System.nanoTime() - s, hits, largestTruth.get(i));
                    }
                    rows.add(timed.result("ef_search " + ef, ""));
                    log("  m %d, ef_construction %d (built in %.0f s): ef_search %d p95 %.1f ms recall %.3f", m, efConstruction,
                            build, ef, timed.result("", "").latency().p95(), timed.result("", "").recall());
                }
                report.indexVariant(m, efConstruction, build, bytes == null ? 0 : bytes, options.efSweep(), rows);
                return null;
            });
        }
    }

    /** VectorIndexes.build runs with whatever maintenance_work_mem the server gives it; this is what the default costs. */
    private void defaultMemoryBuild() {
        int chosen = -1;
        for (int w = corpus.workspaces - 1; w >= 0; w--) {
            if (size(w) > properties.exactScanLimit() && size(w) >= 80_000) {
                chosen = w;
                break;
            }
        }
        if (chosen < 0) {
            chosen = 0;
        }
        WorkspaceId ws = new WorkspaceId(BenchCorpus.workspaceId(chosen));
        String setting = jdbc.queryForObject("SELECT boot_val || coalesce(unit, '') FROM pg_settings WHERE name = 'maintenance_work_mem'",
                String.class);
        String workers = jdbc.queryForObject("SELECT boot_val FROM pg_settings WHERE name = 'max_parallel_maintenance_workers'",
                String.class);
        long rows = size(chosen);
        List<String> notices = new ArrayList<>();
        double[] seconds = new double[1];
        inTransaction(null, () -> {
            jdbc.execute((java.sql.Connection c) -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL maintenance_work_mem = '" + setting.replace("'", "") + "'");
                    s.execute("SET LOCAL max_parallel_maintenance_workers = " + workers);
                    long t = System.nanoTime();
                    s.execute("CREATE INDEX bench_default_memory_probe ON brain_chunks USING hnsw (embedding vector_cosine_ops)"
                            + " WITH (m = " + properties.hnswM() + ", ef_construction = " + properties.hnswEfConstruction() + ")"
                            + " WHERE workspace_id = '" + ws.value() + "'");
                    seconds[0] = seconds(System.nanoTime() - t);
                    for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                        notices.add(w.getMessage());
                    }
                }
                return null;
            });
            return null;
        });
        String name = VectorIndexes.indexName(ws);
        String tuned = meta.entrySet().stream().filter(e -> e.getKey().startsWith("build.") && e.getValue().startsWith(name + "|"))
                .map(e -> e.getValue().split("\\|", -1)[2]).findFirst().orElse("?");
        log("  %,d rows with maintenance_work_mem %s: %.1f s (with %s: %s s) %s", rows, setting, seconds[0],
                options.maintenanceWorkMem(), tuned, notices);
        report.defaultMemoryBuild(rows, setting, seconds[0], options.maintenanceWorkMem(), tuned, String.join(" / ", notices));
    }

    private void calibration() {
        List<float[]> real = jdbc.query("SELECT embedding::text FROM brain_chunks WHERE knowledge_base_id = ? ORDER BY id",
                (rs, n) -> parseVector(rs.getString(1)), realKnowledgeBase);
        int w = closest(real.size(), 1, corpus.workspaces);
        List<float[]> synthetic = new ArrayList<>();
        for (int d : corpus.workspaceDocs[w]) {
            synthetic.addAll(Arrays.asList(corpus.documentVectors(d)));
        }
        SplittableRandom random = new SplittableRandom(options.seed() + 5);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < realQueryVectors.size(); i++) {
            queries.add(corpus.query(w, random));
        }
        report.calibration(BenchCorpus.profile(real, realQueryVectors, 1), BenchCorpus.profile(synthetic, queries, 1));
    }

    private static float[] parseVector(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    // --- descriptions ---------------------------------------------------------------------------------

    private List<String[]> buildTable() {
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (!e.getKey().startsWith("build.")) {
                continue;
            }
            String[] parts = e.getValue().split("\\|", -1);
            Long bytes = jdbc.queryForObject("SELECT coalesce(pg_relation_size(to_regclass(?)), 0)", Long.class, parts[0]);
            rows.add(new String[] {parts[0].equals(SHARED_INDEX) ? "shared (all workspaces)" : "own (partial)", parts[1],
                    parts[2], Long.toString(bytes == null ? 0 : bytes), parts[3]});
        }
        return rows;
    }

    private String describeCorpus(boolean reused) {
        int[] sizes = corpus.workspaceSize;
        long above = java.util.stream.IntStream.range(0, sizes.length).filter(w -> size(w) > properties.exactScanLimit()).count();
        long under1k = Arrays.stream(sizes).filter(s -> s < 1000).count();
        long between = Arrays.stream(sizes).filter(s -> s >= 1000 && s <= 5000).count();
        return """
                - %,d synthetic chunks (384-d) in %,d documents over %,d workspaces; sizes Zipf-like: largest %,d (+ the real slice), then %,d, %,d, %,d, …, \
                median %,d, smallest %,d; workspaces above exactScanLimit (%,d): %d; with 1,000–5,000 chunks: %d; under 1,000: %d.
                - Vectors: %d themes → %d topics → documents (log-normal, median 24 chunks) → chunks, plus a shared direction; \
                spreads %s (see the profile table). Documents written in shuffled order, so each workspace is spread over the table.
                - Real text: %,d chunks of %s (%d documents), embedded with %s and stored in the largest workspace; \
                %d real sentences as queries (from documents not in the corpus).
                - %s"""
                .formatted(corpus.chunks, corpus.documents(), corpus.workspaces, sizes[0], sizes[1], sizes[2], sizes[3],
                        sizes[sizes.length / 2], sizes[sizes.length - 1], properties.exactScanLimit(), above, between, under1k,
                        BenchCorpus.THEMES, BenchCorpus.TOPICS, corpus.shape, realText.chunkCount(), realText.source(),
                        realText.docs().size(), LocalMiniLmEmbeddings.MODEL_ID, realText.queries().size(),
                        reused ? "Corpus reused (--keep), loaded " + meta.getOrDefault("corpus.loadedAt", "?") + "; load figures are from that run."
                                : "Loaded in this run: COPY " + meta.get("load.copy") + ", VACUUM ANALYZE " + meta.get("load.vacuum") + ".");
    }

    private List<String[]> sizeTable() {
        return jdbc.query("""
                SELECT 'brain_chunks table (heap + TOAST)', pg_table_size('brain_chunks')
                UNION ALL SELECT 'brain_chunks indexes (all)', pg_indexes_size('brain_chunks')
                UNION ALL SELECT 'database ' || current_database(), pg_database_size(current_database())""",
                (rs, n) -> new String[] {rs.getString(1), Long.toString(rs.getLong(2))});
    }

    private Map<String, String> machine() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM");
        m.put("RAM", memTotal());
        m.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", heap max "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        m.put("PostgreSQL", jdbc.queryForObject("SELECT split_part(version(), ' on ', 1)", String.class) + ", pgvector "
                + jdbc.queryForObject("SELECT extversion FROM pg_extension WHERE extname = 'vector'", String.class)
                + ", shared_buffers " + jdbc.queryForObject("SHOW shared_buffers", String.class) + ", maintenance_work_mem (bench db) "
                + jdbc.queryForObject("SHOW maintenance_work_mem", String.class));
        m.put("Load average at start", loadAverage());
        m.put("Started", DateTimeFormatter.ISO_INSTANT.format(started.atOffset(ZoneOffset.UTC).toInstant()));
        return m;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> "%.1f GB".formatted(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "%.2f".formatted(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    record Stats(int n, double p50, double p95, double max) {
        static Stats of(List<Double> values) {
            if (values.isEmpty()) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return new Stats(sorted.size(), percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1));
        }

        /** Nearest-rank percentile. */
        private static double percentile(List<Double> sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench %s] %s%n", DateTimeFormatter.ISO_LOCAL_TIME.format(
                java.time.LocalTime.now()).replaceAll("\\.\\d+$", ""), String.format(Locale.ROOT, format, args));
    }
}
