-- A category summary is one stored row per live category, read by primary key (views/reading/ViewQueries): the
-- sums of its subtree (the category and every live descendant), its price extremes and its top 10 by rating,
-- rendered. The writers keep it in the transaction of the event that changes it (views/writing/SummaryWriter):
-- sums by deltas (x = x + delta), extremes and the top 10 from the changed product alone, unless an extreme or a
-- top-10 member leaves; then, and on every category change and rebuild, the row is recomputed from the subtree by
-- aggregation.refresh_category_summaries below. Product and review events take the category-tree advisory lock
-- shared, category events and the rebuild take it exclusively (events/EventApplier): the tree does not change
-- under a delta.
CREATE TABLE aggregation.category_summary (
    category_id      uuid        PRIMARY KEY,
    product_count    bigint      NOT NULL DEFAULT 0,
    in_stock_count   bigint      NOT NULL DEFAULT 0,
    price_sum        bigint      NOT NULL DEFAULT 0,
    review_count     bigint      NOT NULL DEFAULT 0,
    rating_sum       bigint      NOT NULL DEFAULT 0,
    -- the sum of the subtree's category_stat versions, and the latest of their updated_at
    version          bigint      NOT NULL DEFAULT 0,
    updated_at       timestamptz,
    min_price_cents  bigint,
    max_price_cents  bigint,
    -- the top 10 by (coalesce(avg_rating, -1), review_count, product_id) DESC, best first, and the key of the last
    -- (the floor a product must beat to enter a full list), for the writers
    top_ids          uuid[]      NOT NULL DEFAULT '{}',
    floor_rating     numeric,
    floor_reviews    bigint,
    -- the same list as the summary serves it, byte for byte: json keeps its text (jsonb would reorder the keys and
    -- add spaces, and the summary's ETag is a digest of the body)
    top_products     json        NOT NULL DEFAULT '[]'
);

-- Since a summary's updated_at is the latest of its subtree's, a stat row's updated_at never goes back: a
-- transaction that started earlier but commits later leaves the later time in place (views/writing/StatsWriter).

-- A JSON string literal exactly as Jackson writes it: to_json's form, except that control characters without a
-- short escape are written \u00XX with upper-case hex digits.
CREATE FUNCTION aggregation.json_string(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN t !~ '[\x01-\x1f]' THEN to_json(t)::text
        ELSE '"' || (SELECT string_agg(CASE WHEN ch ~ '[\x01-\x07\x0b\x0e-\x1f]'
                                            THEN '\u00' || upper(lpad(to_hex(ascii(ch)), 2, '0'))
                                            ELSE substr(to_json(ch)::text, 2, length(to_json(ch)::text) - 2) END,
                                       '' ORDER BY n)
                     FROM regexp_split_to_table(t, '') WITH ORDINALITY AS x(ch, n)) || '"' END
$$;

-- The best 10 of the candidate products that are live, in the top list's order, as ids, as the summary's JSON
-- (each {id, name, priceCents, avgRating, reviewCount}, as views/reading/TopProducts renders a top page) and the
-- key of the last.
CREATE FUNCTION aggregation.summary_top(candidates uuid[], OUT top_ids uuid[], OUT top_products json,
        OUT floor_rating numeric, OUT floor_reviews bigint) LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(product_id ORDER BY n), '{}'),
        ('[' || coalesce(string_agg('{"id":"' || product_id || '","name":' || aggregation.json_string(name)
            || ',"priceCents":' || price_cents || ',"avgRating":' || coalesce(round(avg_rating, 2)::text, 'null')
            || ',"reviewCount":' || review_count || '}', ',' ORDER BY n), '') || ']')::json,
        (array_agg(coalesce(avg_rating, -1) ORDER BY n DESC))[1],
        (array_agg(review_count ORDER BY n DESC))[1]
    FROM (SELECT product_id, name, price_cents, avg_rating, review_count,
                 row_number() OVER (ORDER BY coalesce(avg_rating, -1) DESC, review_count DESC, product_id DESC) AS n
          FROM aggregation.product_card WHERE product_id = ANY (candidates) AND NOT deleted
          ORDER BY n LIMIT 10) best
$$;

-- Recomputes the summaries of the given categories from their subtrees (the writers' fallback, category changes,
-- the rebuild and this migration): sums from category_stat; extremes and the top 10 from a few index probes per
-- category of the subtree, as the summary read did before this migration. A category that is unknown or deleted
-- loses its row (its summary answers 404). UNION (not ALL) ends at a cycle that out-of-order moves can leave.
CREATE FUNCTION aggregation.refresh_category_summaries(targets uuid[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM aggregation.category_summary s WHERE s.category_id = ANY (targets)
      AND NOT EXISTS (SELECT 1 FROM aggregation.category c WHERE c.id = s.category_id AND NOT c.deleted);
    WITH RECURSIVE sub (ancestor, id) AS (
        SELECT id, id FROM aggregation.category WHERE id = ANY (targets) AND NOT deleted
        UNION
        SELECT s.ancestor, c.id FROM sub s JOIN aggregation.category c ON c.parent_id = s.id WHERE NOT c.deleted),
    per_category AS (
        SELECT d.id,
            (SELECT price_cents FROM aggregation.product_card p WHERE p.category_id = d.id AND NOT p.deleted
             ORDER BY price_cents LIMIT 1) AS lo,
            (SELECT price_cents FROM aggregation.product_card p WHERE p.category_id = d.id AND NOT p.deleted
             ORDER BY price_cents DESC LIMIT 1) AS hi,
            ARRAY(SELECT product_id FROM aggregation.product_card p WHERE p.category_id = d.id AND NOT p.deleted
                  ORDER BY coalesce(avg_rating, -1) DESC, review_count DESC, product_id DESC LIMIT 10) AS best
        FROM (SELECT DISTINCT id FROM sub) d),
    rolled AS (
        SELECT s.ancestor, coalesce(sum(t.product_count), 0) AS product_count,
            coalesce(sum(t.in_stock_count), 0) AS in_stock_count, coalesce(sum(t.price_sum), 0) AS price_sum,
            coalesce(sum(t.review_count), 0) AS review_count, coalesce(sum(t.rating_sum), 0) AS rating_sum,
            coalesce(sum(t.version), 0) AS version, max(t.updated_at) AS updated_at,
            min(pc.lo) AS min_price_cents, max(pc.hi) AS max_price_cents
        FROM sub s JOIN per_category pc ON pc.id = s.id
        LEFT JOIN aggregation.category_stat t ON t.category_id = s.id
        GROUP BY s.ancestor),
    candidates AS (
        SELECT s.ancestor, array_agg(b) AS ids
        FROM sub s JOIN per_category pc ON pc.id = s.id CROSS JOIN LATERAL unnest(pc.best) AS b
        GROUP BY s.ancestor)
    INSERT INTO aggregation.category_summary AS x (category_id, product_count, in_stock_count, price_sum,
        review_count, rating_sum, version, updated_at, min_price_cents, max_price_cents, top_ids, top_products,
        floor_rating, floor_reviews)
    SELECT r.ancestor, r.product_count, r.in_stock_count, r.price_sum, r.review_count, r.rating_sum, r.version,
        r.updated_at, r.min_price_cents, r.max_price_cents, top.top_ids, top.top_products, top.floor_rating,
        top.floor_reviews
    FROM rolled r LEFT JOIN candidates k ON k.ancestor = r.ancestor
    CROSS JOIN LATERAL aggregation.summary_top(coalesce(k.ids, '{}')) top
    ON CONFLICT (category_id) DO UPDATE SET product_count = EXCLUDED.product_count,
        in_stock_count = EXCLUDED.in_stock_count, price_sum = EXCLUDED.price_sum,
        review_count = EXCLUDED.review_count, rating_sum = EXCLUDED.rating_sum, version = EXCLUDED.version,
        updated_at = EXCLUDED.updated_at, min_price_cents = EXCLUDED.min_price_cents,
        max_price_cents = EXCLUDED.max_price_cents, top_ids = EXCLUDED.top_ids,
        top_products = EXCLUDED.top_products, floor_rating = EXCLUDED.floor_rating,
        floor_reviews = EXCLUDED.floor_reviews;
$$;

-- The summaries of the views this migration finds (none on a fresh database).
DO $$ BEGIN
    PERFORM aggregation.refresh_category_summaries(ARRAY(SELECT id FROM aggregation.category WHERE NOT deleted));
END $$;
