package com.sintra.brain;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized), run in-process by ONNX Runtime from the model file inside its jar: no service,
 * no download, works offline. 384 dimensions; it reads at most 256 word pieces well, hence the chunk size.
 * <p>
 * The model is loaded on first use, not at start-up, so application start (and every test context) does not
 * pay for it. The ONNX session and the tokenizer are safe to share between threads; LangChain4j itself runs
 * a batch's texts in parallel on them.
 */
@Component
@ConditionalOnProperty(name = "sintra.brain.embedding-provider", havingValue = "local", matchIfMissing = true)
class LocalMiniLmEmbeddings implements EmbeddingModel, DisposableBean {

    static final String MODEL_ID = "all-minilm-l6-v2-q";
    static final int DIMENSIONS = 384;

    private static final Logger log = LoggerFactory.getLogger(LocalMiniLmEmbeddings.class);

    private final ExecutorService executor = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemonThreads());
    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

    @Override
    public float[] embed(String text) {
        requireText(text);
        return model().embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        texts.forEach(LocalMiniLmEmbeddings::requireText);
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public void destroy() {
        // Not shutdownNow: a batch whose queued texts were dropped would leave its caller waiting forever.
        executor.shutdown();
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        AllMiniLmL6V2QuantizedEmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    model = loaded = load();
                }
            }
        }
        return loaded;
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel load() {
        long start = System.nanoTime();
        // The model class reads its files through the thread's context class loader when it is first touched.
        // Pool threads (the common fork-join pool in particular) may carry one that cannot see the application's
        // jars in a packaged Spring Boot app; the class would then fail to initialise, for good.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LocalMiniLmEmbeddings.class.getClassLoader());
        try {
            AllMiniLmL6V2QuantizedEmbeddingModel loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
            log.info("Loaded embedding model {} in {} ms", MODEL_ID, (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Cannot embed blank text");
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "embedding-" + count.incrementAndGet());
            // Idle embedding threads must never keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
