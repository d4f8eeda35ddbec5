-- aggregation-service owns this schema. It never reads catalog's tables: everything here is built from the
-- catalog event stream (docs/events.md) and updated by deltas, one event at a time.
CREATE SCHEMA IF NOT EXISTS aggregation;

-- Events already applied: a redelivered event changes nothing.
CREATE TABLE aggregation.applied_event (
    event_id    uuid        PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE aggregation.category (
    id          uuid         PRIMARY KEY,
    parent_id   uuid,
    slug        varchar(100) NOT NULL,
    name        varchar(200) NOT NULL,
    -- [{id, slug, name}, ...] from the root down to this category
    path        jsonb        NOT NULL,
    version     bigint       NOT NULL
);
CREATE INDEX category_parent_idx ON aggregation.category (parent_id);

-- One row per product ever seen; a delete leaves a tombstone so late, older events cannot revive it.
CREATE TABLE aggregation.product_card (
    product_id    uuid         PRIMARY KEY,
    merchant_id   varchar(64)  NOT NULL,
    category_id   uuid         NOT NULL,
    name          varchar(200) NOT NULL,
    price_cents   bigint       NOT NULL,
    stock         integer      NOT NULL,
    review_count  integer      NOT NULL DEFAULT 0,
    rating_sum    bigint       NOT NULL DEFAULT 0,
    avg_rating    numeric GENERATED ALWAYS AS
                  (CASE WHEN review_count = 0 THEN NULL ELSE rating_sum::numeric / review_count END) STORED,
    deleted       boolean      NOT NULL DEFAULT false,
    version       bigint       NOT NULL,
    updated_at    timestamptz  NOT NULL,
    stream_id     varchar(40)  NOT NULL,
    -- the product card document, served as is: one primary-key read, no join
    card          jsonb        NOT NULL
);
CREATE INDEX product_card_category_price_idx  ON aggregation.product_card (category_id, price_cents) WHERE NOT deleted;
CREATE INDEX product_card_category_rating_idx ON aggregation.product_card
    (category_id, avg_rating DESC NULLS LAST, review_count DESC, product_id) WHERE NOT deleted;

-- Per-category sums of the products directly in it; summaries add up a subtree's rows.
CREATE TABLE aggregation.category_stat (
    category_id     uuid    PRIMARY KEY,
    product_count   bigint  NOT NULL DEFAULT 0,
    in_stock_count  bigint  NOT NULL DEFAULT 0,
    price_sum       bigint  NOT NULL DEFAULT 0,
    review_count    bigint  NOT NULL DEFAULT 0,
    rating_sum      bigint  NOT NULL DEFAULT 0,
    version         bigint  NOT NULL DEFAULT 0,
    updated_at      timestamptz
);

CREATE TABLE aggregation.merchant_stat (
    merchant_id        varchar(64) PRIMARY KEY,
    product_count      bigint      NOT NULL DEFAULT 0,
    stock_value_cents  bigint      NOT NULL DEFAULT 0,
    review_count       bigint      NOT NULL DEFAULT 0,
    rating_sum         bigint      NOT NULL DEFAULT 0,
    version            bigint      NOT NULL DEFAULT 0,
    updated_at         timestamptz
);

CREATE TABLE aggregation.merchant_category (
    merchant_id    varchar(64) NOT NULL,
    category_id    uuid        NOT NULL,
    product_count  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (merchant_id, category_id)
);

-- Reviews whose product has not arrived yet (relays may interleave); applied when it does.
CREATE TABLE aggregation.parked_event (
    event_id    uuid         PRIMARY KEY,
    product_id  uuid         NOT NULL,
    fields      jsonb        NOT NULL,
    parked_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX parked_event_product_idx ON aggregation.parked_event (product_id);
