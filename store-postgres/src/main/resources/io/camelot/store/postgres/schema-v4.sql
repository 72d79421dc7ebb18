-- Camelot store, layout version 4: version 3 plus the request hash of every work order accepted,
-- so that a request re-sent under another id is refused (its hash joins fields without
-- separators, so moving part of the id into the nonce keeps the hash). Additive and idempotent: it
-- upgrades a version 1, 2 or 3 database in place; the store then indexes the requests it holds.
--
-- Rows are never deleted: purge keeps a work order's hash as it keeps its id in purged_ids. Since
-- submit inserts the row in the statement that inserts the work order, the primary key refuses the
-- second of two concurrent submissions of one hash, and no purge can hide a hash from a submit.
CREATE TABLE IF NOT EXISTS request_hashes (
  hash bytea PRIMARY KEY,
  id   bytea NOT NULL
);
