-- Toolgate schema: audit retention (issue 13). Pruning deletes the oldest audit records and keeps
-- here the seq and hash of the last one deleted, so that the kept chain still verifies from it.
-- One row at most (id = 1); no row means nothing was ever pruned and the chain starts at genesis.
CREATE TABLE audit_checkpoint (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT    NOT NULL,
  at   INTEGER NOT NULL
);
