-- pgbench: a stock change of one random product, as a stock feed or an order sends it, on stock_layouts.old
-- (made by bench/sql/stock-layouts.sql, whose header says how to run both)
\set n random(1, 100000)
\set s random(0, 500)
UPDATE stock_layouts.old SET stock = :s, updated_at = now(), version = version + 1 WHERE n = :n;
