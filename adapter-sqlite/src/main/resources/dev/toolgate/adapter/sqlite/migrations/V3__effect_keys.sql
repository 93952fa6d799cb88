-- Toolgate schema, version 3: a ticket or message made by a call with an idempotency key records the
-- call's effect key, unique, so that a retry after a crash finds the first one instead of making
-- another (issue 9). Calls without a key leave it NULL, which a unique index does not compare.

ALTER TABLE tickets ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX tickets_by_idempotency_key ON tickets (idempotency_key);

ALTER TABLE messages ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX messages_by_idempotency_key ON messages (idempotency_key);

-- The request id of the call holding an idempotency key, so that a call cut off by a crash can be
-- named when its key is taken over (outcome_unknown). Records written before stay NULL.
ALTER TABLE idempotency_records ADD COLUMN request_id TEXT;
