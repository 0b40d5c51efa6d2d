-- Chat: how each answer was produced, and what grounding needs of earlier messages.

-- MODEL: streamed by the provider; CACHED: served from the response cache; OFFLINE: extracted from the
-- passages without a model; STOPPED: the user stopped it; INTERRUPTED: the provider failed mid-answer.
-- Null for the user's own messages.
ALTER TABLE agent_messages ADD COLUMN answer_mode text
    CHECK (answer_mode IN ('MODEL', 'CACHED', 'OFFLINE', 'STOPPED', 'INTERRUPTED'));
ALTER TABLE agent_messages ADD COLUMN first_token_ms integer;
-- The user's question as the brain search embedded it: grounding finds the earlier questions of a
-- conversation closest to a new one without embedding anything again. No dimension is fixed, so a
-- change of embedding model needs no migration here (vectors of another size are skipped).
ALTER TABLE agent_messages ADD COLUMN embedding vector;

-- The message pane pages backwards by (created_at, id): the id breaks ties between messages stored in
-- the same instant, and having it in the index keeps every page a pure index range scan.
DROP INDEX agent_messages_conversation_created_idx;
CREATE INDEX agent_messages_conversation_created_idx ON agent_messages (conversation_id, created_at, id);

-- A user's conversations with one agent, most recently active first.
CREATE INDEX conversations_user_agent_idx ON conversations (workspace_id, user_id, agent_id, updated_at DESC);
