-- Answers still being written: found by a node starting up (one node) or by the sweep for answers whose node
-- stopped writing them (cluster profile), without reading the whole of every stream. Few rows at any time.
CREATE INDEX collaboration_messages_streaming_idx ON collaboration_messages (updated_at) WHERE state = 'STREAMING';
