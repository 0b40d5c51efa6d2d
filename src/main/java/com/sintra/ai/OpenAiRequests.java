package com.sintra.ai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionChunk;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionRequest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Between Sintra's prompts and the OpenAI chat-completions wire format of Spring AI's {@code OpenAiApi}.
 * The gateway streams through {@code OpenAiApi} rather than {@code OpenAiChatModel}: the model, asked for
 * usage, holds every chunk back until the next one arrives (to attach usage to the last text chunk), which
 * delays each token by one token's time. See docs/decisions/0007.
 */
final class OpenAiRequests {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private OpenAiRequests() {
    }

    /** A streaming request that asks for usage in its last chunk. */
    static ChatCompletionRequest streaming(ChatPrompt prompt, String model) {
        List<Map<String, Object>> messages = new ArrayList<>();
        if (!prompt.systemPrompt().isBlank()) {
            messages.add(message("system", prompt.systemPrompt()));
        }
        for (ChatPrompt.Turn turn : prompt.history()) {
            messages.add(message(turn.fromUser() ? "user" : "assistant", turn.content()));
        }
        messages.add(message("user", prompt.userMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        body.put("temperature", prompt.temperature());
        body.put("max_tokens", prompt.maxTokens());
        body.put("stream", true);
        body.put("stream_options", Map.of("include_usage", true));
        // The request record's own JSON names are the wire format's: no constructor with 32 arguments.
        return JSON.convertValue(body, ChatCompletionRequest.class);
    }

    /** The chunk's text (empty for role-only and usage-only chunks) and, on the last one, the usage. */
    static ChatChunk chunk(ChatCompletionChunk chunk) {
        StringBuilder text = new StringBuilder();
        if (chunk.choices() != null) {
            chunk.choices().stream().filter(choice -> choice.delta() != null && choice.delta().content() != null)
                    .forEach(choice -> text.append(choice.delta().content()));
        }
        var usage = chunk.usage();
        boolean reported = usage != null && usage.completionTokens() != null && usage.completionTokens() > 0;
        return new ChatChunk(text.toString(), reported
                ? new ChatChunk.Usage(usage.promptTokens() == null ? 0 : usage.promptTokens(), usage.completionTokens()) : null);
    }

    private static Map<String, Object> message(String role, String content) {
        return Map.of("role", role, "content", content);
    }
}
