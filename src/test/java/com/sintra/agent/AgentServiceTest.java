package com.sintra.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.brain.BrainService;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

class AgentServiceTest extends IntegrationTest {

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_agent_is_stored_with_its_settings_and_knowledge_bases_trimmed_and_at_version_1() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");

        AgentId id = fixtures.as(owner, () -> agents.create(workspace, new AgentDraft("  Researcher ", " Finds things ",
                "Cite sources.", " gpt-4o-mini ", new BigDecimal("0.25"), 2048, "#AABBCC", true, List.of(handbook))));

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.workspaceId()).isEqualTo(workspace);
        assertThat(agent.name()).isEqualTo("Researcher");
        assertThat(agent.roleDescription()).isEqualTo("Finds things");
        assertThat(agent.model()).isEqualTo("gpt-4o-mini");
        assertThat(agent.temperature()).isEqualByComparingTo("0.25");
        assertThat(agent.maxTokens()).isEqualTo(2048);
        assertThat(agent.avatarColor()).isEqualTo("#AABBCC");
        assertThat(agent.cacheAnswers()).isTrue();
        assertThat(agent.knowledgeBases()).containsExactly(handbook);
        assertThat(agent.version()).isEqualTo(1);
        assertThat(agent.archived()).isFalse();
    }

    @Test
    void every_edit_bumps_the_version_and_replaces_the_knowledge_bases() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");
        KnowledgeBaseId papers = knowledgeBase(owner, workspace, "Papers");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of(handbook))));
        Agent created = fixtures.as(owner, () -> agents.get(id));

        fixtures.as(owner, () -> agents.update(id, draft("Editor", List.of(papers))));
        fixtures.as(owner, () -> agents.update(id, new AgentDraft("Editor", "Edits", "", "gpt-4o", new BigDecimal("1.5"),
                4000, "#000000", false, List.of(papers, handbook))));

        Agent edited = fixtures.as(owner, () -> agents.get(id));
        assertThat(edited.version()).isEqualTo(3);
        assertThat(edited.updatedAt()).isAfter(created.updatedAt());
        assertThat(edited.name()).isEqualTo("Editor");
        assertThat(edited.model()).isEqualTo("gpt-4o");
        assertThat(edited.temperature()).isEqualByComparingTo("1.5");
        assertThat(edited.knowledgeBases()).containsExactlyInAnyOrder(papers, handbook);
        assertThat(edited.createdAt()).isEqualTo(created.createdAt());
    }

    @Test
    void a_save_that_changes_nothing_keeps_the_version_and_the_time_of_change() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");
        KnowledgeBaseId papers = knowledgeBase(owner, workspace, "Papers");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of(handbook, papers))));
        Agent created = fixtures.as(owner, () -> agents.get(id));

        // The same settings as a form sends them back: untrimmed, the temperature unscaled, the bases reordered.
        boolean stored = fixtures.as(owner, () -> agents.update(id, new AgentDraft(" Writer ", "", "", "gpt-4o-mini",
                new BigDecimal("0.7"), 1024, "#3b82f6", false, List.of(papers, handbook))));

        Agent after = fixtures.as(owner, () -> agents.get(id));
        assertThat(stored).isFalse();
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.updatedAt()).isEqualTo(created.updatedAt());
        assertThat(fixtures.as(owner, () -> agents.history(id))).hasSize(1);
        assertThat(fixtures.as(owner, () -> agents.update(id, draft("Writer", List.of(papers))))).isTrue();
        assertThat(fixtures.as(owner, () -> agents.get(id)).version()).isEqualTo(2);
    }

    @Test
    void every_version_is_kept_in_the_history_newest_first_with_who_saved_it() {
        User owner = fixtures.newUser();
        User editor = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.addMember(workspace, editor.email(), WorkspaceRole.EDITOR));
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of())));
        fixtures.as(editor, () -> agents.update(id, new AgentDraft("Writer", "Writes", "Be brief.", "gpt-4o",
                new BigDecimal("0.2"), 2000, "#000000", true, List.of(handbook))));
        assertThatThrownBy(() -> fixtures.as(editor, () -> agents.update(id, draft("", List.of()))))
                .isInstanceOf(InvalidInputException.class);

        List<AgentVersion> history = fixtures.as(owner, () -> agents.history(id));

        assertThat(history).extracting(AgentVersion::version).containsExactly(2, 1);
        assertThat(history).extracting(AgentVersion::savedBy).containsExactly(editor.displayName(), owner.displayName());
        AgentVersion latest = history.get(0);
        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(latest).usingRecursiveComparison().ignoringFields("agentId", "savedBy", "savedAt")
                .isEqualTo(agent).as("the snapshot of the current version is the agent as stored");
        assertThat(latest.savedAt()).isEqualTo(agent.updatedAt());
        assertThat(history.get(1).name()).isEqualTo("Writer");
        assertThat(history.get(1).knowledgeBases()).isEmpty();
        assertThat(history.get(1).temperature()).isEqualByComparingTo("0.7");
    }

    @Test
    void reverting_stores_the_old_settings_as_a_new_version_and_keeps_the_history() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");
        KnowledgeBaseId papers = knowledgeBase(owner, workspace, "Papers");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, new AgentDraft("Writer", "Writes",
                "Line one\nLine two", "gpt-4o-mini", new BigDecimal("0.3"), 512, "#111111", true, List.of(handbook))));
        fixtures.as(owner, () -> agents.update(id, new AgentDraft("Editor", "Edits", "Line one\nLine 2", "gpt-4o",
                new BigDecimal("1.1"), 4096, "#222222", false, List.of(papers))));

        boolean stored = fixtures.as(owner, () -> agents.revert(id, 1));

        Agent reverted = fixtures.as(owner, () -> agents.get(id));
        assertThat(stored).isTrue();
        assertThat(reverted.version()).isEqualTo(3);
        assertThat(reverted.name()).isEqualTo("Writer");
        assertThat(reverted.systemPrompt()).isEqualTo("Line one\nLine two");
        assertThat(reverted.temperature()).isEqualByComparingTo("0.3");
        assertThat(reverted.maxTokens()).isEqualTo(512);
        assertThat(reverted.cacheAnswers()).isTrue();
        assertThat(reverted.knowledgeBases()).containsExactly(handbook);
        List<AgentVersion> history = fixtures.as(owner, () -> agents.history(id));
        assertThat(history).extracting(AgentVersion::version).containsExactly(3, 2, 1);
        assertThat(history).extracting(AgentVersion::name).containsExactly("Writer", "Editor", "Writer");
        assertThat(fixtures.as(owner, () -> agents.revert(id, 3))).as("already the current settings").isFalse();
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.revert(id, 9))).isInstanceOf(NotFoundException.class);
        assertThat(fixtures.as(owner, () -> agents.get(id)).version()).isEqualTo(3);
    }

    @Test
    void history_is_read_by_members_only_and_reverting_needs_an_editor_of_an_active_agent() {
        User owner = fixtures.newUser();
        User viewer = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of())));
        fixtures.as(owner, () -> agents.update(id, draft("Editor", List.of())));

        assertThat(fixtures.as(viewer, () -> agents.history(id))).hasSize(2);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.revert(id, 1))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.history(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.revert(id, 1))).isInstanceOf(NotFoundException.class);
        fixtures.as(owner, () -> agents.setArchived(id, true));
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.revert(id, 1))).isInstanceOf(InvalidInputException.class);

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.name()).isEqualTo("Editor");
        assertThat(agent.version()).isEqualTo(2);
    }

    @Test
    void reverting_leaves_out_knowledge_bases_deleted_since() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kept = knowledgeBase(owner, workspace, "Kept");
        KnowledgeBaseId gone = knowledgeBase(owner, workspace, "Gone");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of(kept, gone))));
        fixtures.as(owner, () -> agents.update(id, draft("Editor", List.of())));
        jdbc.sql("DELETE FROM knowledge_bases WHERE id = :id").param("id", gone.value()).update();

        fixtures.as(owner, () -> agents.revert(id, 1));

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.name()).isEqualTo("Writer");
        assertThat(agent.knowledgeBases()).containsExactly(kept);
        assertThat(fixtures.as(owner, () -> agents.history(id)).get(2).knowledgeBases()).containsExactlyInAnyOrder(kept, gone);
    }

    @Test
    void a_duplicate_is_a_new_agent_at_version_1_with_the_same_settings_and_knowledge_bases() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = knowledgeBase(owner, workspace, "Handbook");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Writer", List.of(handbook))));
        fixtures.as(owner, () -> agents.update(id, draft("Writer", List.of(handbook))));

        AgentId copyId = fixtures.as(owner, () -> agents.duplicate(id));

        Agent original = fixtures.as(owner, () -> agents.get(id));
        Agent copy = fixtures.as(owner, () -> agents.get(copyId));
        assertThat(copyId).isNotEqualTo(id);
        assertThat(copy.name()).isEqualTo("Writer (copy)");
        assertThat(copy.version()).isEqualTo(1);
        assertThat(copy.knowledgeBases()).containsExactly(handbook);
        assertThat(copy).usingRecursiveComparison()
                .ignoringFields("id", "name", "version", "createdAt", "updatedAt").isEqualTo(original);
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, 0, 10))).extracting(Agent::id)
                .containsExactly(copyId, id);
    }

    @Test
    void the_copy_of_a_long_name_still_fits() {
        assertThat(AgentService.copyName("n".repeat(80))).hasSize(80).endsWith("n (copy)");
        assertThat(AgentService.copyName("n".repeat(72) + "😀")).isEqualTo("n".repeat(72) + " (copy)");
        assertThat(AgentService.copyName("Short")).isEqualTo("Short (copy)");
    }

    @Test
    void archived_agents_leave_the_default_list_cannot_be_changed_and_come_back_when_restored() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        AgentId kept = fixtures.as(owner, () -> agents.create(workspace, draft("Kept", List.of())));
        AgentId archived = fixtures.as(owner, () -> agents.create(workspace, draft("Archived", List.of())));

        fixtures.as(owner, () -> agents.setArchived(archived, true));

        assertThat(fixtures.as(owner, () -> agents.agents(workspace, 0, 10))).extracting(Agent::id).containsExactly(kept);
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, true, 0, 10))).extracting(Agent::id)
                .containsExactly(archived, kept);
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.update(archived, draft("Changed", List.of()))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.duplicate(archived)))
                .isInstanceOf(InvalidInputException.class);
        Agent stillArchived = fixtures.as(owner, () -> agents.get(archived));
        assertThat(stillArchived.name()).isEqualTo("Archived");
        assertThat(stillArchived.version()).isEqualTo(1);

        fixtures.as(owner, () -> agents.setArchived(archived, false));
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, 0, 10))).hasSize(2);
    }

    @Test
    void the_list_pages_through_the_agents_newest_first() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        List<AgentId> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "Agent " + i;
            created.add(0, fixtures.as(owner, () -> agents.create(workspace, draft(name, List.of()))));
        }
        List<Agent> first = fixtures.as(owner, () -> agents.agents(workspace, false, 0, 3));
        List<Agent> second = fixtures.as(owner, () -> agents.agents(workspace, false, 3, 3));
        assertThat(first).extracting(Agent::id).containsExactlyElementsOf(created.subList(0, 3));
        assertThat(second).extracting(Agent::id).containsExactlyElementsOf(created.subList(3, 5));
    }

    @Test
    void bad_input_is_refused_at_its_field_and_nothing_is_stored() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        BigDecimal ok = new BigDecimal("0.7");
        assertRefused(owner, workspace, new AgentDraft("  ", "", "", "m", ok, 10, null, false, List.of()), "name");
        assertRefused(owner, workspace, new AgentDraft("x".repeat(81), "", "", "m", ok, 10, null, false, List.of()), "name");
        assertRefused(owner, workspace, new AgentDraft("a", "r".repeat(501), "", "m", ok, 10, null, false, List.of()), "roleDescription");
        assertRefused(owner, workspace, new AgentDraft("a", "", "p".repeat(20_001), "m", ok, 10, null, false, List.of()), "systemPrompt");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", " ", ok, 10, null, false, List.of()), "model");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", new BigDecimal("-0.1"), 10, null, false, List.of()), "temperature");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", new BigDecimal("2.01"), 10, null, false, List.of()), "temperature");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", ok, 0, null, false, List.of()), "maxTokens");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", ok, 200_001, null, false, List.of()), "maxTokens");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", ok, 10, "blue", false, List.of()), "avatarColor");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", ok, 10, "#12345", false, List.of()), "avatarColor");
        assertRefused(owner, workspace, new AgentDraft("a", "", "", "m", ok, 10, null, false,
                List.of(new KnowledgeBaseId(UUID.randomUUID()))), "knowledgeBases");
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, true, 0, 10))).isEmpty();

        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Valid", List.of())));
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.update(id, draft("", List.of()))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        Agent unchanged = fixtures.as(owner, () -> agents.get(id));
        assertThat(unchanged.name()).isEqualTo("Valid");
        assertThat(unchanged.version()).isEqualTo(1);
    }

    @Test
    void an_agent_draws_only_on_knowledge_bases_of_its_own_workspace() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        WorkspaceId other = fixtures.newWorkspace(owner);
        KnowledgeBaseId own = knowledgeBase(owner, workspace, "Own");
        KnowledgeBaseId foreign = knowledgeBase(owner, other, "Foreign");

        assertRefused(owner, workspace, draft("Mixed", List.of(own, foreign)), "knowledgeBases");
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Own only", List.of(own))));
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.update(id, draft("Own only", List.of(foreign)))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("knowledgeBases"));

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.knowledgeBases()).containsExactly(own);
        assertThat(agent.version()).isEqualTo(1);
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, true, 0, 10))).extracting(Agent::name)
                .containsExactly("Own only");
    }

    @Test
    void a_non_member_gets_not_found_for_everything_and_unknown_ids_are_not_found_either() {
        User owner = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Private", List.of())));

        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.get(id))).isInstanceOf(NotFoundException.class)
                .hasMessage("Agent not found");
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.update(id, draft("Mine", List.of()))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.duplicate(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.setArchived(id, true))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.agents(workspace, true, 0, 10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.create(workspace, draft("Planted", List.of()))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.get(new AgentId(UUID.randomUUID()))))
                .isInstanceOf(NotFoundException.class).hasMessage("Agent not found");

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.name()).isEqualTo("Private");
        assertThat(agent.archived()).isFalse();
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, true, 0, 10))).hasSize(1);
    }

    @Test
    void a_viewer_reads_agents_but_cannot_change_them() {
        User owner = fixtures.newUser();
        User viewer = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        AgentId id = fixtures.as(owner, () -> agents.create(workspace, draft("Shared", List.of())));

        assertThat(fixtures.as(viewer, () -> agents.get(id)).name()).isEqualTo("Shared");
        assertThat(fixtures.as(viewer, () -> agents.agents(workspace, 0, 10))).hasSize(1);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.create(workspace, draft("New", List.of()))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.update(id, draft("Changed", List.of()))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.duplicate(id))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.setArchived(id, true)))
                .isInstanceOf(AccessDeniedException.class);

        Agent agent = fixtures.as(owner, () -> agents.get(id));
        assertThat(agent.name()).isEqualTo("Shared");
        assertThat(agent.version()).isEqualTo(1);
        assertThat(agent.archived()).isFalse();
        assertThat(fixtures.as(owner, () -> agents.agents(workspace, true, 0, 10))).hasSize(1);
    }

    /** The role comes in the same statement as the agent (WorkspaceAccess.callerRoleSql): its workspace's, no other. */
    @Test
    void the_role_read_with_an_agent_is_the_callers_role_in_the_agents_workspace_not_one_held_elsewhere() {
        User owner = fixtures.newUser();
        User viewer = fixtures.newUser();
        User stranger = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        WorkspaceId viewersOwn = fixtures.newWorkspace(viewer);
        fixtures.newWorkspace(stranger);
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        AgentId shared = fixtures.as(owner, () -> agents.create(workspace, draft("Shared", List.of())));
        AgentId theirs = fixtures.as(viewer, () -> agents.create(viewersOwn, draft("Theirs", List.of())));

        assertThat(fixtures.as(viewer, () -> agents.get(shared)).name()).isEqualTo("Shared");
        assertThatThrownBy(() -> fixtures.as(viewer, () -> agents.update(shared, draft("Changed", List.of()))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(fixtures.as(viewer, () -> agents.update(theirs, draft("Renamed", List.of())))).isTrue();
        assertThatThrownBy(() -> fixtures.as(stranger, () -> agents.get(shared))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixtures.as(owner, () -> agents.get(theirs))).isInstanceOf(NotFoundException.class);
    }

    private void assertRefused(User user, WorkspaceId workspace, AgentDraft draft, String field) {
        assertThatThrownBy(() -> fixtures.as(user, () -> agents.create(workspace, draft)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private KnowledgeBaseId knowledgeBase(User user, WorkspaceId workspace, String name) {
        return fixtures.as(user, () -> brain.createKnowledgeBase(workspace, name, ""));
    }

    private static AgentDraft draft(String name, List<KnowledgeBaseId> knowledgeBases) {
        return new AgentDraft(name, "", "", "gpt-4o-mini", new BigDecimal("0.7"), 1024, "#3b82f6", false, knowledgeBases);
    }
}
