package com.sintra.ai;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One provider's wire protocol: a streamed answer, and the models it offers. Unguarded: the gateway guards it. */
interface ModelClient {

    /** The answer's chunks; the last carries the usage when the provider reports it. */
    Flux<ChatChunk> stream(ChatPrompt prompt, String model);

    /** The provider's model names, sorted; a listing, never a paid call. */
    Mono<List<String>> models(Duration timeout);

    /**
     * The server's root, without a trailing slash or {@code /v1}: people paste either form
     * ({@code https://api.openai.com/v1}, {@code http://localhost:11434}), and the paths below add {@code /v1}.
     */
    static String root(String baseUrl) {
        String root = baseUrl.strip();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return root.endsWith("/v1") ? root.substring(0, root.length() - 3) : root;
    }
}
