package com.sintra.collaboration;

import java.time.Instant;

import com.sintra.account.UserId;
import com.sintra.agent.AgentId;

/**
 * A person or an agent taking part; exactly one of {@code user} and {@code agent} is set.
 *
 * @param name the person's display name or the agent's name, as they are now
 */
public record Participant(UserId user, AgentId agent, String name, Instant since) {

    public boolean isAgent() {
        return agent != null;
    }
}
