package com.sintra.brain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.sintra.cluster.CacheCodec;
import com.sintra.cluster.SharedCaches;
import com.sintra.cluster.TwoLevelCache;

/**
 * Embeddings of texts seen before, shared by all workspaces: the same text under the same model always gives
 * the same vector, so a re-uploaded document or a repeated question costs no model time. Keyed by a SHA-256
 * of the text, not the text, to keep long chunks out of memory. Case is kept: the model distinguishes it.
 * Under the {@code cluster} profile the nodes share them through Redis (as 4 bytes a float): a vector never
 * goes stale, so nothing is ever invalidated (docs/decisions/0023).
 */
@Component
class EmbeddingCache {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private record Key(String modelId, String textHash) {
    }

    private final EmbeddingModel model;
    private final TwoLevelCache<Key, Embedding> vectors;

    EmbeddingCache(EmbeddingModel model, BrainProperties properties, SharedCaches caches) {
        this.model = model;
        this.vectors = caches.twoLevel("embedding", Caffeine.newBuilder().maximumSize(properties.embeddingCacheSize())
                        .expireAfterWrite(properties.embeddingCacheTtl()), properties.embeddingCacheTtl(),
                key -> key.modelId() + ":" + key.textHash(), CacheCodec.floats(Embedding::values, Embedding::new));
    }

    float[] embed(String text) {
        return query(text).values();
    }

    /** As {@link #embed}, keeping the text form a search binds it in: a repeated question formats it once. */
    Embedding query(String text) {
        String normalised = normalise(text);
        return vectors.get(key(normalised), k -> new Embedding(model.embed(normalised)));
    }

    /** Embeds only the texts not cached yet, all in one model call; repeats within the batch are embedded once. */
    List<float[]> embedAll(List<String> texts) {
        Map<Key, String> byKey = new LinkedHashMap<>();
        List<Key> keys = new ArrayList<>(texts.size());
        for (String text : texts) {
            String normalised = normalise(text);
            Key key = key(normalised);
            byKey.putIfAbsent(key, normalised);
            keys.add(key);
        }
        Map<Key, Embedding> found = vectors.getAll(byKey.keySet(), missing -> {
            List<Key> missed = List.copyOf(missing);
            List<float[]> embedded = model.embedAll(missed.stream().map(byKey::get).toList());
            Map<Key, Embedding> loaded = new LinkedHashMap<>();
            for (int i = 0; i < missed.size(); i++) {
                loaded.put(missed.get(i), new Embedding(embedded.get(i)));
            }
            return loaded;
        });
        return keys.stream().map(key -> found.get(key).values()).toList();
    }

    /** Whether the text's embedding is cached; for tests. */
    boolean cached(String text) {
        return vectors.getIfPresent(key(normalise(text))) != null;
    }

    int dimensions() {
        return model.dimensions();
    }

    String modelId() {
        return model.modelId();
    }

    /** Whitespace differences do not change meaning; the cached vector is of exactly this text. */
    static String normalise(String text) {
        String normalised = text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
        if (normalised.isEmpty()) {
            throw new IllegalArgumentException("Cannot embed blank text");
        }
        return normalised;
    }

    private Key key(String normalised) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
            return new Key(model.modelId(), HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
