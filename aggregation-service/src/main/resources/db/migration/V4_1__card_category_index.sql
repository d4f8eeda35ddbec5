-- A category's event re-embeds the category in all its cards, tombstones included, so the partial (NOT deleted)
-- listing indexes cannot serve `UPDATE ... WHERE category_id = ?`: without this index it scanned every card.
-- WriterIndexTest asks the planner about every statement the event appliers run.
CREATE INDEX product_card_category_idx ON aggregation.product_card (category_id);
