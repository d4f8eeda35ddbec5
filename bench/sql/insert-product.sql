-- pgbench: one product per transaction, a copy of one of the first 1,000 (new id, SKU 'PGB-…': delete them after),
-- for the cost of a write into catalog.product's indexes (docs/search.md, GIN fastupdate):
--   pgbench -n -c 4 -j 2 -T 20 -f bench/sql/insert-product.sql --log scaling_suite
--   psql scaling_suite -c "DELETE FROM catalog.product WHERE sku LIKE 'PGB-%'"
\set k random(0, 999)
INSERT INTO catalog.product (id, sku, name, description, price_cents, currency, category_id, merchant_id, stock,
                             attributes, version, created_at, updated_at)
SELECT gen_random_uuid(), 'PGB-' || md5(random()::text), name, description, price_cents, currency, category_id,
       merchant_id, stock, attributes, 0, now(), now()
FROM catalog.product WHERE id = (SELECT id FROM catalog.product ORDER BY id LIMIT 1 OFFSET :k);
