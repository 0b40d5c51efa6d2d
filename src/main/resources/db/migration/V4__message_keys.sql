-- A message's workspace, user and agent are its conversation's, copied so usage can be read without a join.
-- Their own foreign keys only repeated the conversation's: each stored message paid three more key checks
-- (row locks on the workspace, user and agent), and deletes still cascade through the conversation.
ALTER TABLE agent_messages DROP CONSTRAINT agent_messages_workspace_id_fkey;
ALTER TABLE agent_messages DROP CONSTRAINT agent_messages_user_id_fkey;
ALTER TABLE agent_messages DROP CONSTRAINT agent_messages_agent_id_fkey;
