package com.sintra.brain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sintra.brain.BrainBenchmark.Result;
import com.sintra.brain.BrainBenchmark.Stats;

/** Collects the benchmark's measurements and renders them as Markdown, with the targets and whether each is met. */
final class BenchReport {

    record Throughput(int chunks, int documents, double raw, double ingestion, double ingestSeconds, double embedSeconds,
                      double storeSeconds, long failed, long stored, String loadEmbed, double wordsPerChunk,
                      double storeSharedMs, double storeBothMs, double storeNoneMs, int storeRows) {
    }

    record SweepRow(long size, BrainSearch.Strategy appStrategy, Result exact, Result own, Result shared, boolean temporary,
                    double buildSeconds) {
    }

    private record SearchBlock(String label, long size, String queries, List<Result> results) {
    }

    private record EfRow(int ef, Result own, Result shared) {
    }

    private Map<String, String> machine;
    private String corpus;
    private List<String[]> builds = List.of();
    private record Embedding(String when, String load, Stats shortQueries, Stats sentences, double shortWords,
                             double sentenceWords) {
    }

    private final List<Embedding> embeddings = new ArrayList<>();
    private Throughput throughput;
    private final List<SearchBlock> searches = new ArrayList<>();
    private final List<SweepRow> sweep = new ArrayList<>();
    private final List<EfRow> efs = new ArrayList<>();
    private record IndexVariant(int m, int efConstruction, double buildSeconds, long bytes, int[] efs, List<Result> rows) {
    }

    private final List<IndexVariant> variants = new ArrayList<>();
    private String defaultMemoryBuild;
    private BenchCorpus.Profile real;
    private BenchCorpus.Profile synthetic;
    private List<String[]> sizes = List.of();
    private Duration elapsed;
    private String loadAtEnd;

    void machine(Map<String, String> machine) {
        this.machine = machine;
    }

    void corpus(String corpus) {
        this.corpus = corpus;
    }

    void builds(List<String[]> builds) {
        this.builds = builds;
    }

    void embedding(String when, String load, Stats shortQueries, Stats sentences, double shortWords, double sentenceWords) {
        embeddings.add(new Embedding(when, load, shortQueries, sentences, shortWords, sentenceWords));
    }

    void throughput(Throughput throughput) {
        this.throughput = throughput;
    }

    void search(String label, long size, String queries, List<Result> results) {
        searches.add(new SearchBlock(label, size, queries, results));
    }

    void sweep(SweepRow row) {
        sweep.add(row);
    }

    void ef(int ef, Result own, Result shared) {
        efs.add(new EfRow(ef, own, shared));
    }

    void indexVariant(int m, int efConstruction, double buildSeconds, long bytes, int[] efs, List<Result> rows) {
        variants.add(new IndexVariant(m, efConstruction, buildSeconds, bytes, efs, rows));
    }

    void defaultMemoryBuild(long rows, String setting, double seconds, String tunedSetting, String tunedSeconds, String notices) {
        defaultMemoryBuild = "| own (partial), rebuilt with the server's default maintenance_work_mem %s (as VectorIndexes.build gets it unless configured) | %,d | %.1f (%s with %s) | | %s |\n"
                .formatted(setting, rows, seconds, tunedSeconds, tunedSetting, notices.replace("|", "/"));
    }

    void calibration(BenchCorpus.Profile real, BenchCorpus.Profile synthetic) {
        this.real = real;
        this.synthetic = synthetic;
    }

    void sizes(List<String[]> sizes) {
        this.sizes = sizes;
    }

    void finish(Duration elapsed, String load) {
        this.elapsed = elapsed;
        this.loadAtEnd = load;
    }

