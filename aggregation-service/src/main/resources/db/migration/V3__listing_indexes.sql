-- Keyset listings of product cards: each (filter, sort) walks one index in order and stops after a page.
-- Rating sorts use coalesce(avg_rating, -1) so unrated products sort last in a plain descending index.
CREATE INDEX product_card_price_idx ON aggregation.product_card (price_cents, product_id) WHERE NOT deleted;
CREATE INDEX product_card_category_price_id_idx ON aggregation.product_card (category_id, price_cents, product_id)
    WHERE NOT deleted;
CREATE INDEX product_card_rating_idx ON aggregation.product_card
    ((coalesce(avg_rating, -1)) DESC, review_count DESC, product_id DESC) WHERE NOT deleted;
CREATE INDEX product_card_category_rating_key_idx ON aggregation.product_card
    (category_id, (coalesce(avg_rating, -1)) DESC, review_count DESC, product_id DESC) WHERE NOT deleted;
