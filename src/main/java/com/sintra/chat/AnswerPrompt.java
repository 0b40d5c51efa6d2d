package com.sintra.chat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import com.sintra.agent.Agent;
import com.sintra.ai.ChatPrompt;
import com.sintra.brain.SearchHit;

/**
 * Turns an agent, its grounding and a question into the model's prompt, the answer's citations, and the
 * key its answer may be cached under.
 */
final class AnswerPrompt {

    static final int EXCERPT = 280;
    static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private AnswerPrompt() {
    }

    static ChatPrompt of(Agent agent, Grounding grounding, String question, int historyCharacters) {
        List<ChatPrompt.Turn> history = grounding.history().stream()
                .map(m -> new ChatPrompt.Turn(m.fromUser(), cut(m.content(), historyCharacters))).toList();
        return new ChatPrompt(agent.model(), systemPrompt(agent, grounding.passages()), history, question,
                agent.temperature().doubleValue(), agent.maxTokens(), agent.providerId(),
                new ChatPrompt.Attribution(agent.workspaceId().value(), agent.id().value()));
    }

    private static String systemPrompt(Agent agent, List<SearchHit> passages) {
        StringBuilder prompt = new StringBuilder();
        if (!agent.systemPrompt().isBlank()) {
            prompt.append(agent.systemPrompt().strip()).append("\n\n");
        }
        prompt.append("You are ").append(agent.name());
        if (!agent.roleDescription().isBlank()) {
            prompt.append(", ").append(agent.roleDescription().strip());
        }
        prompt.append(".\n");
        if (passages.isEmpty()) {
            return prompt.append("No passages from a knowledge base match this question: say so if the answer needs them.")
                    .toString();
        }
        prompt.append("""
                Answer from the numbered passages below where they are relevant, and cite each one you use as [n]. \
                If they do not contain the answer, say so rather than guess.

                """);
        for (int i = 0; i < passages.size(); i++) {
            SearchHit passage = passages.get(i);
            prompt.append('[').append(i + 1).append("] ").append(passage.documentTitle()).append('\n')
                    .append(passage.content().strip()).append("\n\n");
        }
        return prompt.toString().stripTrailing();
    }

    static List<Citation> citations(List<SearchHit> passages) {
        List<Citation> citations = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            SearchHit p = passages.get(i);
            citations.add(new Citation(i + 1, p.documentId(), p.documentTitle(), p.source(), p.chunkId(), p.position(),
                    excerpt(p.content()), p.score()));
        }
        return citations;
    }

    /**
     * Where the answer may be cached: only for deterministic enough agents (temperature 0, or caching switched
     * on), under the agent's id, version and model, the normalised question and the ids of the context it was
     * given. Editing the agent bumps its version; changing its knowledge changes the passages' ids.
     *
     * @return null when the answer must not be cached
     */
    static String cacheKey(Agent agent, Grounding grounding, String question) {
        if (!cacheable(agent)) {
            return null;
        }
        StringBuilder context = new StringBuilder(normalised(question));
        grounding.passages().forEach(p -> context.append("\u0000p").append(p.chunkId()));
        grounding.history().forEach(m -> context.append("\u0000m").append(m.id()));
        return "chat:" + agent.id() + ":" + agent.version() + ":" + agent.model() + ":" + sha256(context.toString());
    }

    /**
     * Where the answer to a prompt made outside a chat may be cached (a collaboration's turn): as for a chat,
     * only for deterministic enough agents, under the agent's id, version and model, and the whole prompt with
     * the ids of the passages in it.
     *
     * @return null when the answer must not be cached
     */
    static String cacheKey(Agent agent, List<Long> passageChunks, ChatPrompt prompt) {
        if (!cacheable(agent)) {
            return null;
        }
        StringBuilder context = new StringBuilder(prompt.systemPrompt()).append("\u0000u").append(prompt.userMessage());
        prompt.history().forEach(t -> context.append(t.fromUser() ? "\u0000h" : "\u0000a").append(t.content()));
        passageChunks.forEach(id -> context.append("\u0000p").append(id));
        return "turn:" + agent.id() + ":" + agent.version() + ":" + agent.model() + ":" + sha256(context.toString());
    }

    private static boolean cacheable(Agent agent) {
        return agent.cacheAnswers() || agent.temperature().compareTo(BigDecimal.ZERO) == 0;
    }

    static String normalised(String question) {
        return WHITESPACE.matcher(Normalizer.normalize(question, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    /**
     * The passage's opening as a citation shows it: whitespace runs collapsed to one space, trimmed, and cut at
     * {@link #EXCERPT} characters with an ellipsis. The same as collapsing the whole passage first, but it reads
     * only as far as the excerpt reaches (a passage is several times longer).
     */
    static String excerpt(String content) {
        StringBuilder opening = new StringBuilder(EXCERPT + 2);
        boolean pendingSpace = false;
        int i = 0;
        while (i < content.length() && opening.isEmpty() && isSpace(content.charAt(i))) {
            i++;
        }
        for (; i < content.length(); i++) {
            char c = content.charAt(i);
            if (isRegexSpace(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) {
                opening.append(' ');
                pendingSpace = false;
            }
            opening.append(c);
            if (opening.length() > EXCERPT && !Character.isWhitespace(c)) {
                // Longer than an excerpt whatever follows: the rest is never shown.
                return opening.substring(0, EXCERPT).strip() + "…";
            }
        }
        return cut(opening.toString().strip(), EXCERPT);
    }

    /** What {@code \\s} matches. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** What a leading {@code strip()} after collapsing would remove. */
    private static boolean isSpace(char c) {
        return isRegexSpace(c) || Character.isWhitespace(c);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length).strip() + "…";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
