-- Scenario 4's reference: the category summary computed on the fly from catalog's tables, as
-- aggregation-service's view holds it: the category and all its descendants, product count, in-stock count,
-- min/max/avg price, review count, average rating, top 10 products by rating. A random one of the categories.
\set n random(0, 199)
WITH RECURSIVE root AS (SELECT id FROM catalog.category WHERE slug NOT LIKE 'bench-fresh-%' ORDER BY id OFFSET :n LIMIT 1),
tree AS (SELECT id FROM root UNION ALL SELECT c.id FROM catalog.category c JOIN tree t ON c.parent_id = t.id),
p AS (SELECT id, name, price_cents, stock FROM catalog.product WHERE category_id IN (SELECT id FROM tree)),
r AS (SELECT rv.product_id, count(*) AS n, avg(rv.rating) AS a FROM catalog.review rv JOIN p ON rv.product_id = p.id
      GROUP BY rv.product_id)
SELECT (SELECT count(*) FROM p), (SELECT count(*) FROM p WHERE stock > 0), (SELECT min(price_cents) FROM p),
       (SELECT max(price_cents) FROM p), (SELECT avg(price_cents) FROM p), (SELECT sum(n) FROM r),
       (SELECT sum(a * n) / nullif(sum(n), 0) FROM r),
       (SELECT json_agg(t) FROM (SELECT p.id, p.name, r.a FROM p JOIN r ON r.product_id = p.id
                                 ORDER BY r.a DESC, r.n DESC, p.id DESC LIMIT 10) t);
