package com.sintra.brain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;

/**
 * Not a test: prints embedding figures to compare with the ones in docs/toolchain.md (1.3 ms median per short
 * query, about 320 chunks of 60 words per second in batches of 256, on 2 cores). Run with
 * {@code mvn -q test-compile exec:java -Dexec.mainClass=com.sintra.brain.EmbeddingThroughputProbe
 * -Dexec.classpathScope=test}, or from an IDE.
 */
public final class EmbeddingThroughputProbe {

    private static final String WORDS = """
            the of and to in is for that on with as by it at from this be are or an was which not have has
            their can will more all one about if they other when there use new time each these data system
            user team work document search answer model agent workspace project policy report customer price
            order invoice meeting plan budget review release feature support account access security server
            network storage backup update version change request response error message result value number
            first last next after before during between under over through without within against across
            quickly carefully usually often never always already still only also even again together
            """;

    private EmbeddingThroughputProbe() {
    }

    public static void main(String[] args) {
        LocalMiniLmEmbeddings model = new LocalMiniLmEmbeddings();
        try {
            System.out.printf("cores: %d, java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            long loadStart = System.nanoTime();
            model.embed("warm up");
            System.out.printf("model load + first embedding: %.0f ms%n", millis(System.nanoTime() - loadStart));

            queryLatency(model);
            chunkThroughput(model);
            tokenEstimate();
        } finally {
            model.destroy();
        }
    }

    private static void queryLatency(LocalMiniLmEmbeddings model) {
        String[] queries = {"How do I reset my password?", "refund policy for annual plans",
                "Who approves invoices over 10,000 euros?", "backup schedule", "What changed in version 2?"};
        for (int i = 0; i < 50; i++) {
            model.embed(queries[i % queries.length] + " " + i);
        }
        double[] millis = new double[500];
        for (int i = 0; i < millis.length; i++) {
            String query = queries[i % queries.length] + " " + i;
            long start = System.nanoTime();
            model.embed(query);
            millis[i] = millis(System.nanoTime() - start);
        }
        Arrays.sort(millis);
        System.out.printf("short query, %d runs: median %.2f ms, p95 %.2f ms, max %.2f ms%n", millis.length,
                percentile(millis, 50), percentile(millis, 95), millis[millis.length - 1]);
    }

    private static void chunkThroughput(LocalMiniLmEmbeddings model) {
        Random random = new Random(42);
        String[] vocabulary = WORDS.strip().split("\\s+");
        List<List<String>> batches = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            batches.add(IntStream.range(0, 256).mapToObj(i -> sentence(random, vocabulary, 60)).toList());
        }
        model.embedAll(batches.get(0));
        List<Double> rates = new ArrayList<>();
        for (List<String> batch : batches.subList(1, batches.size())) {
            long start = System.nanoTime();
            model.embedAll(batch);
            rates.add(batch.size() / (millis(System.nanoTime() - start) / 1000));
        }
        System.out.printf("60-word chunks, batches of 256: %s chunks/s (median %.0f)%n",
                rates.stream().map(r -> String.format("%.0f", r)).toList(),
                rates.stream().sorted().toList().get(rates.size() / 2));

        // The same chunks one at a time on one thread, to see what the batch's parallelism buys.
        List<String> batch = batches.get(1);
        long start = System.nanoTime();
        batch.forEach(model::embed);
        System.out.printf("60-word chunks, one at a time: %.0f chunks/s%n",
                batch.size() / (millis(System.nanoTime() - start) / 1000));
    }

    /** How the chunker's words × 1.3 compares with MiniLM's own WordPiece count on English prose. */
    private static void tokenEstimate() {
        String prose = """
                Sintra is a self-hosted AI orchestration platform. Teams create workspaces, add agents and give \
                them a brain: a knowledge base of their own documents. When an agent answers, it searches the \
                brain and cites the passages it used. A workspace is the unit of sharing; every document, agent \
                and conversation belongs to exactly one workspace, and only its members can see it. Owners invite \
                members and give them a role: viewers read, editors change agents and documents, owners also \
                manage members. Open the brain of a workspace and drop files on the page, or pick them with the \
                upload button. Sintra reads plain text, Markdown, HTML and PDF files up to 20 MB each. Scanned \
                PDFs without a text layer are refused, because there is no text to search; run them through OCR \
                first. Each document is cut into passages of about two hundred tokens, and each passage is \
                embedded by a small model that runs inside Sintra, so no text leaves your server. Invoices over \
                10,000 EUR need a second approval (see policy FIN-7, revised 2024-03-01).""";
        // LangChain4j's default tokenizer file is byte for byte the one inside the MiniLM jar.
        HuggingFaceTokenCountEstimator tokenizer = new HuggingFaceTokenCountEstimator();
        System.out.printf("MiniLM counts %d tokens in \"Hello world\"%n", tokenizer.estimateTokenCountInText("Hello world"));
        for (Chunk chunk : new Chunker().split(prose.repeat(3))) {
            int actual = tokenizer.estimateTokenCountInText(chunk.content());
            System.out.printf("chunk %d: estimated %d tokens, MiniLM counts %d (ratio %.2f)%n", chunk.position(),
                    chunk.tokenCount(), actual, (double) actual / chunk.tokenCount());
        }
    }

    private static String sentence(Random random, String[] vocabulary, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return out.append('.').toString();
    }

    private static double percentile(double[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
