-- Camelot store, layout version 3: version 2 plus the check that refuses a submission of a purged
-- id even while the purge commits. Idempotent: it upgrades a version 1 or 2 database in place.
--
-- Submit's NOT EXISTS on purged_ids reads the statement's snapshot. A purge that commits after
-- that snapshot was taken, while the submit's insert waits on the row the purge deleted, leaves
-- the tombstone invisible to it and the id free: the replay would be accepted. This AFTER trigger
-- runs once the insert has waited, and a VOLATILE function takes a new snapshot for its query
-- under READ COMMITTED, so it sees that committed tombstone; the error (SQLSTATE CMPRG, which the
-- store reads as DUPLICATE) rolls back the whole statement, its pg_notify included. A BEFORE
-- trigger would run before the wait, too early. Only inserted rows pay for the check.
CREATE OR REPLACE FUNCTION camelot_refuse_purged_id() RETURNS trigger
  LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM purged_ids WHERE id = NEW.id) THEN
    RAISE EXCEPTION 'work order id % was purged', encode(NEW.id, 'hex') USING ERRCODE = 'CMPRG';
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS work_orders_refuse_purged_id ON work_orders;
CREATE TRIGGER work_orders_refuse_purged_id AFTER INSERT ON work_orders
  FOR EACH ROW EXECUTE FUNCTION camelot_refuse_purged_id();
