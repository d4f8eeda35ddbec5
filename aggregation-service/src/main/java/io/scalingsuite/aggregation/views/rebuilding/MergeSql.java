package io.scalingsuite.aggregation.views.rebuilding;

/**
 * The set-based statements of a rebuild's merge, in order. The views become the snapshot: a row takes the snapshot's
 * version even when that is lower (catalog was reloaded, e.g. by {@code make seed}), unless an event after the
 * snapshot's stream position wrote a newer one; rows the snapshot lacks go (products become tombstones, categories
 * and reviews are deleted) unless they were written after the rebuild began. Everything derived (paths, ratings,
 * newest reviews, embedded categories, sums) is recomputed from the merged rows; a card already equal to the
 * snapshot's, or a tombstone whose reviews and category this merge left alone, is not rewritten.
 */
final class MergeSql {

    private MergeSql() {
    }

    /**
     * Run before catalog is asked for its snapshot: what the views hold then. Categories and reviews written later
     * (by events the snapshot may not contain) are never deleted by this rebuild. {@code before_review} is
     * indexed: the planner cannot know how many reviews a reload drops, and guessing one probed it by a full scan
     * per review (minutes at a million products).
     */
    static final String BEFORE_EXPORT = """
            CREATE TEMP TABLE snap_category (id uuid, parent_id uuid, slug text, name text, version bigint) ON COMMIT DROP;
            CREATE TEMP TABLE snap_product (id uuid PRIMARY KEY, version bigint, doc jsonb) ON COMMIT DROP;
            CREATE TEMP TABLE snap_review (review_id uuid, doc jsonb) ON COMMIT DROP;
            CREATE TEMP TABLE before_category ON COMMIT DROP AS SELECT id FROM aggregation.category;
            CREATE TEMP TABLE before_review (review_id uuid PRIMARY KEY) ON COMMIT DROP;
            INSERT INTO before_review SELECT review_id FROM aggregation.review;
            CREATE TEMP TABLE touched_product (product_id uuid PRIMARY KEY) ON COMMIT DROP;
            """;

    /** After the commit (VACUUM cannot run in a transaction): the two tables a merge rewrites in bulk. */
    static final String AFTER_COMMIT = "VACUUM (ANALYZE) aggregation.product_card, aggregation.review";

    /** Whether the row's stream position ({@code stream_id}) is at or before the snapshot's. */
    private static final String AT_OR_BEFORE_SNAPSHOT = "(split_part(p.stream_id, '-', 1)::bigint, "
            + "split_part(p.stream_id, '-', 2)::bigint) <= (:major, :minor)";

    /**
     * Rows the product merge below neither wrote nor found equal to the snapshot's, whose derived numbers and card
     * part may be stale: live rows events wrote after the snapshot (no snapshot row of their version), and
     * tombstones whose reviews this merge changed ({@code touched_product}) or whose category's path moved. Other
     * tombstones were complete before and stay so: a reload that drops 900,000 products does not rewrite 900,000
     * tombstones on every later rebuild.
     */
    private static final String NOT_MERGED = """
            (CASE WHEN NOT p.deleted
                THEN NOT EXISTS (SELECT 1 FROM snap_product s WHERE s.id = p.product_id AND s.version = p.version)
                ELSE p.product_id IN (SELECT product_id FROM touched_product)
                    OR p.category_version <> coalesce((SELECT c.path_version FROM aggregation.category c
                        WHERE c.id = p.category_id AND NOT c.deleted), 0) END)""";

