package com.sintra.brain;

import java.util.List;

/**
 * Turns text into vectors whose cosine similarity tracks similarity of meaning. Vectors from different models
 * (or dimensions) are not comparable, so every stored vector is labelled with {@link #modelId()}.
 */
interface EmbeddingModel {

    /** @throws IllegalArgumentException for blank text, which has no meaning to embed */
    float[] embed(String text);

    /** One vector per text, in the same order; one call, so the model can use all its threads at once. */
    List<float[]> embedAll(List<String> texts);

    int dimensions();

    String modelId();
}
