package com.sintra.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.sintra.account.AccountProperties;
import com.sintra.account.AccountService;
import com.sintra.account.CurrentUser;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentService;
import com.sintra.ai.AiProperties;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentUpload;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceService;

/** Seeds the demo workspace once, as the first administrator; runs after the administrator exists. */
@Component
@Order(10)
class DemoDataSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final List<String> DOCUMENTS = List.of("welcome-to-sintra.md", "the-brain.md", "collaborations.md");

    private final DemoProperties properties;
    private final AccountProperties accountProperties;
    private final AccountService accounts;
    private final CurrentUser currentUser;
    private final WorkspaceService workspaces;
    private final AgentService agents;
    private final BrainService brain;
    private final AiProperties ai;

    DemoDataSeeder(DemoProperties properties, AccountProperties accountProperties, AccountService accounts,
                   CurrentUser currentUser, WorkspaceService workspaces, AgentService agents, BrainService brain,
                   AiProperties ai) {
        this.properties = properties;
        this.accountProperties = accountProperties;
        this.accounts = accounts;
        this.currentUser = currentUser;
        this.workspaces = workspaces;
        this.agents = agents;
        this.brain = brain;
        this.ai = ai;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        accounts.findActiveByEmail(accountProperties.adminEmail())
                .ifPresent(admin -> currentUser.runAs(admin, this::seedUnlessPresent));
    }

    /** Ingested in the background like any upload; they become searchable a moment after start-up. */
    private KnowledgeBaseId seedDocuments(WorkspaceId demo) {
        KnowledgeBaseId handbook = brain.createKnowledgeBase(demo, "Sintra handbook", "How Sintra works");
        for (String name : DOCUMENTS) {
            try (InputStream in = new ClassPathResource("demo/" + name).getInputStream()) {
                brain.ingest(demo, handbook, new DocumentUpload(name, "text/markdown", in.readAllBytes(), List.of("handbook"), "guide"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return handbook;
    }

    void seedUnlessPresent() {
        boolean present = workspaces.myWorkspaces(true).stream()
                .anyMatch(w -> w.name().equals(properties.workspaceName()));
        if (present) {
            return;
        }
        WorkspaceId demo = workspaces.create(properties.workspaceName(),
                "A tour of Sintra: agents that answer from the brain, and shared collaborations.");
        // The handbook first: the agents that answer from it draw on it from the start.
        List<KnowledgeBaseId> handbook = List.of(seedDocuments(demo));
        String model = ai.model();
        agents.create(demo, new AgentDraft("Research assistant", "Finds and summarises what the brain knows",
                "You answer from the workspace's documents and cite every passage you use. "
                        + "If the documents do not say, you say so.",
                model, new BigDecimal("0.2"), 1024, "#2563eb", false, handbook));
        agents.create(demo, new AgentDraft("Writer", "Drafts clear, friendly prose",
                "You turn notes into clear, well-structured text. Keep it short.",
                model, new BigDecimal("0.7"), 2048, "#16a34a", false, List.of()));
        agents.create(demo, new AgentDraft("Reviewer", "Checks drafts for gaps and errors",
                "You review text critically: list factual gaps, unclear sentences and missing sources.",
                model, BigDecimal.ZERO, 1024, "#dc2626", false, handbook));
        log.info("Seeded the demo workspace '{}'", properties.workspaceName());
    }
}
