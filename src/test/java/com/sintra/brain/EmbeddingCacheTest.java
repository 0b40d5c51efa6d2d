package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.sintra.cluster.SharedCaches;

class EmbeddingCacheTest {

    private final CountingModel model = new CountingModel();
    private final EmbeddingCache cache = new EmbeddingCache(model,
            TestBrainProperties.with(Map.of("sintra.brain.embedding-cache-size", "1000")), new SharedCaches(Optional.empty()));

    @Test
    void a_cache_hit_makes_no_second_model_call() {
        float[] first = cache.embed("What is our refund policy?");
        float[] second = cache.embed("What is our refund policy?");

        assertThat(second).containsExactly(first);
        assertThat(model.calls).containsExactly(List.of("What is our refund policy?"));
    }

    @Test
    void texts_that_differ_only_in_whitespace_share_one_embedding() {
        cache.embed("  Refund\tpolicy\n\nterms ");
        cache.embed("Refund policy terms");

        assertThat(model.calls).containsExactly(List.of("Refund policy terms"));
    }

    @Test
    void case_is_kept_because_the_model_may_read_it() {
        cache.embed("Apple");
        cache.embed("apple");

        assertThat(model.calls).containsExactly(List.of("Apple"), List.of("apple"));
    }

    @Test
    void a_batch_embeds_only_the_misses_in_one_call_and_keeps_the_order() {
        float[] cached = cache.embed("b");

        List<float[]> vectors = cache.embedAll(List.of("a", "b", "c", "a"));

        assertThat(model.calls).containsExactly(List.of("b"), List.of("a", "c"));
        assertThat(vectors).hasSize(4);
        assertThat(vectors.get(0)).containsExactly(CountingModel.vectorOf("a"));
        assertThat(vectors.get(1)).containsExactly(cached);
        assertThat(vectors.get(2)).containsExactly(CountingModel.vectorOf("c"));
        assertThat(vectors.get(3)).containsExactly(vectors.get(0));
    }

    @Test
    void a_batch_of_hits_or_no_texts_calls_no_model() {
        cache.embedAll(List.of("x", "y"));

        assertThat(cache.embedAll(List.of("y", "x"))).hasSize(2);
        assertThat(cache.embedAll(List.of())).isEmpty();
        assertThat(model.calls).hasSize(1);
    }

    @Test
    void a_caller_changing_its_vector_does_not_change_the_cached_one() {
        cache.embed("shared")[0] = 42f;
        cache.embedAll(List.of("shared")).get(0)[1] = 42f;

        assertThat(cache.embed("shared")).containsExactly(CountingModel.vectorOf("shared"));
    }

    @Test
    void blank_text_is_refused_before_the_model_sees_it() {
        assertThatThrownBy(() -> cache.embed(" \n ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.embedAll(List.of("fine", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(model.calls).isEmpty();
    }

    @Test
    void the_model_s_identity_shows_through() {
        assertThat(cache.modelId()).isEqualTo("counting");
        assertThat(cache.dimensions()).isEqualTo(3);
    }

    /** Records every call; its vectors are derived from the text, so they are stable and distinct. */
    private static final class CountingModel implements EmbeddingModel {

        final List<List<String>> calls = new ArrayList<>();

        static float[] vectorOf(String text) {
            return new float[] {text.length(), text.hashCode(), text.charAt(0)};
        }

        @Override
        public float[] embed(String text) {
            calls.add(List.of(text));
            return vectorOf(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            calls.add(List.copyOf(texts));
            return texts.stream().map(CountingModel::vectorOf).toList();
        }

        @Override
        public int dimensions() {
            return 3;
        }

        @Override
        public String modelId() {
            return "counting";
        }
    }
}
