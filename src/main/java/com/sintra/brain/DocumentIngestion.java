package com.sintra.brain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.sintra.base.InvalidInputException;
import com.sintra.brain.IngestionProgress.Stage;

/**
 * Fetch (for URLs), extract, chunk, embed in batches, then store the document and all its chunks in
 * one transaction. A failure or a cancellation at any step leaves nothing behind.
 */
@Component
class DocumentIngestion {

    private static final Logger log = LoggerFactory.getLogger(DocumentIngestion.class);

    private final UrlFetcher urlFetcher;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final EmbeddingCache embeddings;
    private final BrainRepository brain;
    private final BrainSearch search;
    private final TransactionTemplate transaction;
    private final VectorIndexes vectorIndexes;
    private final BrainProperties properties;

    DocumentIngestion(UrlFetcher urlFetcher, TextExtractor extractor, EmbeddingCache embeddings, BrainRepository brain,
                      BrainSearch search, TransactionTemplate transaction, VectorIndexes vectorIndexes,
                      BrainProperties properties) {
        this.urlFetcher = urlFetcher;
        this.extractor = extractor;
        this.chunker = new Chunker(properties.chunkTokens(), properties.chunkOverlapTokens());
        this.embeddings = embeddings;
        this.brain = brain;
        this.search = search;
        this.transaction = transaction;
        this.vectorIndexes = vectorIndexes;
        this.properties = properties;
    }

    private record Stored(DocumentId document, BrainRepository.State state) {
    }

    void run(Ingestions.Job job, IngestionTask task) {
        IngestionProgress progress = job.progress();
        try {
            byte[] content = task.content();
            String name = task.name();
            ExtractedText text = task.extracted();
            if (task.url() != null) {
                job.report(progress.at(Stage.FETCHING, 0.02, "Fetching " + task.url()));
                UrlFetcher.Fetched fetched = urlFetcher.fetch(task.url());
                content = fetched.content();
                name = fetched.fileName();
                job.checkNotCancelled();
                job.report(progress.at(Stage.EXTRACTING, 0.05, "Extracting text"));
                text = extractor.extract(content, name, fetched.mediaType());
            }
            String hash = sha256(content);
            if (brain.findByHash(task.knowledgeBase(), hash).isPresent()) {
                throw new InvalidInputException("file", "This document is already in this knowledge base");
            }
            List<Chunk> chunks = chunker.split(text.text());
            job.checkNotCancelled();

            List<float[]> vectors = embed(job, progress, chunks);

            job.report(progress.at(Stage.STORING, 0.95, "Storing " + passages(chunks.size())));
            String title = text.title() == null || text.title().isBlank() ? name : text.title();
            String metadata = new DocumentMetadata(task.tags(), task.category()).toJson();
            long size = content.length;
            String mediaType = text.mediaType();
            Stored outcome = transaction.execute(status -> {
                DocumentId document = brain.insertDocument(task.workspace(), task.knowledgeBase(), truncate(title, 300),
                        task.source(), mediaType, size, hash, chunks.size(), metadata, task.creator());
                brain.insertChunks(document, task.workspace(), task.knowledgeBase(), chunks, vectors);
                BrainRepository.State state = search.changed(task.workspace(), chunks.size());
                job.checkNotCancelled();
                return new Stored(document, state);
            });
            job.report(progress.done(outcome.document(), passages(chunks.size()) + " ready to search"));
            vectorIndexes.considerBuilding(task.workspace(), outcome.state());
        } catch (IngestionCancelledException e) {
            job.report(progress.at(Stage.CANCELLED, job.progress().progress(), "Cancelled: nothing was stored"));
        } catch (InvalidInputException e) {
            job.report(progress.at(Stage.FAILED, job.progress().progress(), e.getMessage()));
        } catch (DuplicateKeyException e) {
            job.report(progress.at(Stage.FAILED, job.progress().progress(), "This document is already in this knowledge base"));
        } catch (RuntimeException e) {
            if (job.cancelled()) {
                // Cancelled while storing, e.g. its knowledge base deleted under it: the insert failed, nothing stayed.
                job.report(progress.at(Stage.CANCELLED, job.progress().progress(), "Cancelled: nothing was stored"));
                return;
            }
            log.warn("Ingestion of {} failed", task.source(), e);
            job.report(progress.at(Stage.FAILED, job.progress().progress(), "Ingestion failed unexpectedly; nothing was stored"));
        }
    }

    private List<float[]> embed(Ingestions.Job job, IngestionProgress progress, List<Chunk> chunks) {
        List<float[]> vectors = new ArrayList<>(chunks.size());
        int batch = properties.embeddingBatchSize();
        for (int from = 0; from < chunks.size(); from += batch) {
            List<Chunk> slice = chunks.subList(from, Math.min(chunks.size(), from + batch));
            vectors.addAll(embeddings.embedAll(slice.stream().map(Chunk::content).toList()));
            job.checkNotCancelled();
            double done = (double) vectors.size() / chunks.size();
            job.report(progress.at(Stage.EMBEDDING, 0.1 + 0.85 * done,
                    "Embedded " + vectors.size() + " of " + passages(chunks.size())));
        }
        return vectors;
    }

    private static String passages(int count) {
        return count == 1 ? "1 passage" : count + " passages";
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
