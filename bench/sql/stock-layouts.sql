-- Two copies of catalog.product side by side, for what V12 changed (bench/README.md, the findings table):
-- stock_layouts.old as before (in-stock indexes on "stock > 0", fillfactor 100) and stock_layouts.new as now
-- (on the generated in_stock, fillfactor 90). Each has the product's 14 indexes and a row number n to pick rows by.
--   psql scaling_suite -f bench/sql/stock-layouts.sql
--   pgbench -n -M prepared -c 2 -j 2 -T 15 -f bench/sql/update-stock-old.sql scaling_suite   (then -new.sql)
--   PGOPTIONS='-c synchronous_commit=off' pgbench ...    (CPU-bound: the commits' WAL flush left out)
--   psql scaling_suite -c "SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables
--                          WHERE schemaname = 'stock_layouts'"
--   psql scaling_suite -c "DROP SCHEMA stock_layouts CASCADE"
DROP SCHEMA IF EXISTS stock_layouts CASCADE;
CREATE SCHEMA stock_layouts;
CREATE TABLE stock_layouts.old (n serial, id uuid PRIMARY KEY, sku varchar(64) UNIQUE, name varchar(200),
    description text, price_cents bigint, currency char(3), category_id uuid, merchant_id varchar(64), stock integer,
    attributes jsonb, version bigint, created_at timestamptz, updated_at timestamptz,
    search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, name), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')) STORED);
CREATE TABLE stock_layouts.new (LIKE stock_layouts.old INCLUDING DEFAULTS INCLUDING GENERATED,
    in_stock boolean GENERATED ALWAYS AS (stock > 0) STORED) WITH (fillfactor = 90);

INSERT INTO stock_layouts.old (id, sku, name, description, price_cents, currency, category_id, merchant_id, stock,
    attributes, version, created_at, updated_at)
  SELECT id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version,
         created_at, updated_at FROM catalog.product ORDER BY created_at;
INSERT INTO stock_layouts.new (n, id, sku, name, description, price_cents, currency, category_id, merchant_id, stock,
    attributes, version, created_at, updated_at)
  SELECT n, id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version,
         created_at, updated_at FROM stock_layouts.old ORDER BY n;

DO $$
DECLARE t text; p text;
BEGIN
  FOREACH t IN ARRAY ARRAY['old', 'new'] LOOP
    p := CASE t WHEN 'old' THEN 'stock > 0' ELSE 'in_stock' END;
    IF t = 'new' THEN
      EXECUTE 'ALTER TABLE stock_layouts.new ADD PRIMARY KEY (id), ADD UNIQUE (sku)';
    END IF;
    EXECUTE format('CREATE UNIQUE INDEX ON stock_layouts.%I (n)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I USING gin (attributes jsonb_path_ops) WITH (fastupdate = off)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I USING gin (search) WITH (fastupdate = off)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (price_cents, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (created_at, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (category_id, price_cents, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (category_id, created_at, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (merchant_id, price_cents, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (merchant_id, created_at, id)', t);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (price_cents, id) WHERE %s', t, p);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (created_at, id) WHERE %s', t, p);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (category_id, price_cents, id) WHERE %s', t, p);
    EXECUTE format('CREATE INDEX ON stock_layouts.%I (category_id, created_at, id) WHERE %s', t, p);
  END LOOP;
END $$;
VACUUM ANALYZE stock_layouts.old, stock_layouts.new;
