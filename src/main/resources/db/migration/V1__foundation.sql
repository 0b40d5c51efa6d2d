-- Sintra's foundation schema. Every index below serves a named hot query; see
-- src/test/java/com/sintra/HotQueryPlansTest.java and its list of hot queries.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- Sign-in looks users up by e-mail, case-insensitively; also makes e-mails unique.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_created_at_idx ON users (created_at DESC);

CREATE TABLE workspaces (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    archived      boolean     NOT NULL DEFAULT false,
    -- Bumped on every brain change so cached search results are never stale.
    brain_version bigint      NOT NULL DEFAULT 0,
    created_by    uuid        NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workspace_members (
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('OWNER', 'EDITOR', 'VIEWER')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
-- "Which workspaces may this user see?" runs on every request.
CREATE INDEX workspace_members_user_idx ON workspace_members (user_id, workspace_id);

CREATE TABLE agents (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id   uuid         NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name           text         NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    role_description text       NOT NULL DEFAULT '' CHECK (length(role_description) <= 500),
    system_prompt  text         NOT NULL DEFAULT '' CHECK (length(system_prompt) <= 20000),
    model          text         NOT NULL,
    temperature    numeric(3, 2) NOT NULL DEFAULT 0.7 CHECK (temperature BETWEEN 0 AND 2),
    max_tokens     integer      NOT NULL DEFAULT 1024 CHECK (max_tokens BETWEEN 1 AND 200000),
    avatar_color   text         NOT NULL DEFAULT '#3b82f6' CHECK (avatar_color ~ '^#[0-9a-fA-F]{6}$'),
    cache_answers  boolean      NOT NULL DEFAULT false,
    version        integer      NOT NULL DEFAULT 1,
    archived       boolean      NOT NULL DEFAULT false,
    created_by     uuid         NOT NULL REFERENCES users (id),
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX agents_workspace_created_idx ON agents (workspace_id, archived, created_at DESC);

CREATE TABLE knowledge_bases (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    description  text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    created_by   uuid        NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- A user's knowledge bases in creation order (the analysis's "user KB lists").
CREATE INDEX knowledge_bases_created_by_idx ON knowledge_bases (created_by, created_at);
CREATE UNIQUE INDEX knowledge_bases_workspace_name_key ON knowledge_bases (workspace_id, lower(name));

CREATE TABLE agent_knowledge_bases (
    agent_id          uuid NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    knowledge_base_id uuid NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, knowledge_base_id)
);
CREATE INDEX agent_knowledge_bases_kb_idx ON agent_knowledge_bases (knowledge_base_id);

CREATE TABLE conversations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id     uuid        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        text        NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_user_idx ON conversations (workspace_id, user_id, updated_at DESC);
CREATE INDEX conversations_agent_idx ON conversations (agent_id);

CREATE TABLE agent_messages (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id   uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agent_id          uuid        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    sender            text        NOT NULL CHECK (sender IN ('USER', 'AGENT')),
    content           text        NOT NULL CHECK (length(content) <= 100000),
    citations         jsonb       NOT NULL DEFAULT '[]',
    model             text,
    prompt_tokens     integer,
    completion_tokens integer,
    latency_ms        integer,
    created_at        timestamptz NOT NULL DEFAULT now()
);
-- Chat history of a user in a workspace, newest first.
CREATE INDEX agent_messages_workspace_user_created_idx ON agent_messages (workspace_id, user_id, created_at DESC);
-- A conversation's messages in order; pages backwards from the newest.
CREATE INDEX agent_messages_conversation_created_idx ON agent_messages (conversation_id, created_at);
CREATE INDEX agent_messages_agent_idx ON agent_messages (agent_id);

CREATE TABLE brain_documents (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    knowledge_base_id uuid        NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    title             text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    source            text        NOT NULL DEFAULT '',
    media_type        text        NOT NULL,
    size_bytes        bigint      NOT NULL CHECK (size_bytes >= 0),
    content_hash      text        NOT NULL,
    chunk_count       integer     NOT NULL DEFAULT 0,
    is_active         boolean     NOT NULL DEFAULT true,
    metadata          jsonb       NOT NULL DEFAULT '{}',
    created_by        uuid        NOT NULL REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- The documents grid of a workspace, newest first, active only.
CREATE INDEX brain_documents_workspace_active_created_idx ON brain_documents (workspace_id, is_active, created_at DESC);
-- Tag and category filters: metadata @> '{"tags": ["x"]}'.
CREATE INDEX brain_documents_metadata_gin_idx ON brain_documents USING gin (metadata jsonb_path_ops);
-- Re-uploading the same content into a knowledge base is detected, not duplicated.
CREATE UNIQUE INDEX brain_documents_kb_hash_key ON brain_documents (knowledge_base_id, content_hash);

CREATE TABLE brain_chunks (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id       uuid        NOT NULL REFERENCES brain_documents (id) ON DELETE CASCADE,
    workspace_id      uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    knowledge_base_id uuid        NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    position          integer     NOT NULL CHECK (position >= 0),
    content           text        NOT NULL,
    token_count       integer     NOT NULL,
    embedding         vector(384) NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX brain_chunks_embedding_hnsw_idx ON brain_chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX brain_chunks_workspace_idx ON brain_chunks (workspace_id);
CREATE UNIQUE INDEX brain_chunks_document_position_key ON brain_chunks (document_id, position);

CREATE TABLE collaborations (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    goal         text        NOT NULL DEFAULT '' CHECK (length(goal) <= 2000),
    status       text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED')),
    created_by   uuid        NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- The collaboration dashboard: a workspace's collaborations by status, newest first.
CREATE INDEX collaborations_workspace_status_created_idx ON collaborations (workspace_id, status, created_at DESC);
CREATE INDEX collaborations_creator_status_created_idx ON collaborations (created_by, status, created_at DESC);

CREATE TABLE collaboration_participants (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collaboration_id uuid        NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    user_id          uuid        REFERENCES users (id) ON DELETE CASCADE,
    agent_id         uuid        REFERENCES agents (id) ON DELETE CASCADE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((user_id IS NULL) <> (agent_id IS NULL))
);
-- "My collaborations": by member first, then the collaboration's status and age.
CREATE UNIQUE INDEX collaboration_participants_user_key ON collaboration_participants (user_id, collaboration_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX collaboration_participants_agent_key ON collaboration_participants (collaboration_id, agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX collaboration_participants_collaboration_idx ON collaboration_participants (collaboration_id);

CREATE TABLE collaboration_messages (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collaboration_id uuid        NOT NULL REFERENCES collaborations (id) ON DELETE CASCADE,
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    author_user_id   uuid        REFERENCES users (id) ON DELETE SET NULL,
    author_agent_id  uuid        REFERENCES agents (id) ON DELETE SET NULL,
    content          text        NOT NULL CHECK (length(content) <= 100000),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboration_messages_collaboration_created_idx ON collaboration_messages (collaboration_id, created_at);

CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE UNIQUE INDEX api_keys_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

CREATE TABLE audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  uuid REFERENCES workspaces (id) ON DELETE CASCADE,
    actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    action        text        NOT NULL,
    target_type   text        NOT NULL,
    target_id     text        NOT NULL,
    details       jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_workspace_created_idx ON audit_log (workspace_id, created_at DESC);
CREATE INDEX audit_log_actor_created_idx ON audit_log (actor_user_id, created_at DESC);
