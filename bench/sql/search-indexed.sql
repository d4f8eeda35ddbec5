-- A text search as catalog runs it (ProductListingQuery, sort=relevance, first page of 20): GIN on the stored
-- tsvector, rank the matches, keep the top 21. Words from the demo catalogue: a brand and an adjective prefix.
SELECT * FROM (SELECT id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, version, created_at, updated_at,
    ts_rank(search, to_tsquery('english', '''kestrel'' & ''wirel'':*'))
      + CASE WHEN sku = 'kestrel wirel' THEN CAST(100 AS real) ELSE CAST(0 AS real) END AS relevance
  FROM catalog.product
  WHERE (search @@ to_tsquery('english', '''kestrel'' & ''wirel'':*') OR sku = 'kestrel wirel')) ranked
ORDER BY relevance DESC, id DESC LIMIT 21;
