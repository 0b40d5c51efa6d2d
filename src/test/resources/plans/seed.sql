-- At least 10,000 rows in every hot table, spread the way real data is (many workspaces, many
-- users, each owning a small share), so the planner's choices match production's. Idempotent, part by
-- part: a database seeded before a part was added gets that part alone.
DO $$
DECLARE
    base boolean := NOT EXISTS (SELECT 1 FROM users WHERE email = 'plan-1@plans.sintra');
    large boolean := NOT EXISTS (SELECT 1 FROM brain_documents WHERE title = 'Plan large document');
    shared_index text;
BEGIN
IF NOT (base OR large) THEN
    RETURN;
END IF;

-- Each vector inserted into a live HNSW index costs a graph search (30,000 random ones: over a minute
-- here); building the index afresh once they are in takes seconds. Rebuilt below from its own definition.
SELECT indexdef INTO STRICT shared_index FROM pg_indexes WHERE indexname = 'brain_chunks_embedding_hnsw_idx';
DROP INDEX brain_chunks_embedding_hnsw_idx;
PERFORM set_config('maintenance_work_mem', '512MB', true);

IF base THEN

INSERT INTO users (email, display_name, password_hash, role, created_at)
SELECT 'plan-' || g || '@plans.sintra', 'Plan user ' || g, 'not-a-hash', 'USER', now() - g * interval '1 minute'
FROM generate_series(1, 10000) g;

CREATE TEMP TABLE plan_users ON COMMIT DROP AS
SELECT id, split_part(split_part(email, '@', 1), '-', 2)::int AS n FROM users WHERE email LIKE 'plan-%@plans.sintra';
CREATE INDEX ON plan_users (n);

INSERT INTO workspaces (name, created_by, created_at)
SELECT 'Plan workspace ' || g, u.id, now() - g * interval '1 hour'
FROM generate_series(1, 1000) g JOIN plan_users u ON u.n = g;

CREATE TEMP TABLE plan_workspaces ON COMMIT DROP AS
SELECT id, split_part(name, ' ', 3)::int AS n FROM workspaces WHERE name LIKE 'Plan workspace %';
CREATE INDEX ON plan_workspaces (n);

-- Every user is in two workspaces: 20,000 memberships, 20 per workspace.
INSERT INTO workspace_members (workspace_id, user_id, role)
SELECT w.id, u.id, CASE WHEN u.n <= 1000 THEN 'OWNER' ELSE 'EDITOR' END
FROM plan_users u JOIN plan_workspaces w ON w.n = 1 + (u.n - 1) % 1000;
INSERT INTO workspace_members (workspace_id, user_id, role)
SELECT w.id, u.id, 'VIEWER'
FROM plan_users u JOIN plan_workspaces w ON w.n = 1 + (u.n * 7 + 3) % 1000
ON CONFLICT DO NOTHING;

INSERT INTO agents (workspace_id, name, model, created_by, archived, created_at)
SELECT w.id, 'Agent ' || g, 'gpt-4o-mini', u.id, g % 10 = 0, now() - g * interval '1 minute'
FROM generate_series(1, 10000) g
JOIN plan_workspaces w ON w.n = 1 + g % 1000 JOIN plan_users u ON u.n = g;

INSERT INTO knowledge_bases (workspace_id, name, created_by, created_at)
SELECT w.id, 'Knowledge ' || g, u.id, now() - g * interval '1 minute'
FROM generate_series(1, 10000) g
JOIN plan_workspaces w ON w.n = 1 + g % 1000 JOIN plan_users u ON u.n = g;

-- Each agent draws on its workspace's knowledge bases: 100,000 links.
INSERT INTO agent_knowledge_bases (agent_id, knowledge_base_id)
SELECT a.id, k.id FROM agents a JOIN knowledge_bases k ON k.workspace_id = a.workspace_id
WHERE a.name LIKE 'Agent %' AND k.name LIKE 'Knowledge %';

INSERT INTO conversations (workspace_id, agent_id, user_id, title)
SELECT a.workspace_id, a.id, a.created_by, 'Conversation ' || a.name FROM agents a WHERE a.name LIKE 'Agent %';

INSERT INTO agent_messages (conversation_id, workspace_id, user_id, agent_id, sender, content, created_at)
SELECT c.id, c.workspace_id, c.user_id, c.agent_id, CASE WHEN s = 1 THEN 'USER' ELSE 'AGENT' END,
       'Message ' || s, now() - s * interval '1 second'
FROM conversations c CROSS JOIN generate_series(1, 2) s WHERE c.title LIKE 'Conversation Agent %';

INSERT INTO brain_documents (workspace_id, knowledge_base_id, title, media_type, size_bytes, content_hash,
                             is_active, metadata, created_by, created_at)
SELECT k.workspace_id, k.id, 'Document ' || k.name, 'text/plain', 1000, md5(k.id::text), k.name NOT LIKE '%7',
       jsonb_build_object('tags', jsonb_build_array('tag-' || (row_number() OVER () % 500)), 'category', 'cat-' || (row_number() OVER () % 50)),
       k.created_by, k.created_at
FROM knowledge_bases k WHERE k.name LIKE 'Knowledge %';

