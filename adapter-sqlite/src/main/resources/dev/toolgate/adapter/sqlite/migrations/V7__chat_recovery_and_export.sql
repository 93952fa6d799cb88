-- Toolgate schema, version 7 (issue 12): the chat's recovery finds turns paused for an approval
-- (intent 'awaiting_approval') since an instant, and an export reads one client's sessions.
CREATE INDEX chat_turns_by_intent ON chat_turns (intent, at);
CREATE INDEX chat_sessions_by_client ON chat_sessions (client_key, created_at);
