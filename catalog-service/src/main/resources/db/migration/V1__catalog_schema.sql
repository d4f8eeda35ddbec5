-- catalog-service owns this schema; no other service reads these tables.
CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.category (
    id          uuid         PRIMARY KEY,
    slug        varchar(100) NOT NULL,
    name        varchar(200) NOT NULL,
    parent_id   uuid         REFERENCES catalog.category (id),
    version     bigint       NOT NULL DEFAULT 0,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    CONSTRAINT category_slug_key UNIQUE (slug)
);
CREATE INDEX category_parent_idx ON catalog.category (parent_id);

CREATE TABLE catalog.product (
    id           uuid         PRIMARY KEY,
    sku          varchar(64)  NOT NULL,
    name         varchar(200) NOT NULL,
    description  text,
    price_cents  bigint       NOT NULL CHECK (price_cents >= 0),
    currency     char(3)      NOT NULL,
    category_id  uuid         NOT NULL REFERENCES catalog.category (id),
    merchant_id  varchar(64)  NOT NULL,
    stock        integer      NOT NULL CHECK (stock >= 0),
    attributes   jsonb        NOT NULL DEFAULT '{}'::jsonb,
    version      bigint       NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    CONSTRAINT product_sku_key UNIQUE (sku)
);

-- Each listing filter with each sort has an index that yields rows already in keyset order,
-- so a page costs LIMIT index entries whatever its depth. The category ones also serve the FK.
CREATE INDEX product_price_idx            ON catalog.product (price_cents, id);
CREATE INDEX product_created_idx          ON catalog.product (created_at, id);
CREATE INDEX product_category_price_idx   ON catalog.product (category_id, price_cents, id);
CREATE INDEX product_category_created_idx ON catalog.product (category_id, created_at, id);
CREATE INDEX product_merchant_price_idx   ON catalog.product (merchant_id, price_cents, id);
CREATE INDEX product_merchant_created_idx ON catalog.product (merchant_id, created_at, id);
-- In-stock listings are the storefront's default: partial indexes skip sold-out rows entirely.
CREATE INDEX product_in_stock_price_idx          ON catalog.product (price_cents, id) WHERE stock > 0;
CREATE INDEX product_in_stock_created_idx        ON catalog.product (created_at, id) WHERE stock > 0;
CREATE INDEX product_in_stock_category_price_idx ON catalog.product (category_id, price_cents, id) WHERE stock > 0;
CREATE INDEX product_in_stock_category_created_idx ON catalog.product (category_id, created_at, id) WHERE stock > 0;
CREATE INDEX product_attributes_idx ON catalog.product USING gin (attributes jsonb_path_ops);

CREATE TABLE catalog.review (
    id          uuid         PRIMARY KEY,
    product_id  uuid         NOT NULL REFERENCES catalog.product (id) ON DELETE CASCADE,
    rating      smallint     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title       varchar(200),
    body        text,
    created_at  timestamptz  NOT NULL
);
-- Reviews are listed newest first per product; UUIDv7 ids are time-ordered, so id order is creation order.
CREATE INDEX review_product_idx ON catalog.review (product_id, id);
