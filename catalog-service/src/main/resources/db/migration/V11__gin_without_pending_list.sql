-- The GIN indexes take each write into their entries at once (fastupdate off) rather than into a pending list.
-- Every search and attribute filter reads the whole pending list until a writer that crosses
-- gin_pending_list_limit (4 MB, about 15,000 products) or a VACUUM moves it into the index, and autovacuum comes
-- only after about 20 % of the table was inserted: on 100,000 products a ranked search took 3.8 ms with 10,000
-- entries pending against 1.8 ms with none. Without the list a write costs a little more (single-row inserts in
-- pgbench 1,885 against 2,030-2,320 a second) and never flushes 4 MB for everyone else (max 27 ms against 57 ms).
ALTER INDEX catalog.product_search_idx SET (fastupdate = off);
ALTER INDEX catalog.product_attributes_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('catalog.product_search_idx');
SELECT gin_clean_pending_list('catalog.product_attributes_idx');
