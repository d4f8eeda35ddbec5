-- Category copies on the other shards are applied from the first shard's rows in one transaction per shard
-- (CategoryReplicator), in any order: a rename that swaps two slugs, or a move under a parent the copy does not
-- have yet, is only consistent at the commit. Both constraints stay checked per statement for every other
-- write (INITIALLY IMMEDIATE), so a duplicate slug is still refused at the INSERT that causes it.
ALTER TABLE catalog.category ALTER CONSTRAINT category_parent_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE catalog.category DROP CONSTRAINT category_slug_key;
ALTER TABLE catalog.category ADD CONSTRAINT category_slug_key UNIQUE (slug) DEFERRABLE INITIALLY IMMEDIATE;
