package com.sintra.brain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param chunkTokens         a chunk's target size in estimated tokens (words × 1.3); MiniLM reads 256 at most
 * @param chunkOverlapTokens  how much of a chunk's end the next chunk repeats, so no passage loses its context
 * @param embeddingCacheSize  embeddings kept in memory, shared by all workspaces (about 1.6 KB each)
 * @param embeddingCacheTtl   how long an embedding is kept, in memory and (cluster profile) in Redis
 * @param embeddingBatchSize  passages embedded per model call during ingestion (progress is reported per batch)
 * @param ingestionThreads    documents ingested at once; ingestion is CPU-bound, so about the number of cores
 * @param maxDocumentBytes    the largest upload or fetched document; also the servlet's multipart limit (UploadLimit)
 * @param urlTimeout          connect and read time limit when fetching a URL
 * @param allowPrivateUrls    allow fetching private, loopback and link-local addresses (off: SSRF protection)
 * @param maxQueryLength      longest search query, in characters
 * @param maxResults          largest k a search may ask for
 * @param exactScanLimit      workspaces with at most this many chunks are scanned exactly; bigger ones get their own HNSW index
 * @param hnswM               HNSW graph degree of workspace indexes (docs/decisions/0004)
 * @param hnswEfConstruction  HNSW build-time candidate list of workspace indexes
 * @param hnswEfSearch        HNSW search-time candidate list; 400 gave recall@10 0.98 at p95 17 ms in a 200,000-chunk
 *                            workspace of a 1M-chunk table (docs/performance.md)
 * @param hnswMaxScanTuples   index tuples an iterative HNSW scan may visit before it gives up and the search falls back
 *                            to an exact scan; pgvector's default, since larger budgets bought nothing in a probe
 *                            (docs/decisions/0004)
 * @param searchCacheSize     search results kept in memory
 * @param searchMinScore      the Brain view shows passages at least this similar to the query (cosine; unrelated text
 *                            scores about 0 to 0.15 with MiniLM); the API returns k passages unless its caller sets a minScore
 * @param embeddingProvider   local (the bundled MiniLM model, offline) or openai (any OpenAI-compatible server)
 * @param embeddingBaseUrl    the OpenAI-compatible server, e.g. https://api.openai.com/v1 or http://localhost:11434/v1
 * @param embeddingApiKey     its API key; from the environment (SINTRA_EMBEDDING_API_KEY), never from a file in the repository
 * @param embeddingModel      the remote model's name
 * @param embeddingDimensions the vector size; the schema follows it while the brain is empty
 * @param warming             what is loaded into the caches after start, in the background (CacheWarming)
 */
@ConfigurationProperties("sintra.brain")
record BrainProperties(@DefaultValue("200") int chunkTokens,
                       @DefaultValue("40") int chunkOverlapTokens,
                       @DefaultValue("20000") long embeddingCacheSize,
                       @DefaultValue("1d") Duration embeddingCacheTtl,
                       @DefaultValue("64") int embeddingBatchSize,
                       @DefaultValue("2") int ingestionThreads,
                       @DefaultValue("20971520") long maxDocumentBytes,
                       @DefaultValue("10s") Duration urlTimeout,
                       @DefaultValue("false") boolean allowPrivateUrls,
                       @DefaultValue("1000") int maxQueryLength,
                       @DefaultValue("50") int maxResults,
                       @DefaultValue("10000") long exactScanLimit,
                       @DefaultValue("16") int hnswM,
                       @DefaultValue("64") int hnswEfConstruction,
                       @DefaultValue("400") int hnswEfSearch,
                       @DefaultValue("20000") int hnswMaxScanTuples,
                       @DefaultValue("10000") long searchCacheSize,
                       @DefaultValue("0.2") double searchMinScore,
                       @DefaultValue("local") String embeddingProvider,
                       @DefaultValue("https://api.openai.com/v1") String embeddingBaseUrl,
                       @DefaultValue("") String embeddingApiKey,
                       @DefaultValue("text-embedding-3-small") String embeddingModel,
                       @DefaultValue("384") int embeddingDimensions,
                       @DefaultValue Warming warming) {

    /**
     * @param enabled              off: the caches fill as questions come
     * @param recent               questions of this recent past count
     * @param questions            the most frequent distinct questions whose embeddings are loaded
     * @param workspaces           the workspaces with the most questions whose search results are loaded
     * @param searchesPerWorkspace the most frequent questions of each of them that are searched
     * @param maxDuration          warming stops after this long, whatever it has not loaded yet
     */
    record Warming(@DefaultValue("true") boolean enabled,
                   @DefaultValue("3d") Duration recent,
                   @DefaultValue("200") int questions,
                   @DefaultValue("5") int workspaces,
                   @DefaultValue("20") int searchesPerWorkspace,
                   @DefaultValue("30s") Duration maxDuration) {
    }

    /** {@link #maxDocumentBytes} as a person reads it: "20 MB". */
    String maxDocumentSize() {
        return maxDocumentBytes / (1024 * 1024) + " MB";
    }
}
