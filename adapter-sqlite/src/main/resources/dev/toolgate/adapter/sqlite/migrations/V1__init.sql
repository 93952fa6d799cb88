-- Toolgate schema, version 1.
-- Instants are epoch milliseconds (INTEGER); JSON values and sets are JSON text.
-- Every statement ends with ';' at the end of a line (the migration runner splits on that).

CREATE TABLE api_keys (
  id          TEXT    PRIMARY KEY,
  name        TEXT    NOT NULL,
  secret_hash TEXT    NOT NULL,
  roles       TEXT    NOT NULL,
  client_key  TEXT,
  allow_tools TEXT    NOT NULL,
  deny_tools  TEXT    NOT NULL,
  rate_limit  TEXT,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX api_keys_by_created ON api_keys (created_at, id);

CREATE TABLE client_profiles (
  client_key   TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  time_zone    TEXT NOT NULL,
  allow_tools  TEXT NOT NULL,
  deny_tools   TEXT NOT NULL,
  rate_limit   TEXT
);

CREATE TABLE idempotency_records (
  key_id          TEXT    NOT NULL,
  tool            TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL,
  fingerprint     TEXT    NOT NULL,
  outcome         TEXT,
  created_at      INTEGER NOT NULL,
  locked_until    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  PRIMARY KEY (key_id, tool, idempotency_key)
);
CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);

CREATE TABLE approvals (
  id               TEXT    PRIMARY KEY,
  requester_key_id TEXT    NOT NULL,
  client_key       TEXT,
  tool             TEXT    NOT NULL,
  arguments        TEXT    NOT NULL,
  fingerprint      TEXT    NOT NULL,
  policy_version   TEXT    NOT NULL,
  idempotency_key  TEXT,
  request_id       TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  decided_by       TEXT,
  decided_at       INTEGER,
  reason           TEXT,
  outcome          TEXT
);
CREATE INDEX approvals_by_status ON approvals (status, created_at);
CREATE INDEX approvals_by_created ON approvals (created_at);

-- seq is the rowid: append order, without gaps (rows are never deleted).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  request_id TEXT    NOT NULL,
  key_id     TEXT,
  client_key TEXT,
  tool       TEXT,
  arguments  TEXT    NOT NULL,
  outcome    TEXT    NOT NULL,
  code       TEXT,
  latency_ms INTEGER NOT NULL,
  details    TEXT    NOT NULL,
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL
);
CREATE INDEX audit_log_by_tool ON audit_log (tool, seq);
CREATE INDEX audit_log_by_key ON audit_log (key_id, seq);
CREATE INDEX audit_log_by_client ON audit_log (client_key, seq);
CREATE INDEX audit_log_by_outcome ON audit_log (outcome, seq);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE TABLE response_cache (
  cache_key  TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL,
  stored_at  INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX response_cache_by_expiry ON response_cache (expires_at);

-- client_key is '' for calls without a client, so that the primary key can deduplicate them.
-- cost_usd is a decimal string: SQLite has no exact decimal type.
CREATE TABLE usage_counters (
  day              TEXT    NOT NULL,
  client_key       TEXT    NOT NULL,
  tool             TEXT    NOT NULL,
  calls            INTEGER NOT NULL,
  errors           INTEGER NOT NULL,
  total_latency_ms INTEGER NOT NULL,
  tokens           INTEGER NOT NULL,
  cost_usd         TEXT    NOT NULL,
  PRIMARY KEY (day, client_key, tool)
);
CREATE INDEX usage_counters_by_client ON usage_counters (client_key, day);

CREATE TABLE customers (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  email   TEXT NOT NULL,
  company TEXT NOT NULL,
  plan    TEXT NOT NULL,
  status  TEXT NOT NULL
);

CREATE TABLE incidents (
  id         TEXT    PRIMARY KEY,
  title      TEXT    NOT NULL,
  severity   TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  started_at INTEGER NOT NULL
);
CREATE INDEX incidents_by_start ON incidents (started_at);

CREATE TABLE incident_customers (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  customer_id TEXT NOT NULL REFERENCES customers (id),
  PRIMARY KEY (incident_id, customer_id)
);

-- seq numbers the public ids of tickets and messages and orders those created at the same instant.
CREATE TABLE tickets (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  customer_id TEXT    NOT NULL REFERENCES customers (id),
  subject     TEXT    NOT NULL,
  description TEXT    NOT NULL,
  priority    TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX tickets_by_customer ON tickets (customer_id, created_at);

CREATE TABLE messages (
  seq     INTEGER PRIMARY KEY,
  id      TEXT    NOT NULL UNIQUE,
  channel TEXT    NOT NULL,
  text    TEXT    NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX messages_by_channel ON messages (channel, sent_at);
