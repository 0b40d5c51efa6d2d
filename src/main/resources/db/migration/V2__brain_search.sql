-- Brain search: per-workspace state for cache versioning and for choosing a search strategy.

-- The brain's own version counter replaces the one on workspaces: the brain module owns it.
ALTER TABLE workspaces DROP COLUMN brain_version;

-- Deactivating a document must remove its chunks from search at once; filtering on the chunk row
-- itself keeps the vector scans free of joins.
ALTER TABLE brain_chunks ADD COLUMN active boolean NOT NULL DEFAULT true;

-- Exact scans of small workspaces read only that workspace's active chunks.
DROP INDEX brain_chunks_workspace_idx;
CREATE INDEX brain_chunks_workspace_active_idx ON brain_chunks (workspace_id, knowledge_base_id) WHERE active;
CREATE INDEX brain_chunks_document_idx ON brain_chunks (document_id);

CREATE TABLE brain_workspace_state (
    workspace_id  uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Bumped by every document change, in the same transaction: cached search results carry it.
    version       bigint      NOT NULL DEFAULT 0,
    -- Active and inactive chunks of the workspace: picks exact scan or the workspace's own HNSW index.
    chunk_count   bigint      NOT NULL DEFAULT 0,
    -- The workspace's own partial HNSW index, once one has been built for it.
    vector_index  text,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's documents grid filters by knowledge base too.
CREATE INDEX brain_documents_kb_created_idx ON brain_documents (knowledge_base_id, created_at DESC);
