-- Top lists (views/reading/TopProducts) now page by the keyset (coalesce(avg_rating, -1), review_count, product_id)
-- DESC, which product_card_category_rating_key_idx (V3) serves with the cursor as its index condition. The V1 index
-- in the old order (avg_rating DESC NULLS LAST, ..., product_id ASC) is read by nothing any more; every card write
-- still paid for it.
DROP INDEX aggregation.product_card_category_rating_idx;
