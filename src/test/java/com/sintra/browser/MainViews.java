package com.sintra.browser;

import java.time.Duration;
import java.util.List;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.brain.BrainService;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatService;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.agent.AgentService;
import com.sintra.workspace.Workspace;

/**
 * Sintra's main views as the first administrator sees them in the demo workspace, with the content that
 * stretches them: the handbook's documents, the demo agents, a conversation holding two answers.
 */
record MainViews(Workspace workspace, List<MainView> all) {

    /**
     * @param name     how failure messages and screenshots name it
     * @param slug     the screenshot's file name part
     * @param path     where it is opened (after the demo workspace is selected)
     * @param primary  ids of what must be on screen once a person scrolls the content to it
     * @param docked   ids that must be on screen without any scrolling (the chat composer)
     */
    record MainView(String name, String slug, String path, List<String> primary, List<String> docked) {
        @Override
        public String toString() {
            return name;
        }
    }

    static MainViews seed(Fixtures fixtures, Workspace demo, BrainService brain, AgentService agents, ChatService chat,
                          CollaborationService collaborations) {
        User admin = fixtures.admin();
        return fixtures.as(admin, () -> {
            var handbook = brain.knowledgeBases(demo.id()).get(0);
            var document = brain.documents(demo.id(), handbook.id(), true, 0, 1).get(0);
            var agent = agents.agents(demo.id(), 0, 10).stream()
                    .filter(a -> !a.knowledgeBases().isEmpty()).findFirst().orElseThrow();
            ChatAnswer first = answered(chat.ask(agent.id(), null, "How do agents cite their sources?"));
            answered(chat.ask(agent.id(), first.conversation().id(), "What does the brain do with a PDF?"));
            var launch = collaborations.create(NewCollaboration.of(demo.id(), "Launch plan",
                    "A plan for the launch, written together", List.of(), List.of(agent.id()))).id();
            collaborations.post(launch, "Let us collect what the handbook says about citations first.");
            collaborations.post(launch, "Then we write the announcement.");
            return new MainViews(demo, List.of(
                    new MainView("Workspaces", "workspaces", "/", List.of("new-workspace"), List.of()),
                    new MainView("A workspace", "workspace", "/workspaces/" + demo.id(), List.of("save-workspace"), List.of()),
                    new MainView("Brain", "brain", "/brain", List.of("brain-query", "brain-search", "new-knowledge-base"),
                            List.of()),
                    new MainView("A document", "document", "/brain/documents/" + document.id(), List.of(), List.of()),
                    new MainView("Agents", "agents", "/agents", List.of("new-agent"), List.of()),
                    // On a phone an open agent takes the list's place, so the editor is a view of its own here.
                    new MainView("An agent", "agent", "/agents?agent=" + agent.id(), List.of("save-agent"), List.of()),
                    new MainView("Chat with two answers", "chat", "/chat/" + first.conversation().id(), List.of(),
                            List.of("chat-message", "send")),
                    new MainView("Collaborations", "collaborations", "/collaborations", List.of("new-collaboration"),
                            List.of()),
                    new MainView("A collaboration", "collaboration", "/collaborations?collaboration=" + launch,
                            List.of(), List.of("collaboration-message", "collaboration-send")),
                    new MainView("Settings", "settings", "/settings", List.of("create-api-key"), List.of()),
                    new MainView("Users", "users", "/admin/users", List.of(), List.of()),
                    new MainView("Dashboard", "dashboard", "/admin", List.of("tile-query-p95", "caches"), List.of()),
                    new MainView("AI providers", "ai-providers", "/admin/providers", List.of("new-provider"), List.of()),
                    new MainView("Audit log", "audit-log", "/admin/audit", List.of("audit-grid"), List.of()),
                    new MainView("API keys", "api-keys", "/admin/api-keys", List.of("api-keys-grid"), List.of())));
        });
    }

    private static ChatAnswer answered(ChatAnswer answer) {
        answer.events().blockLast(Duration.ofSeconds(30));
        return answer;
    }

    MainView named(String name) {
        return all.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