INSERT INTO brain_chunks (document_id, workspace_id, knowledge_base_id, position, content, token_count, embedding)
SELECT d.id, d.workspace_id, d.knowledge_base_id, 0, 'Chunk of ' || d.title, 3,
       (SELECT array_agg(random())::vector(384) FROM generate_series(1, 384) WHERE d.id IS NOT NULL)
FROM brain_documents d WHERE d.title LIKE 'Document Knowledge %';

INSERT INTO collaborations (workspace_id, title, status, created_by, created_at, last_sequence)
SELECT a.workspace_id, 'Collaboration ' || a.name, (ARRAY['ACTIVE', 'PAUSED', 'COMPLETED'])[1 + (row_number() OVER ()) % 3],
       a.created_by, a.created_at, 5
FROM agents a WHERE a.name LIKE 'Agent %';

-- Each collaboration has its creator, two more members of its workspace and its agent: 40,000 participants.
INSERT INTO collaboration_participants (collaboration_id, user_id, workspace_id, status, collaboration_created_at,
                                        last_read_sequence)
SELECT c.id, m.user_id, c.workspace_id, c.status, c.created_at, 2
FROM collaborations c CROSS JOIN LATERAL (
    SELECT c.created_by AS user_id
    UNION
    (SELECT user_id FROM workspace_members w WHERE w.workspace_id = c.workspace_id AND w.user_id <> c.created_by
     ORDER BY user_id LIMIT 2)
) m
WHERE c.title LIKE 'Collaboration Agent %';
INSERT INTO collaboration_participants (collaboration_id, agent_id, workspace_id, status, collaboration_created_at)
SELECT c.id, a.id, c.workspace_id, c.status, c.created_at
FROM collaborations c JOIN agents a ON 'Collaboration ' || a.name = c.title AND a.workspace_id = c.workspace_id
WHERE c.title LIKE 'Collaboration Agent %';

INSERT INTO collaboration_messages (collaboration_id, workspace_id, author_user_id, content, sequence, revision)
SELECT c.id, c.workspace_id, c.created_by, 'Hello ' || s || ' from ' || c.title, s, s
FROM collaborations c CROSS JOIN generate_series(1, 5) s WHERE c.title LIKE 'Collaboration Agent %';

INSERT INTO api_keys (user_id, name, prefix, key_hash)
SELECT u.id, 'Key ' || u.n, 'sk_' || u.n, md5('key' || u.n) FROM plan_users u;

INSERT INTO audit_log (workspace_id, actor_user_id, action, target_type, target_id)
SELECT w.id, u.id, 'seeded', 'user', u.id::text FROM plan_users u JOIN plan_workspaces w ON w.n = 1 + (u.n - 1) % 1000;
END IF;

-- Two workspaces past the exact-scan limit (sintra.brain.exact-scan-limit, 10,000 chunks), where search
-- leaves the b-tree for an HNSW index: Plan workspace 2 before its own index is built (the shared index),
-- Plan workspace 3 after (its own partial index, named and recorded as VectorIndexes does).
IF large THEN
    INSERT INTO brain_documents (workspace_id, knowledge_base_id, title, media_type, size_bytes, content_hash,
                                 chunk_count, created_by)
    SELECT k.workspace_id, k.id, 'Plan large document', 'text/plain', 1000000, md5('large' || k.id::text), 10001,
           k.created_by
    FROM workspaces w CROSS JOIN LATERAL (
        SELECT * FROM knowledge_bases WHERE workspace_id = w.id ORDER BY name LIMIT 1) k
    WHERE w.name IN ('Plan workspace 2', 'Plan workspace 3');

    INSERT INTO brain_chunks (document_id, workspace_id, knowledge_base_id, position, content, token_count, embedding)
    SELECT d.id, d.workspace_id, d.knowledge_base_id, g, 'Large chunk ' || g, 3,
           (SELECT array_agg(random())::vector(384) FROM generate_series(1, 384) WHERE g >= 0)
    FROM brain_documents d CROSS JOIN generate_series(1, 10001) g WHERE d.title = 'Plan large document';
END IF;

EXECUTE shared_index;

IF large THEN
    EXECUTE (SELECT replace(shared_index, 'brain_chunks_embedding_hnsw_idx', 'brain_chunks_hnsw_' || replace(w.id::text, '-', ''))
                    || format(' WHERE workspace_id = %L', w.id)
             FROM workspaces w WHERE w.name = 'Plan workspace 3');

    -- Every plan workspace's brain state, as ingestion would have left it.
    INSERT INTO brain_workspace_state AS s (workspace_id, version, chunk_count)
    SELECT c.workspace_id, 1, count(*) FROM brain_chunks c JOIN workspaces w ON w.id = c.workspace_id
    WHERE w.name LIKE 'Plan workspace %' GROUP BY c.workspace_id
    ON CONFLICT (workspace_id) DO UPDATE SET chunk_count = excluded.chunk_count;
    UPDATE brain_workspace_state s SET vector_index = 'brain_chunks_hnsw_' || replace(w.id::text, '-', '')
    FROM workspaces w WHERE w.id = s.workspace_id AND w.name = 'Plan workspace 3';
END IF;
END $$;
ANALYZE;
