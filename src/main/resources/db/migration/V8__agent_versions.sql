-- Agent history: a snapshot of every version of an agent, so a person can see what changed and revert.
-- Written in the same transaction as the agent's insert or update (AgentRepository); never rewritten:
-- a revert stores a new version equal to an old snapshot.
CREATE TABLE agent_versions (
    agent_id           uuid          NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    version            integer       NOT NULL,
    name               text          NOT NULL,
    role_description   text          NOT NULL,
    system_prompt      text          NOT NULL,
    model              text          NOT NULL,
    temperature        numeric(3, 2) NOT NULL,
    max_tokens         integer       NOT NULL,
    avatar_color       text          NOT NULL,
    cache_answers      boolean       NOT NULL,
    -- An array, not a join table: a snapshot keeps the ids even after a knowledge base is deleted.
    knowledge_base_ids uuid[]        NOT NULL DEFAULT '{}',
    created_by         uuid          NOT NULL REFERENCES users (id),
    created_at         timestamptz   NOT NULL DEFAULT now(),
    -- The history of one agent, newest first, reads this key backwards.
    PRIMARY KEY (agent_id, version)
);

-- Agents stored before history existed get their current version as its first entry; earlier ones are lost.
INSERT INTO agent_versions (agent_id, version, name, role_description, system_prompt, model, temperature,
                            max_tokens, avatar_color, cache_answers, knowledge_base_ids, created_by, created_at)
SELECT a.id, a.version, a.name, a.role_description, a.system_prompt, a.model, a.temperature, a.max_tokens,
       a.avatar_color, a.cache_answers,
       ARRAY(SELECT k.knowledge_base_id FROM agent_knowledge_bases k WHERE k.agent_id = a.id
             ORDER BY k.created_at, k.knowledge_base_id),
       a.created_by, a.updated_at
FROM agents a;
