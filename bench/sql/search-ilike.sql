-- Reference: the same words found the way a catalog without a text index would, ILIKE '%word%' over name and
-- description (no ranking possible: newest first instead). No index serves it: every row is read until 21 match.
SELECT id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version, created_at, updated_at FROM catalog.product
WHERE (name ILIKE '%kestrel%' OR description ILIKE '%kestrel%') AND (name ILIKE '%wirel%' OR description ILIKE '%wirel%')
ORDER BY created_at DESC, id DESC LIMIT 21;
