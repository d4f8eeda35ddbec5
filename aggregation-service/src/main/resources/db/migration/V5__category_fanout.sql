-- Category changes fan out to product cards in bounded batches (views/writing/CategoryFanout), not in the event's
-- transaction. Every change of a category's embedded form (its slug, name or path, which an ancestor's rename or
-- move also changes) takes a new path_version from one sequence; a card records the path_version of the category
-- it embeds, so a batch never overwrites a card that already embeds the same or a newer form.
CREATE SEQUENCE aggregation.category_path_seq;
ALTER TABLE aggregation.category ADD COLUMN path_version bigint NOT NULL DEFAULT 0;
-- A deleted category stays as a tombstone with its last version: an older CategoryUpdated delivered late cannot
-- bring it back. Views never show it (summaries answer 404, cards embed only its id).
ALTER TABLE aggregation.category ADD COLUMN deleted boolean NOT NULL DEFAULT false;
ALTER TABLE aggregation.product_card ADD COLUMN category_version bigint NOT NULL DEFAULT 0;

-- One durable job per changed category: re-embed the category (and its descendants) in every card of its subtree,
-- a batch at a time, keyset by (category_id, product_id). A crash or redelivery resumes from the cursor; a newer
-- change of the same category restarts it from the beginning.
CREATE TABLE aggregation.category_fanout (
    category_id       uuid        PRIMARY KEY,
    target_version    bigint      NOT NULL,
    last_category_id  uuid,
    last_product_id   uuid,
    cards             bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- Workers take the job that waited longest (a batch moves its job to the back).
CREATE INDEX category_fanout_updated_at_idx ON aggregation.category_fanout (updated_at);

-- The batch's keyset walk: a category's cards in product id order (tombstones included, as before).
DROP INDEX aggregation.product_card_category_idx;
CREATE INDEX product_card_category_product_idx ON aggregation.product_card (category_id, product_id);
