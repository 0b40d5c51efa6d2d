package com.sintra.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.sintra.IntegrationTest;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentDraft;
import com.sintra.agent.AgentId;
import com.sintra.agent.AgentService;
import com.sintra.agent.AgentVersion;
import com.sintra.ai.AiProviderDraft;
import com.sintra.ai.AiProviderId;
import com.sintra.ai.AiProviderKind;
import com.sintra.ai.AiProviders;
import com.sintra.ai.FakeAnthropicServer;
import com.sintra.brain.BrainService;

/** An agent given a provider and one of its models is answered by that provider, whatever the default is. */
class AgentProviderChatTest extends IntegrationTest {

    private static FakeAnthropicServer anthropic;

    @Autowired
    ChatService chat;
    @Autowired
    AgentService agents;
    @Autowired
    BrainService brain;
    @Autowired
    AiProviders providers;

    @BeforeAll
    static void startProvider() throws Exception {
        anthropic = new FakeAnthropicServer();
    }

    @AfterAll
    static void stopProvider() {
        anthropic.close();
    }

    @AfterEach
    void deleteProviders() {
        fixtures.as(fixtures.admin(), () -> providers.list().stream().filter(p -> !p.fromEnvironment())
                .forEach(p -> providers.delete(p.id())));
    }

    @Test
    void an_agent_with_a_provider_and_model_is_answered_by_that_provider_and_its_versions_keep_the_provider() {
        AiProviderId claude = fixtures.as(fixtures.admin(), () -> providers.create(new AiProviderDraft("Claude for chat",
                AiProviderKind.ANTHROPIC, anthropic.baseUrl(), FakeAnthropicServer.KEY, false, "claude-haiku-4-5", null,
                50, 10, true)));
        ChatSetup setup = ChatSetup.create(fixtures, brain, agents, new BigDecimal("0.7"), false);
        AgentDraft draft = ChatSetup.draft("Support", new BigDecimal("0.7"), false, List.of(setup.handbook()));
        AgentId agent = setup.agent();
        fixtures.as(setup.owner(), () -> agents.update(agent, new AgentDraft(draft.name(), draft.roleDescription(),
                draft.systemPrompt(), "claude-sonnet-4-5", draft.temperature(), draft.maxTokens(), draft.avatarColor(),
                draft.cacheAnswers(), draft.knowledgeBases(), claude)));

        ChatMessage answer = ChatServiceTest.answered(fixtures.as(setup.owner(),
                () -> chat.ask(agent, null, "Where do orders ship from?")));

        assertThat(answer.content()).isEqualTo("Hello from Claude.");
        assertThat(answer.mode()).isEqualTo(AnswerMode.MODEL);
        assertThat(anthropic.lastRequest()).contains("\"model\":\"claude-sonnet-4-5\"").contains("Lisbon");
        Agent stored = fixtures.as(setup.owner(), () -> agents.get(agent));
        assertThat(stored.providerId()).isEqualTo(claude);
        List<AgentVersion> history = fixtures.as(setup.owner(), () -> agents.history(agent));
        assertThat(history.get(0).providerId()).isEqualTo(claude);
        assertThat(history.get(history.size() - 1).providerId()).isNull();

        fixtures.as(fixtures.admin(), () -> providers.delete(claude));
        assertThat(fixtures.as(setup.owner(), () -> agents.get(agent)).providerId())
                .as("deleting the provider leaves the agent on the default one").isNull();
    }
}
