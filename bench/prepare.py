"""Prepares scenario 5: follows keyset cursors to page 500 of product listings (filter inStock=true, 20 per page,
one listing per sort) on catalog-service, and writes the equivalent OFFSET queries for pgbench. Prepares scenario 11:
follows a text search's cursors (by relevance) to page 50, and writes the search and attribute-filter paths.
usage: prepare.py CATALOG_URL WORK_DIR LISTINGS"""
import http.client
import json
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
                  f"SELECT * FROM catalog.product WHERE stock > 0 ORDER BY {order} "
                  f"OFFSET {(PAGE - 1) * LIMIT} LIMIT {LIMIT + 1};\n")
with open(f"{work}/page1-paths.txt", "w") as f:
    f.write("\n".join(page1) + "\n")
with open(f"{work}/page500-paths.txt", "w") as f:
    f.write("\n".join(page500) + "\n")

# Scenario 11 (docs/search.md): a brand word that about 1 in 30 demo products hold, by relevance, pages 1 and 50;
# two words (the last a prefix) and two attribute filters, the same queries as bench/sql/search-ilike.sql and
# bench/sql/attr-unindexed.sql run without their indexes.
SEARCH = f"/api/catalog/products?q=kestrel&limit={LIMIT}"
with open(f"{work}/search1-paths.txt", "w") as f:
    f.write(SEARCH + "\n")
with open(f"{work}/search50-paths.txt", "w") as f:
    f.write(follow(SEARCH, 50) + "\n")
with open(f"{work}/search-words-paths.txt", "w") as f:
    f.write(f"/api/catalog/products?q=kestrel%20wirel&limit={LIMIT}\n")
with open(f"{work}/attr-paths.txt", "w") as f:
    f.write(f"/api/catalog/products?attr.brand=Kestrel&attr.color=navy&sort=-createdAt&limit={LIMIT}\n")
