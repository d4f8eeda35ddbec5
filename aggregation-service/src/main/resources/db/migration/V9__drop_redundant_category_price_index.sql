-- V1's (category_id, price_cents) index is a prefix of V3's (category_id, price_cents, product_id), under the same
-- WHERE NOT deleted: every query it served, V3's serves as well. Each card written (an event, a rebuild's 100,000 or
-- a million) paid for one index entry more than it needed.
DROP INDEX IF EXISTS aggregation.product_card_category_price_idx;
