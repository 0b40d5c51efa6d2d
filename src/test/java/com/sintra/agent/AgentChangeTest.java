package com.sintra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.sintra.agent.AgentChange.Kind;
import com.sintra.agent.AgentChange.Line;
import com.sintra.brain.KnowledgeBaseId;

class AgentChangeTest {

    private static final AgentId AGENT = new AgentId(UUID.randomUUID());
    private static final KnowledgeBaseId HANDBOOK = new KnowledgeBaseId(UUID.randomUUID());
    private static final KnowledgeBaseId PAPERS = new KnowledgeBaseId(UUID.randomUUID());
    private static final Map<KnowledgeBaseId, String> NAMES = Map.of(HANDBOOK, "Handbook", PAPERS, "Papers");

    @Test
    void only_the_fields_that_changed_are_listed_each_with_its_old_and_new_value() {
        AgentVersion before = version(1, "Writer", "", "Be kind.", new BigDecimal("0.70"), 1024, List.of(HANDBOOK));
        AgentVersion after = version(2, "Editor", "Edits drafts", "Be kind.", new BigDecimal("0.7"), 2048,
                List.of(HANDBOOK, PAPERS));

        List<AgentChange> changes = AgentChange.between(before, after, NAMES::get);

        assertThat(changes).extracting(AgentChange::field)
                .containsExactly("Name", "Role description", "Max tokens", "Knowledge bases");
        assertThat(changes.get(0).lines()).containsExactly(new Line(Kind.REMOVED, "Writer"), new Line(Kind.ADDED, "Editor"));
        assertThat(changes.get(1).lines()).containsExactly(new Line(Kind.REMOVED, "(empty)"),
                new Line(Kind.ADDED, "Edits drafts"));
        assertThat(changes.get(2).lines()).containsExactly(new Line(Kind.REMOVED, "1,024"), new Line(Kind.ADDED, "2,048"));
        assertThat(changes.get(3).lines()).containsExactly(new Line(Kind.ADDED, "Papers"));
        assertThat(AgentChange.between(after, after, NAMES::get)).isEmpty();
    }

    @Test
    void a_changed_system_prompt_shows_only_its_changed_lines_in_order() {
        String before = "You are Sintra.\nCite sources.\nBe brief.\nAnswer in English.";
        String after = "You are Sintra.\nCite every source.\nBe brief.\nAnswer in English.\nSay when unsure.";

        assertThat(AgentChange.lines(before, after)).containsExactly(new Line(Kind.REMOVED, "Cite sources."),
                new Line(Kind.ADDED, "Cite every source."), new Line(Kind.ADDED, "Say when unsure."));
        assertThat(AgentChange.lines("", "One\nTwo")).containsExactly(new Line(Kind.ADDED, "One"),
                new Line(Kind.ADDED, "Two"));
        assertThat(AgentChange.lines("A\nB\nC", "A\nC")).containsExactly(new Line(Kind.REMOVED, "B"));
        assertThat(AgentChange.lines("Same", "Same")).isEmpty();
    }

    private static AgentVersion version(int number, String name, String role, String prompt, BigDecimal temperature,
                                        int maxTokens, List<KnowledgeBaseId> knowledgeBases) {
        return new AgentVersion(AGENT, number, name, role, prompt, "gpt-4o-mini", temperature, maxTokens, "#3b82f6",
                false, knowledgeBases, "Ada", Instant.now(), null);
    }
}
