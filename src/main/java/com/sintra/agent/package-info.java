/**
 * Agents: a workspace's configured assistants (role, system prompt, model settings, knowledge).
 * {@link com.sintra.agent.AgentService} is the feature's API.
 */
package com.sintra.agent;
