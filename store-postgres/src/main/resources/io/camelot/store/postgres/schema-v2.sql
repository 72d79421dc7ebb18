-- Camelot store, layout version 2: version 1 plus the declared dependencies of work orders
-- (docs/dependencies.md), so that the shared queue schedules them across processes. Additive and
-- idempotent: it upgrades a version 1 database in place.

-- True if the work order declared predecessors or resources: only those pay for the dependency
-- checks when claimed.
ALTER TABLE work_orders ADD COLUMN IF NOT EXISTS gated boolean NOT NULL DEFAULT false;

-- Pending gated work orders, per worker: what the claim looks for after the plain ones.
CREATE INDEX IF NOT EXISTS work_orders_gated_pending ON work_orders (worker_id, seq)
  WHERE gated AND completed_at IS NULL;

-- dependencies.after (inputFrom predecessors are in it too), in declared order. A predecessor
-- exists when its successor is submitted, so it has a lower seq and no cycle can form.
CREATE TABLE IF NOT EXISTS work_order_after (
  id          bytea NOT NULL,
  idx         integer NOT NULL,
  predecessor bytea NOT NULL,
  PRIMARY KEY (id, predecessor)
);
-- The successors a completion wakes.
CREATE INDEX IF NOT EXISTS work_order_after_predecessor ON work_order_after (predecessor);

-- dependencies.reads / writes of pending work orders (a resource in both is a write); rows go when
-- the work order completes. seq is the work order's: locks are granted in submission order.
CREATE TABLE IF NOT EXISTS work_order_resources (
  id        bytea NOT NULL,
  resource  bytea NOT NULL,
  seq       bigint NOT NULL,
  exclusive boolean NOT NULL,
  PRIMARY KEY (id, resource)
);
CREATE INDEX IF NOT EXISTS work_order_resources_order ON work_order_resources (resource, seq);
