"""Prepares scenario 5: follows keyset cursors to page 500 of product listings (filter inStock=true, 20 per page,
one listing per sort) on catalog-service, and writes the equivalent OFFSET queries for pgbench. Prepares scenario 11:
follows text searches' cursors (by relevance) to page 50, and writes the search and attribute-filter paths with a
sample of the same queries as SQL without their indexes.
usage: prepare.py CATALOG_URL WORK_DIR LISTINGS"""
import http.client
import json
import random
import sys
import urllib.parse

base, work, listings = sys.argv[1], sys.argv[2], int(sys.argv[3])
PAGE, LIMIT = 500, 20
SORTS = [("price", "price_cents ASC, id ASC"), ("-price", "price_cents DESC, id DESC"),
         ("createdAt", "created_at ASC, id ASC")][:listings]
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
page1, page500 = [], []


def follow(first, pages):
    """The path of page `pages` of the listing `first`, following nextCursor."""
    path = first
    for _ in range(pages - 1):
        conn.request("GET", path)
        answer = conn.getresponse()
        body = json.loads(answer.read())
        if answer.status != 200 or not body.get("nextCursor"):
            sys.exit(f"prepare: listing {first} ended before page {pages}")
        path = first + "&cursor=" + urllib.parse.quote(body["nextCursor"], safe="")
    return path


for i, (sort, order) in enumerate(SORTS):
    first = f"/api/catalog/products?inStock=true&sort={sort}&limit={LIMIT}"
    path = follow(first, PAGE)
    page1.append(first)
    page500.append(path)
    with open(f"{work}/offset-{i}.sql", "w") as sql:
        sql.write(f"-- page {PAGE} of the listing {first} by OFFSET (what keyset replaces)\n"
                  f"SELECT * FROM catalog.product WHERE in_stock ORDER BY {order} "
                  f"OFFSET {(PAGE - 1) * LIMIT} LIMIT {LIMIT + 1};\n")
with open(f"{work}/page1-paths.txt", "w") as f:
    f.write("\n".join(page1) + "\n")
with open(f"{work}/page500-paths.txt", "w") as f:
    f.write("\n".join(page500) + "\n")

# Scenario 11 (docs/search.md). Catalog coalesces concurrent loads of one key even with its cache off, so a single
# path requested by 32 connections at once measures that coalescing, not the index: every variant draws from many
# distinct queries (a request rarely meets an identical one in flight), and its SQL reference draws from a random
# sample of the same queries (pgbench takes at most 128 scripts).
# - search pages 1 and 50: one word (a brand or an adjective, each in about 1 in 25-30 demo products) by relevance;
# - search words: a brand and an adjective's prefix ("kestrel wirel"), as typed;
# - attribute filters: a brand and a colour, newest first.
random.seed(11)
words = dict(line.split("=", 1) for line in open("demo-data/src/main/resources/seed/words.properties")
             if "=" in line and not line.startswith("#"))
brands = [b for b in words["brands"].strip().split(",") if b.isalpha()]
adjectives = words["adjectives"].strip().split(",")
colors = words["colors"].strip().split(",")
COLUMNS = ("id, sku, name, description, price_cents, currency, category_id, merchant_id, stock, attributes, "
           "version, created_at, updated_at")


def lines(name, paths):
    with open(f"{work}/{name}", "w") as f:
        f.write("\n".join(paths) + "\n")


NEWEST = "created_at DESC, id DESC"


def sql_sample(prefix, comment, queries):
    """A random 100 of (label, where, order) as pgbench scripts, one page of 20 and the row after it each."""
    for i, (label, where, order) in enumerate(random.sample(queries, min(100, len(queries)))):
        with open(f"{work}/{prefix}-{i:03}.sql", "w") as f:
            f.write(f"-- {comment}: {label}\nSELECT {COLUMNS} FROM catalog.product WHERE {where}\n"
                    f"ORDER BY {order} LIMIT 21;\n")


singles = [w.lower() for w in brands + adjectives][:None if listings > 1 else 8]  # QUICK: 8 follows of 50 pages
first_pages = [f"/api/catalog/products?q={w}&limit={LIMIT}" for w in singles]
lines("search1-paths.txt", first_pages)
lines("search50-paths.txt", [follow(first, 50) for first in first_pages])

pairs = [(b.lower(), a.lower()[:5]) for b in brands for a in adjectives]
lines("search-words-paths.txt", [f"/api/catalog/products?q={b}%20{a}&limit={LIMIT}" for b, a in pairs])
lines("search-words-newest-paths.txt",
      [f"/api/catalog/products?q={b}%20{a}&sort=-createdAt&limit={LIMIT}" for b, a in pairs])
# Without a text index: ILIKE '%word%' over name and description. The same query as the search by relevance ranks
# every match (name matches first, as the name's words weigh more in ts_rank), so it reads every row; newest first,
# as the search with sort=-createdAt, it may stop at the 21st match it walks into.
matches = "(name ILIKE '%{0}%' OR description ILIKE '%{0}%') AND (name ILIKE '%{1}%' OR description ILIKE '%{1}%')"
sql_sample("search-ilike-ranked", "the words without a text index, name matches first", [
    (f"{b} {a}", matches.format(b, a), f"(name ILIKE '%{b}%')::int + (name ILIKE '%{a}%')::int DESC, id DESC")
    for b, a in pairs])
sql_sample("search-ilike-newest", "the words without a text index, newest first",
           [(f"{b} {a}", matches.format(b, a), NEWEST) for b, a in pairs])

combos = [(b, c) for b in brands for c in colors]
lines("attr-paths.txt", [f"/api/catalog/products?attr.brand={b}&attr.color={c}&sort=-createdAt&limit={LIMIT}"
                         for b, c in combos])
# without the GIN index: attributes->>'k' = 'v', which no index serves
sql_sample("attr-unindexed", "the filters without the jsonb index",
           [(f"{b} {c}", f"attributes->>'brand' = '{b}' AND attributes->>'color' = '{c}'", NEWEST) for b, c in combos])
