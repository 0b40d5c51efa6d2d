package com.sintra.chat;

import java.util.List;

/** Picks the sentences of a text that say most about a topic, as offline answers pick them from passages. */
public final class KeySentences {

    private KeySentences() {
    }

    /** The (at most two) sentences of {@code text} sharing most words with {@code topic}, in the text's order. */
    public static List<String> of(String text, String topic) {
        return OfflineAnswer.bestSentences(text == null ? "" : text, OfflineAnswer.words(topic == null ? "" : topic));
    }
}
