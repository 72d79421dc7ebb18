-- Camelot store, layout version 1: the tables of the LMDB store, as PostgreSQL tables.
-- Ids and keys are bytea (their UTF-8 bytes): bytea compares as unsigned bytes, the store's key
-- order, and unlike text it can hold U+0000.

CREATE TABLE workers (
  id     bytea PRIMARY KEY,
  record bytea NOT NULL
);

-- One row per work order: the LMDB requests, responses, orders, queue and completed tables.
-- completed_at is null while the work order is pending. The lease columns belong to the shared
-- queue: a worker process owns a pending work order until lease_expires (database clock).
CREATE TABLE work_orders (
  id            bytea PRIMARY KEY,
  worker_id     bytea NOT NULL,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  received_at   bigint NOT NULL,
  completed_at  bigint,
  request       bytea NOT NULL,
  response      bytea,
  lease_owner   text,
  lease_expires timestamptz,
  attempts      integer NOT NULL DEFAULT 0
);

-- The per-worker FIFO of pending work orders, and the purge order of completed ones.
CREATE INDEX work_orders_pending ON work_orders (worker_id, seq) WHERE completed_at IS NULL;
CREATE INDEX work_orders_completed ON work_orders (completed_at, seq) WHERE completed_at IS NOT NULL;

-- Ids of purged work orders, kept so that a replayed old request is still refused as a duplicate.
CREATE TABLE purged_ids (
  id bytea PRIMARY KEY
);

CREATE TABLE receipts (
  id             bytea PRIMARY KEY,
  create_request bytea NOT NULL
);

CREATE TABLE receipt_updates (
  id      bytea NOT NULL,
  idx     integer NOT NULL,
  body    bytea NOT NULL,
  PRIMARY KEY (id, idx)
);

CREATE TABLE state (
  key   bytea PRIMARY KEY,
  value bytea NOT NULL
);
