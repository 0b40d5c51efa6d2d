-- Collaborations: one ordered stream per collaboration, read markers, and the dashboard's index.
-- See docs/decisions/0019-collaboration-stream-and-feeds.md.

-- How agents take turns, who may find it, its limits, and the stream's counter. Every change to the stream
-- (a new message, a streamed answer finished) takes the next number of last_sequence, bumped with
-- UPDATE ... RETURNING in the writing transaction: numbers are unique per collaboration, and the row lock
-- serializes a collaboration's writers, so they commit in the order of their numbers.
ALTER TABLE collaborations
    ADD COLUMN mode            text    NOT NULL DEFAULT 'ROUND_ROBIN'
        CHECK (mode IN ('ROUND_ROBIN', 'MENTIONED_ONLY', 'ORCHESTRATED')),
    ADD COLUMN visibility      text    NOT NULL DEFAULT 'WORKSPACE' CHECK (visibility IN ('WORKSPACE', 'INVITED')),
    ADD COLUMN max_agent_turns integer NOT NULL DEFAULT 8 CHECK (max_agent_turns BETWEEN 1 AND 100),
    ADD COLUMN token_budget    integer NOT NULL DEFAULT 100000 CHECK (token_budget BETWEEN 1000 AND 10000000),
    ADD COLUMN tokens_used     bigint  NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
    ADD COLUMN last_sequence   bigint  NOT NULL DEFAULT 0;

-- Three states, as the product has them; nothing was ever archived (no code wrote collaborations before this).
UPDATE collaborations SET status = 'COMPLETED' WHERE status = 'ARCHIVED';
ALTER TABLE collaborations DROP CONSTRAINT collaborations_status_check;
ALTER TABLE collaborations ADD CONSTRAINT collaborations_status_check CHECK (status IN ('ACTIVE', 'PAUSED', 'COMPLETED'));

-- Members find the open collaborations of their workspace to join, by status, newest first, paged by keyset:
-- the id breaks ties between collaborations created in the same instant.
DROP INDEX collaborations_workspace_status_created_idx;
CREATE INDEX collaborations_workspace_status_created_idx ON collaborations (workspace_id, status, created_at DESC, id DESC);

-- A participant's read marker, and the collaboration's workspace, status and creation time copied onto each
-- participant: the dashboard ("my collaborations in this workspace, by status, newest first") is then one
-- range of one index, however many collaborations the workspace has. A status change rewrites the copies in
-- the same statement (CollaborationRepository.CHANGE_STATUS); the other two never change.
ALTER TABLE collaboration_participants
    ADD COLUMN workspace_id             uuid,
    ADD COLUMN status                   text,
    ADD COLUMN collaboration_created_at timestamptz,
    ADD COLUMN last_read_sequence       bigint NOT NULL DEFAULT 0,
    ADD COLUMN added_by                 uuid REFERENCES users (id) ON DELETE SET NULL;
UPDATE collaboration_participants p
SET workspace_id = c.workspace_id, status = c.status, collaboration_created_at = c.created_at
FROM collaborations c WHERE c.id = p.collaboration_id;
ALTER TABLE collaboration_participants
    ALTER COLUMN workspace_id SET NOT NULL,
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN collaboration_created_at SET NOT NULL;
CREATE INDEX collaboration_participants_dashboard_idx ON collaboration_participants
    (user_id, workspace_id, status, collaboration_created_at DESC, collaboration_id DESC) WHERE user_id IS NOT NULL;

-- Messages: their place in the stream (sequence, fixed when stored) and their latest change (revision: equal
-- to the sequence, until a streamed answer is finished). Who wrote it is kept apart from the author's id, which
-- a deleted user or agent leaves null: their messages stay theirs, not the system's.
ALTER TABLE collaboration_messages
    ADD COLUMN sequence          bigint,
    ADD COLUMN revision          bigint,
    ADD COLUMN author_kind       text    NOT NULL DEFAULT 'USER' CHECK (author_kind IN ('USER', 'AGENT', 'SYSTEM')),
    -- NOTICE: the system telling something ("paused by Ana", "stopped: 8 agent turns"); SUMMARY: the summary
    -- written when a collaboration is completed.
    ADD COLUMN kind              text    NOT NULL DEFAULT 'MESSAGE' CHECK (kind IN ('MESSAGE', 'NOTICE', 'SUMMARY')),
    -- An agent's answer is stored when it starts (STREAMING, so it keeps its place in the stream) and finished
    -- once: COMPLETE, STOPPED (someone stopped it; the text so far is kept) or INTERRUPTED (the provider failed).
    ADD COLUMN state             text    NOT NULL DEFAULT 'COMPLETE'
        CHECK (state IN ('STREAMING', 'COMPLETE', 'STOPPED', 'INTERRUPTED')),
    -- The agents a message names with @: who must answer next.
    ADD COLUMN mentions          uuid[]  NOT NULL DEFAULT '{}',
    -- As agent_messages.citations (chat's Citation, as JSON).
    ADD COLUMN citations         jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN model             text,
    ADD COLUMN prompt_tokens     integer,
    ADD COLUMN completion_tokens integer,
    ADD COLUMN updated_at        timestamptz NOT NULL DEFAULT now();
UPDATE collaboration_messages SET author_kind = CASE WHEN author_agent_id IS NOT NULL THEN 'AGENT'
                                                     WHEN author_user_id IS NOT NULL THEN 'USER' ELSE 'SYSTEM' END;
UPDATE collaboration_messages m SET sequence = n.number, revision = n.number
FROM (SELECT id, row_number() OVER (PARTITION BY collaboration_id ORDER BY created_at, id) AS number
      FROM collaboration_messages) n
WHERE m.id = n.id;
UPDATE collaborations c SET last_sequence = coalesce(
    (SELECT max(m.revision) FROM collaboration_messages m WHERE m.collaboration_id = c.id), 0);
ALTER TABLE collaboration_messages
    ALTER COLUMN sequence SET NOT NULL,
    ALTER COLUMN revision SET NOT NULL,
    ADD CHECK (author_kind = 'USER' OR author_user_id IS NULL),
    ADD CHECK (author_kind = 'AGENT' OR author_agent_id IS NULL),
    ADD CHECK (state = 'COMPLETE' OR author_kind = 'AGENT'),
    ADD CHECK (revision >= sequence);
-- Paging back through the feed (sequence), and catching up after a reconnect (revision): each a key range.
DROP INDEX collaboration_messages_collaboration_created_idx;
CREATE UNIQUE INDEX collaboration_messages_sequence_key ON collaboration_messages (collaboration_id, sequence);
CREATE UNIQUE INDEX collaboration_messages_revision_key ON collaboration_messages (collaboration_id, revision);
