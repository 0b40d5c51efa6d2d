/**
 * Chat: a user's conversations with an agent. Each question is grounded in one database round trip
 * (the agent's best passages, the conversation's latest messages and its earlier questions closest to
 * this one), answered through the AI gateway as a stream, and stored with its citations and usage. Without
 * a model (none configured, or its circuit open) the agent answers offline, quoting the passages. Its
 * views are in {@code ui}, its REST endpoint in {@code api}; both go through {@link com.sintra.chat.ChatService}.
 */
package com.sintra.chat;