    /**
     * Every statement of the merge, in order. Reviews are merged before products, so that each product row the
     * snapshot has is written once, complete (a row rewrite costs one entry in each of product_card's indexes).
     */
    static final String[] MERGE = {
            // Events wait while the merge runs, so no delta lands between the recomputations below: first on the
            // category tree's lock (events/EventApplier takes it before anything else), then on the tables.
            "SELECT pg_advisory_xact_lock(hashtextextended('aggregation:category-tree', 0))",
            "LOCK TABLE aggregation.category, aggregation.product_card, aggregation.review, aggregation.category_stat, "
                    + "aggregation.merchant_stat, aggregation.merchant_category, aggregation.category_summary "
                    + "IN SHARE ROW EXCLUSIVE MODE",
            // The aggregates below over every review and product: in memory rather than in temporary files, and
            // planned from the staged rows' real numbers (autovacuum never analyzes temporary tables).
            "SET LOCAL work_mem = '256MB'",
            "ANALYZE snap_category, snap_product, snap_review, before_category, before_review",
            """
        INSERT INTO aggregation.category AS c (id, parent_id, slug, name, path, version)
        SELECT id, parent_id, slug, name, '[]', version FROM snap_category
        ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, slug = EXCLUDED.slug, name = EXCLUDED.name,
            version = EXCLUDED.version, deleted = false
        WHERE c.version <= EXCLUDED.version OR c.id IN (SELECT id FROM before_category)""",
            // A category catalog no longer has: its summary must answer 404, not a zero summary. It stays a
            // tombstone, so an older event delivered later does not bring it back.
            """
        UPDATE aggregation.category c SET deleted = true WHERE NOT c.deleted
          AND c.id IN (SELECT id FROM before_category)
          AND NOT EXISTS (SELECT 1 FROM snap_category s WHERE s.id = c.id)""",
            """
        WITH RECURSIVE tree AS (
            SELECT id, jsonb_build_array(jsonb_build_object('id', id, 'slug', slug, 'name', name)) AS path
            FROM aggregation.category c
            WHERE NOT deleted AND (parent_id IS NULL
                OR NOT EXISTS (SELECT 1 FROM aggregation.category p WHERE p.id = c.parent_id AND NOT p.deleted))
            UNION ALL
            SELECT c.id, t.path || jsonb_build_object('id', c.id, 'slug', c.slug, 'name', c.name)
            FROM aggregation.category c JOIN tree t ON c.parent_id = t.id WHERE NOT c.deleted)
        UPDATE aggregation.category c SET path = tree.path, path_version = nextval('aggregation.category_path_seq')
        FROM tree WHERE c.id = tree.id AND c.path IS DISTINCT FROM tree.path""",
            // Reviews catalog no longer has (a reload): they would count in the ratings computed below. The
            // products whose reviews change are noted, for the tombstones among them (NOT_MERGED).
            """
        WITH gone AS (DELETE FROM aggregation.review r WHERE r.review_id IN (SELECT review_id FROM before_review)
            AND NOT EXISTS (SELECT 1 FROM snap_review s WHERE s.review_id = r.review_id) RETURNING r.product_id)
        INSERT INTO touched_product SELECT DISTINCT product_id FROM gone ON CONFLICT DO NOTHING""",
            """
        WITH added AS (INSERT INTO aggregation.review (review_id, product_id, rating, created_at, doc)
            SELECT review_id, (doc->>'productId')::uuid, (doc->>'rating')::smallint,
                (doc->>'createdAt')::timestamptz, doc FROM snap_review
            ON CONFLICT DO NOTHING RETURNING product_id)
        INSERT INTO touched_product SELECT DISTINCT product_id FROM added ON CONFLICT DO NOTHING""",
            // Each product the snapshot has, complete: its ratings and newest reviews from one pass over the
            // reviews, its category from the merged tree (what the card update below computes row by row). A row
            // already equal to it is left out before the conflict check (which would lock and so write it), with
            // its stream position: rebuilding views that were right writes nothing (no index entries, WAL or dead
            // rows; the table lock above keeps it equal).
            """
        WITH snapshot_card AS (SELECT s.id AS product_id, s.doc->>'merchantId' AS merchant_id,
            (s.doc->>'categoryId')::uuid AS category_id, s.doc->>'name' AS name,
            (s.doc->>'priceCents')::bigint AS price_cents, (s.doc->>'stock')::int AS stock,
            coalesce(r.reviews, 0) AS review_count, coalesce(r.rating_sum, 0) AS rating_sum, false AS deleted,
            s.version, (s.doc->>'updatedAt')::timestamptz AS updated_at, ':position' AS stream_id,
            jsonb_build_object('id', s.doc->'id', 'sku', s.doc->'sku', 'name', s.doc->'name',
                'priceCents', s.doc->'priceCents', 'currency', s.doc->'currency', 'stock', s.doc->'stock',
                'merchantId', s.doc->'merchantId', 'version', s.version, 'updatedAt', s.doc->'updatedAt',
                'rating', jsonb_build_object('count', coalesce(r.reviews, 0), 'average', CASE WHEN r.reviews IS NULL
                    THEN NULL ELSE round(r.rating_sum::numeric / r.reviews, 2) END),
                'recentReviews', coalesce(to_jsonb(r.recent[1:3]), '[]'::jsonb),
                'category', CASE WHEN c.id IS NULL THEN jsonb_build_object('id', (s.doc->>'categoryId')::uuid)
                    ELSE jsonb_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'path', c.path) END) AS card,
            coalesce(c.path_version, 0) AS category_version
        FROM snap_product s
        LEFT JOIN (SELECT product_id, count(*) AS reviews, sum(rating) AS rating_sum,
                array_agg(doc ORDER BY created_at DESC, review_id DESC) AS recent
            FROM aggregation.review GROUP BY product_id) r ON r.product_id = s.id
        LEFT JOIN aggregation.category c ON c.id = (s.doc->>'categoryId')::uuid AND NOT c.deleted)
        INSERT INTO aggregation.product_card AS p (product_id, merchant_id, category_id, name, price_cents, stock,
            review_count, rating_sum, deleted, version, updated_at, stream_id, card, category_version)
        SELECT * FROM snapshot_card n WHERE NOT EXISTS (SELECT 1 FROM aggregation.product_card o
            WHERE o.product_id = n.product_id AND (o.merchant_id, o.category_id, o.name, o.price_cents, o.stock,
                o.review_count, o.rating_sum, o.deleted, o.version, o.updated_at, o.card, o.category_version)
            IS NOT DISTINCT FROM (n.merchant_id, n.category_id, n.name, n.price_cents, n.stock, n.review_count,
                n.rating_sum, n.deleted, n.version, n.updated_at, n.card, n.category_version))
        ON CONFLICT (product_id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, category_id = EXCLUDED.category_id,
            name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, stock = EXCLUDED.stock,
            review_count = EXCLUDED.review_count, rating_sum = EXCLUDED.rating_sum, deleted = false,
            version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, stream_id = EXCLUDED.stream_id,
            card = EXCLUDED.card, category_version = EXCLUDED.category_version
        WHERE p.version <= EXCLUDED.version OR """ + AT_OR_BEFORE_SNAPSHOT,
            // Products the snapshot no longer has, unless an event after the snapshot's position wrote them.
            """
        UPDATE aggregation.product_card p SET deleted = true
        WHERE NOT deleted AND NOT EXISTS (SELECT 1 FROM snap_product s WHERE s.id = p.product_id)
          AND """ + AT_OR_BEFORE_SNAPSHOT,
            // The rows the merge did not write get their derived numbers and card part from the merged rows too,
            // in one write per row.
            """
        WITH merged AS (SELECT p.product_id,
                (SELECT count(*) FROM aggregation.review r WHERE r.product_id = p.product_id) AS c,
                (SELECT coalesce(sum(rating), 0) FROM aggregation.review r WHERE r.product_id = p.product_id) AS s
            FROM aggregation.product_card p WHERE """ + NOT_MERGED
                    + """
        )
        UPDATE aggregation.product_card p SET review_count = m.c, rating_sum = m.s, card = p.card || jsonb_build_object(
            'rating', jsonb_build_object('count', m.c, 'average', CASE WHEN m.c = 0 THEN NULL
                ELSE round(m.s::numeric / m.c, 2) END),
            'recentReviews', coalesce((SELECT jsonb_agg(x.doc ORDER BY x.created_at DESC, x.review_id DESC)
                FROM (SELECT doc, created_at, review_id FROM aggregation.review r WHERE r.product_id = p.product_id
                      ORDER BY created_at DESC, review_id DESC LIMIT 3) x), '[]'::jsonb),
            'category', coalesce((SELECT jsonb_build_object('id', c.id, 'slug', c.slug, 'name', c.name, 'path', c.path)
                FROM aggregation.category c WHERE c.id = p.category_id AND NOT c.deleted),
                jsonb_build_object('id', p.category_id))),
            category_version = coalesce((SELECT c.path_version FROM aggregation.category c
                WHERE c.id = p.category_id AND NOT c.deleted), 0)
        FROM merged m WHERE m.product_id = p.product_id""",
            "DELETE FROM aggregation.category_stat",
            """
        INSERT INTO aggregation.category_stat (category_id, product_count, in_stock_count, price_sum, review_count,
            rating_sum, version, updated_at)
        SELECT category_id, count(*), count(*) FILTER (WHERE stock > 0), sum(price_cents), sum(review_count),
            sum(rating_sum), 1, now() FROM aggregation.product_card WHERE NOT deleted GROUP BY category_id""",
            "DELETE FROM aggregation.merchant_stat",
            """
        INSERT INTO aggregation.merchant_stat (merchant_id, product_count, stock_value_cents, review_count,
            rating_sum, version, updated_at)
        SELECT merchant_id, count(*), sum(price_cents * stock), sum(review_count), sum(rating_sum), 1, now()
        FROM aggregation.product_card WHERE NOT deleted GROUP BY merchant_id""",
            "DELETE FROM aggregation.merchant_category",
            """
        INSERT INTO aggregation.merchant_category (merchant_id, category_id, product_count)
        SELECT merchant_id, category_id, count(*) FROM aggregation.product_card WHERE NOT deleted
        GROUP BY merchant_id, category_id""",
            // Every live category's stored summary from its subtree, as the writers' fallback computes one (V7).
            "DELETE FROM aggregation.category_summary",
            """
        SELECT aggregation.refresh_category_summaries(ARRAY(SELECT id FROM aggregation.category WHERE NOT deleted))
        """ };
}
