-- Two attribute filters as catalog runs them (attr.brand=Kestrel&attr.color=navy, newest first, 20 per page):
-- jsonb containment, answered by the jsonb_path_ops GIN index.
SELECT id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version, created_at, updated_at FROM catalog.product
WHERE attributes @> CAST('{"brand":"Kestrel"}' AS jsonb) AND attributes @> CAST('{"color":"navy"}' AS jsonb)
ORDER BY created_at DESC, id DESC LIMIT 21;
