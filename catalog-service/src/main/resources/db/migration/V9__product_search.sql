-- Text search over products (docs/search.md). The document is computed by PostgreSQL itself, so every
-- INSERT and UPDATE keeps it current and no application code (nor the seeder's COPY) can forget it.
-- 'english' stems words (desks -> desk) and drops stop words; the name weighs more than the description.
-- Only core PostgreSQL: no extension to install on a bare machine.
ALTER TABLE catalog.product ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, name), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')) STORED;
CREATE INDEX product_search_idx ON catalog.product USING gin (search);
-- Attribute filters (attributes @> '{"color":"brown"}') use product_attributes_idx (jsonb_path_ops, V1).
-- Larger statistics samples for both: the planner estimates containment from sampled whole attribute documents and
-- word matches from the most common lexemes. With the default 100 a value in 0.2% of rows reads as 0% or 1% by luck,
-- and a rare word (or prefix) as 2%: then walking the sort's B-tree and filtering looks cheaper than the GIN index,
-- and a rare match costs a scan of most of the table. 1000 estimates both closely (docs/search.md).
ALTER TABLE catalog.product ALTER COLUMN attributes SET STATISTICS 1000;
ALTER TABLE catalog.product ALTER COLUMN search SET STATISTICS 1000;
