package com.sintra.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.sintra.IntegrationTest;
import com.sintra.account.AccountProperties;
import com.sintra.account.AccountService;
import com.sintra.account.CurrentUser;
import com.sintra.ai.AiProperties;
import com.sintra.agent.AgentService;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceService;

class DemoDataSeederTest extends IntegrationTest {

    @Autowired
    CurrentUser currentUser;

    @Autowired
    WorkspaceService workspaces;

    @Autowired
    AgentService agents;

    @Autowired
    BrainService brain;

    @Autowired
    AccountProperties accountProperties;

    @Autowired
    AccountService accounts;

    @Autowired
    AiProperties ai;

    @Test
    void seeding_twice_creates_one_demo_workspace_with_agents_and_a_handbook() {
        var admin = fixtures.admin();
        // A name of its own, so a demo workspace left by an earlier run against this database does not count.
        String name = "Sintra demo " + UUID.randomUUID().toString().substring(0, 8);
        DemoDataSeeder seeder = new DemoDataSeeder(new DemoProperties(true, name), accountProperties, accounts, currentUser,
                workspaces, agents, brain, ai);
        currentUser.runAs(admin, seeder::seedUnlessPresent);
        currentUser.runAs(admin, seeder::seedUnlessPresent);

        var demo = fixtures.as(admin, () -> workspaces.myWorkspaces(true)).stream()
                .filter(w -> w.name().equals(name)).toList();
        assertThat(demo).hasSize(1);
        Workspace workspace = demo.get(0);
        assertThat(fixtures.as(admin, () -> agents.agents(workspace.id(), 0, 10))).hasSize(3);
        var knowledgeBases = fixtures.as(admin, () -> brain.knowledgeBases(workspace.id()));
        assertThat(knowledgeBases).hasSize(1);
        // The research assistant answers from the handbook from the start.
        assertThat(fixtures.as(admin, () -> agents.agents(workspace.id(), 0, 10))).filteredOn(a -> a.name().equals("Research assistant"))
                .singleElement().satisfies(a -> assertThat(a.knowledgeBases()).containsExactly(knowledgeBases.get(0).id()));
        // Ingestion runs in the background.
        List<BrainDocument> documents = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> fixtures.as(admin, () -> brain.documents(workspace.id(), null, true, 0, 10)), d -> d.size() >= 3);
        assertThat(documents).extracting(BrainDocument::title)
                .containsExactlyInAnyOrder("Welcome to Sintra", "How the brain works", "Collaborations");
    }
}
