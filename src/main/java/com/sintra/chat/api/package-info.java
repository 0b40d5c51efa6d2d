/**
 * Chat over HTTP ({@code POST /api/v1/agents/{id}/chat}): a question to an agent, answered as a stream of
 * Server-Sent Events or as JSON once stored, through {@link com.sintra.chat.ChatService}. Security, problem
 * details and the OpenAPI description come from the shared {@code api} module; chat's own error (too busy:
 * 503) is mapped here.
 */
package com.sintra.chat.api;
