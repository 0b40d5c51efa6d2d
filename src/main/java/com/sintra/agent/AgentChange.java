package com.sintra.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.sintra.brain.KnowledgeBaseId;

/**
 * What one version of an agent changed against the one before, field by field: the lines the field lost
 * and the lines it gained. A one-line field loses its old value and gains its new one; the system prompt
 * lists only its changed lines; knowledge bases list those dropped and those added.
 */
public record AgentChange(String field, List<Line> lines) {

    public AgentChange {
        lines = List.copyOf(lines);
    }

    public enum Kind { REMOVED, ADDED }

    public record Line(Kind kind, String text) {
    }

    /**
     * Beyond this many line pairs a prompt's changed middle is shown as removed then added, whole: the
     * comparison costs memory in their product, and such a diff is no longer readable line by line anyway.
     */
    private static final long MAX_LINE_PAIRS = 1_000_000;

    /** The fields {@code after} changed against {@code before}, in the editor's order; empty when none did. */
    public static List<AgentChange> between(AgentVersion before, AgentVersion after,
                                            Function<KnowledgeBaseId, String> knowledgeBaseName) {
        return between(before, after, knowledgeBaseName, provider -> provider == null ? "Default" : provider.toString());
    }

    /** As above, naming AI providers with {@code providerName} (given null for the default provider). */
    public static List<AgentChange> between(AgentVersion before, AgentVersion after,
                                            Function<KnowledgeBaseId, String> knowledgeBaseName,
                                            Function<com.sintra.ai.AiProviderId, String> providerName) {
        List<AgentChange> changes = new ArrayList<>();
        value(changes, "Name", before.name(), after.name());
        value(changes, "Role description", before.roleDescription(), after.roleDescription());
        List<Line> prompt = lines(before.systemPrompt(), after.systemPrompt());
        if (!prompt.isEmpty()) {
            changes.add(new AgentChange("System prompt", prompt));
        }
        value(changes, "AI provider", providerName.apply(before.providerId()), providerName.apply(after.providerId()));
        value(changes, "Model", before.model(), after.model());
        if (before.temperature().compareTo(after.temperature()) != 0) {
            value(changes, "Temperature", before.temperature().stripTrailingZeros().toPlainString(),
                    after.temperature().stripTrailingZeros().toPlainString());
        }
        value(changes, "Max tokens", String.format("%,d", before.maxTokens()), String.format("%,d", after.maxTokens()));
        value(changes, "Avatar colour", before.avatarColor(), after.avatarColor());
        value(changes, "Cache answers", before.cacheAnswers() ? "Yes" : "No", after.cacheAnswers() ? "Yes" : "No");
        List<Line> knowledge = new ArrayList<>();
        Set<KnowledgeBaseId> kept = new HashSet<>(after.knowledgeBases());
        before.knowledgeBases().stream().filter(kb -> !kept.contains(kb))
                .forEach(kb -> knowledge.add(new Line(Kind.REMOVED, knowledgeBaseName.apply(kb))));
        Set<KnowledgeBaseId> had = new HashSet<>(before.knowledgeBases());
        after.knowledgeBases().stream().filter(kb -> !had.contains(kb))
                .forEach(kb -> knowledge.add(new Line(Kind.ADDED, knowledgeBaseName.apply(kb))));
        if (!knowledge.isEmpty()) {
            changes.add(new AgentChange("Knowledge bases", knowledge));
        }
        return changes;
    }

    private static void value(List<AgentChange> changes, String field, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(new AgentChange(field, List.of(new Line(Kind.REMOVED, shown(before)),
                    new Line(Kind.ADDED, shown(after)))));
        }
    }

    private static String shown(String value) {
        return value == null || value.isEmpty() ? "(empty)" : value;
    }

    /** The lines removed from {@code before} and added in {@code after}, in order; unchanged lines left out. */
    static List<Line> lines(String before, String after) {
        if (Objects.equals(before, after)) {
            return List.of();
        }
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\\R", -1));
        List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\\R", -1));
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<String> oldMiddle = a.subList(start, endA);
        List<String> newMiddle = b.subList(start, endB);
        List<Line> changed = new ArrayList<>();
        if ((long) oldMiddle.size() * newMiddle.size() > MAX_LINE_PAIRS) {
            oldMiddle.forEach(line -> changed.add(new Line(Kind.REMOVED, line)));
            newMiddle.forEach(line -> changed.add(new Line(Kind.ADDED, line)));
            return changed;
        }
        // Longest common subsequence from the end, so the walk below can go forward.
        int n = oldMiddle.size();
        int m = newMiddle.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = oldMiddle.get(i).equals(newMiddle.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && oldMiddle.get(i).equals(newMiddle.get(j))) {
                i++;
                j++;
            } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                changed.add(new Line(Kind.REMOVED, oldMiddle.get(i++)));
            } else {
                changed.add(new Line(Kind.ADDED, newMiddle.get(j++)));
            }
        }
        return changed;
    }
}
