-- Camelot store, layout version 6: version 5 plus the purge order of the tombstones. Each purged id
-- gets the next number (existing ones are numbered as the upgrade finds them), so that
-- dropTombstones forgets the oldest first and tombstones stay bounded (security review H5). Additive
-- and idempotent: it upgrades a version 1 to 5 database in place.
ALTER TABLE purged_ids ADD COLUMN IF NOT EXISTS seq bigserial;
CREATE UNIQUE INDEX IF NOT EXISTS purged_ids_seq ON purged_ids (seq);
