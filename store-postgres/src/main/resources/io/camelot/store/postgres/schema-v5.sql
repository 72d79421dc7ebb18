-- Camelot store, layout version 5: version 4 plus the heartbeats of the worker processes. Each
-- process draining a worker's queue (SharedQueueWorker) keeps one row for it, pushed a lease ahead
-- every third of a lease and deleted when it stops; a worker is served while one of its rows has
-- not expired, and listeners refuse work orders for a worker nobody serves. Additive and
-- idempotent: it upgrades a version 1 to 4 database in place.
CREATE TABLE IF NOT EXISTS workers_served (
  worker_id bytea NOT NULL,
  owner     text NOT NULL,
  expires   timestamptz NOT NULL,
  PRIMARY KEY (worker_id, owner)
);
