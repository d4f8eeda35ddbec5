-- Every product and review event rewrites the summary rows of its category and of the categories above it (the
-- sums move by deltas, views/writing/StatsWriter), so the rows of the top categories are rewritten at the rate of
-- events. A row (about 1.7 KB with its rendered top 10) packed four to a page had no room for its next version,
-- which went to a new page: the table grew with every event until VACUUM ran (35 pages a second at 50 product
-- patches a second, with autovacuum off). With a page to itself, the next version fits beside the old one (a HOT
-- update: no new index entry) and the page prunes its dead versions whenever it is read, VACUUM or not. Rows written
-- before this migration move to pages of their own when they are next updated.
ALTER TABLE aggregation.category_summary SET (fillfactor = 10);
