-- Reference: the same filters as attributes->>'k' = 'v', which no index serves.
SELECT id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version, created_at, updated_at FROM catalog.product
WHERE attributes->>'brand' = 'Kestrel' AND attributes->>'color' = 'navy'
ORDER BY created_at DESC, id DESC LIMIT 21;
