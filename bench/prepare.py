"""Prepares scenario 5: follows keyset cursors to page 500 of product listings (filter inStock=true, 20 per page,
one listing per sort) on catalog-service, and writes the equivalent OFFSET queries for pgbench.
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
for i, (sort, order) in enumerate(SORTS):
    first = f"/api/catalog/products?inStock=true&sort={sort}&limit={LIMIT}"
    path = first
    for _ in range(PAGE - 1):
        conn.request("GET", path)
        answer = conn.getresponse()
        body = json.loads(answer.read())
        if answer.status != 200 or not body.get("nextCursor"):
            sys.exit(f"prepare: listing {first} ended before page {PAGE}")
        path = first + "&cursor=" + urllib.parse.quote(body["nextCursor"], safe="")
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
