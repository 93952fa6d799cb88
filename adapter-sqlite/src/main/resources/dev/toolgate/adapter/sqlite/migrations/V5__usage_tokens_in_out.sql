-- Toolgate schema, version 5: tokens read and written by a model are priced differently, so the
-- ledger keeps them apart (issue 12).
-- `tokens` stays the total (still written): rows counted before this migration have only that, unsplit,
-- and read back as 0 in and 0 out.
ALTER TABLE usage_counters ADD COLUMN tokens_in INTEGER NOT NULL DEFAULT 0;
ALTER TABLE usage_counters ADD COLUMN tokens_out INTEGER NOT NULL DEFAULT 0;
