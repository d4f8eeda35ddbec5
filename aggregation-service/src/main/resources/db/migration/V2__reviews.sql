-- Every review seen, from events or a rebuild's snapshot: the review id makes a review count once however it
-- arrives, and a rebuild recomputes ratings and the newest reviews from here.
CREATE TABLE aggregation.review (
    review_id   uuid         PRIMARY KEY,
    product_id  uuid         NOT NULL,
    rating      smallint     NOT NULL,
    created_at  timestamptz  NOT NULL,
    doc         jsonb        NOT NULL
);
CREATE INDEX review_product_newest_idx ON aggregation.review (product_id, created_at DESC, review_id DESC);
