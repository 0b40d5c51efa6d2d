-- The audit trail, browsed by administrators newest first in keyset pages of (created_at, id), filtered by any
-- of action, actor and workspace (and a time range, which every index below serves through created_at). Each
-- combination reads one index in order and stops at the page size (docs/decisions/0029). The trail is written
-- rarely (admin actions, sign-ins, refusals limited per caller), so eight indexes cost little.
DROP INDEX audit_log_workspace_created_idx;
DROP INDEX audit_log_actor_created_idx;
CREATE INDEX audit_log_created_idx ON audit_log (created_at, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, created_at, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, created_at, id);
CREATE INDEX audit_log_actor_action_idx ON audit_log (actor_user_id, action, created_at, id);
CREATE INDEX audit_log_workspace_idx ON audit_log (workspace_id, created_at, id);
CREATE INDEX audit_log_workspace_action_idx ON audit_log (workspace_id, action, created_at, id);
CREATE INDEX audit_log_workspace_actor_idx ON audit_log (workspace_id, actor_user_id, created_at, id);
CREATE INDEX audit_log_workspace_actor_action_idx ON audit_log (workspace_id, actor_user_id, action, created_at, id);

-- Administrators list every user's API keys, newest first.
CREATE INDEX api_keys_created_idx ON api_keys (created_at, id);

-- Cache warming after start reads the questions of the last days across all workspaces (brain.CacheWarming);
-- only users' messages, so the answers' rows, the larger half, stay out of it.
CREATE INDEX agent_messages_recent_questions_idx ON agent_messages (created_at) WHERE sender = 'USER';
