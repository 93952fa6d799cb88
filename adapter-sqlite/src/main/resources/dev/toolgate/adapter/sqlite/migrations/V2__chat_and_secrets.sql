-- Toolgate schema, version 2: chat sessions, turns and tool logs (seed 000), clients' encrypted
-- third-party secrets, and the marketing backend of each client profile.

ALTER TABLE client_profiles ADD COLUMN marketing_backend TEXT NOT NULL DEFAULT 'none';
-- The demo client seeded by version 1 answers marketing questions from the built-in sample data.
UPDATE client_profiles SET marketing_backend = 'sample' WHERE client_key = 'demo' AND display_name = 'Demo Client';

CREATE TABLE chat_sessions (
  id             TEXT    PRIMARY KEY,
  client_key     TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  last_active_at INTEGER NOT NULL,
  turn_count     INTEGER NOT NULL
);

CREATE TABLE chat_turns (
  id         TEXT    PRIMARY KEY,
  session_id TEXT    NOT NULL REFERENCES chat_sessions (id),
  seq        INTEGER NOT NULL,
  request_id TEXT    NOT NULL,
  key_id     TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  question   TEXT    NOT NULL,
  answer     TEXT    NOT NULL,
  intent     TEXT    NOT NULL,
  evidence   TEXT    NOT NULL,
  UNIQUE (session_id, seq)
);
CREATE INDEX chat_turns_by_request ON chat_turns (request_id);

-- Written before their turn, so no foreign key to chat_turns.
CREATE TABLE tool_logs (
  request_id TEXT    NOT NULL,
  idx        INTEGER NOT NULL,
  session_id TEXT    NOT NULL,
  turn_id    TEXT    NOT NULL,
  client_key TEXT    NOT NULL,
  tool       TEXT    NOT NULL,
  arguments  TEXT    NOT NULL,
  outcome    TEXT    NOT NULL,
  cache_hit  INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  result     TEXT    NOT NULL,
  PRIMARY KEY (request_id, idx)
);
CREATE INDEX tool_logs_by_session ON tool_logs (session_id, at);

-- Only ciphertext: core encrypts (AES-GCM) before a secret reaches the store.
CREATE TABLE client_secrets (
  client_key TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  ciphertext TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (client_key, name)
);
