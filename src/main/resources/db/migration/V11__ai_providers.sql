-- AI providers an administrator adds beside the one from the environment (docs/decisions/0025). The key is
-- stored encrypted (AES-256-GCM, nonce first) with SINTRA_SECRET_KEY, which never reaches the database.
CREATE TABLE ai_providers (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                 text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    kind                 text        NOT NULL CHECK (kind IN ('OPENAI_COMPATIBLE', 'ANTHROPIC')),
    base_url             text        NOT NULL,
    api_key_encrypted    bytea,
    default_model        text        NOT NULL DEFAULT '',
    -- Asked while this provider's circuit is open; a cycle is refused by the service.
    fallback_id          uuid        REFERENCES ai_providers (id) ON DELETE SET NULL,
    requests_per_second  integer     NOT NULL CHECK (requests_per_second BETWEEN 1 AND 10000),
    max_concurrent_calls integer     NOT NULL CHECK (max_concurrent_calls BETWEEN 1 AND 10000),
    enabled              boolean     NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Null: the default provider (the environment's, docs/decisions/0025).
ALTER TABLE agents ADD COLUMN provider_id uuid REFERENCES ai_providers (id) ON DELETE SET NULL;
ALTER TABLE agent_versions ADD COLUMN provider_id uuid;
CREATE INDEX agents_provider_idx ON agents (provider_id) WHERE provider_id IS NOT NULL;

-- Model calls per hour, workspace, agent, provider and model (docs/decisions/0026). No foreign keys: usage
-- outlives the agents and workspaces it was spent on; names are joined when read. Provider by name, as the
-- meters carry it. Null workspace or agent: a call made for no agent (a collaboration's summary).
CREATE TABLE ai_usage (
    hour              timestamptz    NOT NULL,
    workspace_id      uuid,
    agent_id          uuid,
    provider          text           NOT NULL,
    model             text           NOT NULL,
    calls             bigint         NOT NULL,
    prompt_tokens     bigint         NOT NULL,
    completion_tokens bigint         NOT NULL,
    cost              numeric(18, 8) NOT NULL,
    CONSTRAINT ai_usage_key UNIQUE NULLS NOT DISTINCT (hour, workspace_id, agent_id, provider, model)
);
