-- Sharding (docs/sharding.md). Every shard has both tables. When a merchant moves from shard A to shard B, A keeps
-- a row in each: writers on A check merchant_directory under the merchant's advisory lock and go to B instead, and
-- an id lookup that misses on A follows product_relocation to B. Instances load both at start.
CREATE TABLE catalog.merchant_directory (
    merchant_id  varchar(64)  PRIMARY KEY,
    shard        varchar(64)  NOT NULL,
    moved_at     timestamptz  NOT NULL
);

CREATE TABLE catalog.product_relocation (
    product_id  uuid         PRIMARY KEY,
    shard       varchar(64)  NOT NULL,
    moved_at    timestamptz  NOT NULL
);