    String markdown(BrainBenchmark.Options options, BrainProperties properties) {
        StringBuilder md = new StringBuilder();
        md.append("## Brain search benchmark: %,d chunks\n\n".formatted(options.chunks()));
        md.append("Command: `scripts/bench-brain --chunks %d`%s. Finished in %s; load average at end %s.\n\n".formatted(
                options.chunks(), options.keep() ? " --keep" : "", human(elapsed), loadAtEnd));
        md.append("| Machine | |\n|---|---|\n");
        machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n").append(corpus).append("\n\n");
        md.append("Settings under test: exactScanLimit %,d, HNSW m %d, ef_construction %d, ef_search %d, iterative scan relaxed_order, k = %d.\n\n"
                .formatted(properties.exactScanLimit(), properties.hnswM(), properties.hnswEfConstruction(),
                        properties.hnswEfSearch(), BrainBenchmark.K));

        md.append(targets(properties));

        md.append("\n### Filtered top-10 search, side by side\n\n");
        md.append("Latency is wall time per search as the application runs it (read-only transaction, settings, query, result"
                + " mapping), warm-up excluded. Recall@10 is against the exact scan of the same workspace (ties count as"
                + " found). \"app\" is the strategy BrainSearch picks for the workspace.\n\n");
        md.append("| Workspace | Chunks | Queries | Form | Plan | n | p50 ms | p95 ms | recall@10 | < 10 results |\n");
        md.append("|---|---:|---|---|---|---:|---:|---:|---:|---:|\n");
        for (SearchBlock block : searches) {
            for (Result r : block.results()) {
                md.append("| %s | %,d | %s | %s | %s | %d | %s | %s | %s | %d |\n".formatted(block.label(), block.size(),
                        block.queries(), r.form(), r.plan(), r.queries(), f(r.latency().p50()), f(r.latency().p95()),
                        r.form().startsWith("before") || r.form().startsWith("exact") || r.form().equals("app: exact scan")
                                ? "1 (exact)" : "%.3f".formatted(r.recall()), r.shortResults()));
            }
        }
        md.append("\nSpeed-up = before / app, medians (p95 in brackets). \"before\" runs the old system's query on this schema (its"
                + " workspace b-tree narrows the scan); \"before, old schema\" runs it as the old system did, without an index"
                + " leading with the workspace (a few queries).\n\n");
        md.append("| Workspace | Queries | app p50 / p95 ms | before p50 / p95 ms | speed-up | before, old schema p50 / p95 ms (n) | speed-up |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (SearchBlock block : searches) {
            Result app = app(block);
            Result before = before(block);
            Result old = old(block);
            if (app != null && before != null) {
                md.append("| %s (%,d) | %s | %s / %s | %s / %s | %.0f× (%.0f×) | %s | %s |\n".formatted(block.label(), block.size(),
                        block.queries(), f(app.latency().p50()), f(app.latency().p95()), f(before.latency().p50()),
                        f(before.latency().p95()), before.latency().p50() / app.latency().p50(),
                        before.latency().p95() / app.latency().p95(),
                        old == null ? "–" : "%s / %s (%d)".formatted(f(old.latency().p50()), f(old.latency().p95()), old.queries()),
                        old == null ? "–" : "%.0f× (%.0f×)".formatted(old.latency().p50() / app.latency().p50(),
                                old.latency().p95() / app.latency().p95())));
            }
        }

        md.append("\n### hnsw.ef_search in the largest workspace (%d synthetic queries)\n\n".formatted(
                efs.isEmpty() ? 0 : efs.get(0).own().queries()));
        md.append("| ef_search | own index p50 ms | p95 ms | recall@10 | < 10 | shared + iterative p50 ms | p95 ms | recall@10 | < 10 |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (EfRow row : efs) {
            md.append("| %d%s | %s | %s | %.3f | %d | %s | %s | %.3f | %d |\n".formatted(row.ef(),
                    row.ef() == properties.hnswEfSearch() ? " (default)" : "", f(row.own().latency().p50()),
                    f(row.own().latency().p95()), row.own().recall(), row.own().shortResults(), f(row.shared().latency().p50()),
                    f(row.shared().latency().p95()), row.shared().recall(), row.shared().shortResults()));
        }

        if (!variants.isEmpty()) {
            md.append("\n### Own index of the largest workspace rebuilt with other parameters (same queries)\n\n");
            md.append("| m | ef_construction | build s | size MB |");
            int[] efs = variants.get(0).efs();
            for (int ef : efs) {
                md.append(" ef %d p50 / p95 ms, recall |".formatted(ef));
            }
            md.append("\n|---:|---:|---:|---:|");
            for (int ignored : efs) {
                md.append("---:|");
            }
            md.append("\n");
            for (IndexVariant v : variants) {
                md.append("| %d | %d | %.0f | %.0f |".formatted(v.m(), v.efConstruction(), v.buildSeconds(), v.bytes() / 1048576.0));
                for (Result r : v.rows()) {
                    md.append(" %s / %s, %.3f |".formatted(f(r.latency().p50()), f(r.latency().p95()), r.recall()));
                }
                md.append("\n");
            }
        }

        md.append("\n### Strategy by workspace size (%d synthetic queries each, ef_search %d)\n\n".formatted(
                sweep.isEmpty() ? 0 : sweep.get(0).exact().queries(), properties.hnswEfSearch()));
        md.append("Workspaces at or under exactScanLimit get a temporary own index for the comparison (build time shown).\n\n");
        md.append("| Chunks | app strategy | exact p50 / p95 ms | own HNSW p50 / p95 ms | own recall | shared+iter p50 / p95 ms | shared recall | shared < 10 | shared plan |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (SweepRow row : sweep) {
            md.append("| %,d | %s | %s / %s | %s / %s%s | %.3f | %s / %s | %.3f | %d | %s |\n".formatted(row.size(),
                    row.appStrategy(), f(row.exact().latency().p50()), f(row.exact().latency().p95()),
                    f(row.own().latency().p50()), f(row.own().latency().p95()),
                    row.temporary() ? " (temp., built in %.1f s)".formatted(row.buildSeconds()) : "", row.own().recall(),
                    f(row.shared().latency().p50()), f(row.shared().latency().p95()), row.shared().recall(),
                    row.shared().shortResults(), row.shared().plan()));
        }

        md.append("\n### Embedding and ingestion\n\n");
        md.append("| Measure | Value |\n|---|---|\n");
        for (Embedding e : embeddings) {
            md.append("| Query embedding at the %s (load average %s): short queries (%d, avg %.1f words), cache bypassed | median %s ms, p95 %s ms, max %s ms |\n"
                    .formatted(e.when(), e.load(), e.shortQueries().n(), e.shortWords(), f(e.shortQueries().p50()),
                            f(e.shortQueries().p95()), f(e.shortQueries().max())));
            md.append("| … sentences (%d, avg %.1f words) | median %s ms, p95 %s ms |\n".formatted(e.sentences().n(),
                    e.sentenceWords(), f(e.sentences().p50()), f(e.sentences().p95())));
        }
        if (throughput != null) {
            Throughput t = throughput;
            md.append("| Raw model throughput (%,d real chunks, avg %.0f words, batches of %d; 4 waves alternating with ingestion) | %.1f chunks/s |\n"
                    .formatted(t.chunks(), t.wordsPerChunk(), properties.embeddingBatchSize(), t.raw()));
            md.append("| Ingestion throughput (same %d documents: extract, chunk, embed, store; %d ingestion threads) | %.1f chunks/s (%.0f %% of raw) |\n"
                    .formatted(t.documents(), properties.ingestionThreads(), t.ingestion(), 100 * t.ingestion() / t.raw()));
            md.append("| Ingestion wall time; summed per-document embed / store time | %.1f s; %.1f s / %.1f s |\n"
                    .formatted(t.ingestSeconds(), t.embedSeconds(), t.storeSeconds()));
            md.append("| Documents failed; chunks stored | %d; %,d |\n".formatted(t.failed(), t.stored()));
            md.append("| Store cost per chunk (INSERT of %d real chunks, rolled back): shared HNSW only / shared + own partial HNSW / no vector index | %.2f / %.2f / %.2f ms |\n"
                    .formatted(t.storeRows(), t.storeSharedMs(), t.storeBothMs(), t.storeNoneMs()));
            if (t.loadEmbed() != null) {
                md.append("| Raw model throughput while loading (whole real slice) | %s |\n".formatted(t.loadEmbed()));
            }
        }

        md.append("\n### Index builds and sizes\n\n");
        md.append("| Index | Rows | Build s | Size MB | Notices |\n|---|---:|---:|---:|---|\n");
        for (String[] b : builds) {
            md.append("| %s | %,d | %s | %.0f | %s |\n".formatted(b[0], Long.parseLong(b[1]), b[2],
                    Long.parseLong(b[3]) / 1048576.0, b[4].isBlank() ? "" : b[4].replace("|", "/")));
        }
        if (defaultMemoryBuild != null) {
            md.append(defaultMemoryBuild);
        }
        for (String[] s : sizes) {
            md.append("| %s | | | %.0f | |\n".formatted(s[0], Long.parseLong(s[1]) / 1048576.0));
        }

        if (real != null) {
            md.append("\n### Similarity profile: synthetic vs real MiniLM embeddings\n\n");
            md.append("Real: the real-text slice and real sentence queries. Synthetic: the workspace of the nearest size and its"
                    + " generated queries. Relative contrast = mean query distance / distance to the 10th neighbour (lower is"
                    + " harder for an approximate index).\n\n");
            md.append("| Set | Chunks | Random pair cos (mean / p95) | Chunk → nearest chunk cos | Query → top-1 cos | Query → 10th cos | Relative contrast | Local intrinsic dim. |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            md.append(profile("real (MiniLM)", real));
            md.append(profile("synthetic", synthetic));
        }
        return md.toString();
    }

    private String targets(BrainProperties properties) {
        StringBuilder md = new StringBuilder("### Targets\n\n| Target | Measured | Met |\n|---|---|---|\n");
        SearchBlock largest = searches.stream().filter(b -> b.label().equals("largest") && b.queries().equals("synthetic"))
                .findFirst().orElse(null);
        if (largest != null) {
            Result app = app(largest);
            boolean met = app.latency().p95() <= 25 && app.recall() >= 0.95 && app.shortResults() == 0;
            md.append("| Largest workspace: p95 ≤ 25 ms, recall@10 ≥ 0.95, always k results | %s: p95 %s ms, recall %.3f, %d short | %s |\n"
                    .formatted(app.form(), f(app.latency().p95()), app.recall(), app.shortResults(), met ? "yes" : "**no**"));
            Result before = before(largest);
            if (before != null) {
                double ratio = before.latency().p50() / app.latency().p50();
                md.append("| ≥ 30× faster than the \"before\" form (largest workspace, medians) | %.0f× (%s ms vs %s ms) | %s |\n"
                        .formatted(ratio, f(before.latency().p50()), f(app.latency().p50()), ratio >= 30 ? "yes" : "**no**"));
            }
            Result old = old(largest);
            if (old != null) {
                double ratio = old.latency().p50() / app.latency().p50();
                md.append("| … against \"before\" as the old schema ran it (no workspace index; largest, medians) | %.0f× (%s ms vs %s ms) | %s |\n"
                        .formatted(ratio, f(old.latency().p50()), f(app.latency().p50()), ratio >= 30 ? "yes" : "**no**"));
            }
        }
        for (SearchBlock block : searches) {
            if (block == largest) {
                continue;
            }
            Result app = app(block);
            Result before = before(block);
            if (app != null && before != null) {
                double ratio = before.latency().p50() / app.latency().p50();
                boolean exact = app.form().equals("app: exact scan");
                md.append("| ≥ 30× faster than \"before\": %s (%,d, %s queries) | %.0f× (%s ms vs %s ms) | %s |\n".formatted(
                        block.label(), block.size(), block.queries(), ratio, f(before.latency().p50()), f(app.latency().p50()),
                        ratio >= 30 ? "yes" : exact ? "n/a: both scan the workspace's rows exactly" : "**no**"));
            }
            if (app != null && !app.form().equals("app: exact scan")) {
                md.append("| %s (%,d, %s): recall ≥ 0.95, always k | recall %.3f, p95 %s ms, %d short | %s |\n".formatted(
                        block.label(), block.size(), block.queries(), app.recall(), f(app.latency().p95()), app.shortResults(),
                        app.recall() >= 0.95 && app.shortResults() == 0 ? "yes" : "**no**"));
            }
        }
        if (!embeddings.isEmpty()) {
            double best = embeddings.stream().mapToDouble(e -> e.shortQueries().p50()).min().orElse(Double.NaN);
            md.append("| Query embedding median ≤ 3 ms | %s | %s |\n".formatted(String.join("; ", embeddings.stream()
                    .map(e -> "%s: %s ms (p95 %s, load %s)".formatted(e.when(), f(e.shortQueries().p50()),
                            f(e.shortQueries().p95()), e.load())).toList()),
                    best <= 3 ? (embeddings.stream().allMatch(e -> e.shortQueries().p50() <= 3) ? "yes" : "yes at the quieter moment")
                            : "**no**"));
        }
        if (throughput != null) {
            double share = throughput.ingestion() / throughput.raw();
            md.append("| Ingestion ≥ 80 %% of raw embedding throughput | %.1f vs %.1f chunks/s = %.0f %% | %s |\n".formatted(
                    throughput.ingestion(), throughput.raw(), 100 * share, share >= 0.8 ? "yes" : "**no**"));
        }
        return md.toString();
    }

    private static Result app(SearchBlock block) {
        return block.results().stream().filter(r -> r.form().startsWith("app:")).findFirst().orElse(null);
    }

    private static Result before(SearchBlock block) {
        return block.results().stream().filter(r -> r.form().startsWith("before (")).findFirst().orElse(null);
    }

    private static Result old(SearchBlock block) {
        return block.results().stream().filter(r -> r.form().startsWith("before, old")).findFirst().orElse(null);
    }

    private static String profile(String name, BenchCorpus.Profile p) {
        return "| %s | %,d | %.3f / %.3f | %.3f | %.3f | %.3f | %.2f | %.1f |\n".formatted(name, p.chunks(), p.pairMean(),
                p.pairP95(), p.nearest(), p.top1(), p.top10(), p.contrast(), p.lid());
    }

    static String f(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : millis >= 10 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static String human(Duration d) {
        return d == null ? "?" : "%d min %02d s".formatted(d.toMinutes(), d.toSecondsPart());
    }
}
