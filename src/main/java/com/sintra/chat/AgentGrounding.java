package com.sintra.chat;

import java.util.List;

import com.sintra.agent.Agent;
import com.sintra.ai.ChatPrompt;
import com.sintra.brain.SearchHit;

/**
 * An agent grounded for something other than a chat question (a turn in a collaboration): its best passages
 * for the text it answers, and from them its prompt, the citations an answer may carry, the key an answer may
 * be cached under, and the offline answer written when no model can be asked. Made by
 * {@link ChatService#groundAgent}.
 */
public final class AgentGrounding {

    private final Agent agent;
    private final Grounding grounding;
    private final List<Citation> citations;
    private final ChatProperties properties;

    AgentGrounding(Agent agent, Grounding grounding, ChatProperties properties) {
        this.agent = agent;
        this.grounding = grounding;
        this.citations = AnswerPrompt.citations(grounding.passages());
        this.properties = properties;
    }

    public Agent agent() {
        return agent;
    }

    /** The passages, numbered as the prompt gives them: an answer cites them by [n]. */
    public List<Citation> citations() {
        return citations;
    }

    /**
     * The agent's prompt as a chat would have it (its own system prompt, its role, the numbered passages),
     * followed by {@code instructions}; {@code history} comes before {@code message}, each cut as a chat's are.
     */
    public ChatPrompt prompt(String instructions, List<ChatPrompt.Turn> history, String message) {
        List<Grounding.HistoryMessage> turns = new java.util.ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            turns.add(new Grounding.HistoryMessage(i, history.get(i).fromUser(), history.get(i).content()));
        }
        ChatPrompt chat = AnswerPrompt.of(agent, new Grounding(grounding.passages(), turns), message,
                properties.historyCharacters());
        String system = instructions == null || instructions.isBlank() ? chat.systemPrompt()
                : chat.systemPrompt() + "\n\n" + instructions.strip();
        return new ChatPrompt(chat.model(), system, chat.history(), chat.userMessage(), chat.temperature(),
                chat.maxTokens(), chat.provider(), chat.attribution());
    }

    /** Where an answer to {@code prompt} may be cached; null when the agent's answers must not be. */
    public String cacheKey(ChatPrompt prompt) {
        return AnswerPrompt.cacheKey(agent, grounding.passages().stream().map(SearchHit::chunkId).toList(), prompt);
    }

    /** An answer to {@code text} without a model: the closest sentences of the passages, cited, under a label. */
    public String offlineAnswer(String text, String reason) {
        return OfflineAnswer.write(text, grounding.passages(), reason, properties.offlineMinScore());
    }
}
