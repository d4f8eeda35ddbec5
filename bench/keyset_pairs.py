#!/usr/bin/env python3
"""Goal F's paths: for each category, pages 1..PAGES of its listing newest last (20 a page) by following the
cursors, on catalog (cache off) and on reference R4, so both read the same pages over the same index. Many
distinct pages: catalog coalesces identical reads in flight, which one hot path would measure instead.
usage: keyset_pairs.py CATALOG_URL REFERENCE_URL CATEGORIES_FILE PAGES OUT_CATALOG OUT_REFERENCE"""
import http.client
import json
import sys
import urllib.parse

catalog, reference, categories, pages, out_catalog, out_reference = sys.argv[1:7]
pages = int(pages)


def connect(base):
    url = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def follow(conn, first, cursor_param, cursor_field):
    paths, path = [], first
    for _ in range(pages):
        paths.append(path)
        conn.request("GET", path)
        answer = conn.getresponse()
        body = json.loads(answer.read())
        if answer.status != 200:
            sys.exit(f"keyset_pairs: {path} answered {answer.status}")
        if not body.get(cursor_field):
            break
        path = first + f"&{cursor_param}=" + urllib.parse.quote(body[cursor_field], safe="")
    return paths


cat_conn, ref_conn = connect(catalog), connect(reference)
with open(out_catalog, "w") as oc, open(out_reference, "w") as orf:
    for category in (line.strip() for line in open(categories)):
        if not category:
            continue
        c = follow(cat_conn, f"/api/catalog/products?categoryId={category}&sort=createdAt&limit=20", "cursor",
                   "nextCursor")
        r = follow(ref_conn, f"/products?categoryId={category}", "after", "next")
        n = min(len(c), len(r))
        oc.write("".join(p + "\n" for p in c[:n]))
        orf.write("".join(p + "\n" for p in r[:n]))
