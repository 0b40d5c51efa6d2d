package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Runs the real model: it ships inside a jar, so this needs no network and takes about a second to load. */
class LocalMiniLmEmbeddingsTest {

    private static final LocalMiniLmEmbeddings model = new LocalMiniLmEmbeddings();

    @AfterAll
    static void stopThreads() {
        model.destroy();
    }

    @Test
    void vectors_have_384_dimensions_and_unit_length() {
        float[] vector = model.embed("How do I reset my password?");

        assertThat(vector).hasSize(384);
        assertThat(model.dimensions()).isEqualTo(384);
        assertThat(model.modelId()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(dot(vector, vector)).isCloseTo(1.0, Offset.offset(1e-4));
    }

    @Test
    void the_same_text_gives_an_identical_vector() {
        assertThat(model.embed("Invoices are due within 30 days."))
                .containsExactly(model.embed("Invoices are due within 30 days."));
    }

    @Test
    void similar_sentences_are_closer_than_unrelated_ones() {
        float[] question = model.embed("How do I reset my password?");
        float[] answer = model.embed("To change a forgotten password, use the reset link on the sign-in page.");
        float[] unrelated = model.embed("The harbour freezes over in January.");

        assertThat(dot(question, answer)).isGreaterThan(dot(question, unrelated) + 0.2);
    }

    @Test
    void a_batch_gives_the_same_vectors_in_the_same_order_as_single_calls() {
        List<String> texts = List.of("Alpha release notes.", "Quarterly revenue grew.", "Cats sleep a lot.");

        List<float[]> batch = model.embedAll(texts);

        assertThat(batch).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(dot(batch.get(i), model.embed(texts.get(i)))).isGreaterThan(0.9999);
        }
        assertThat(model.embedAll(List.of())).isEmpty();
    }

    @Test
    void concurrent_callers_get_the_same_vectors_as_a_lone_caller() throws Exception {
        List<String> texts = IntStream.range(0, 40).mapToObj(i -> "Concurrent sentence number " + i + ".").toList();
        List<float[]> alone = texts.stream().map(model::embed).toList();

        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> together = texts.stream().map(t -> callers.submit(() -> model.embed(t))).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(together.get(i).get()).containsExactly(alone.get(i));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void blank_text_is_refused() {
        assertThatThrownBy(() -> model.embed(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.embedAll(List.of("fine", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    /** The vectors have unit length, so their dot product is their cosine similarity. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
