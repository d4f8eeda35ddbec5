#!/usr/bin/env python3
"""Scenario 10: a category change fans out to the product cards under it while unrelated product writes flow.

Phases: rename the root of the largest tree (the most cards under it), rename it back, move a subtree of at least
--move-min cards under another root, move it back. Each phase is a real catalog write through the gateway: GET
/api/catalog/categories/{id} for its ETag (or the ETag of this script's previous PATCH of it), then PATCH it with a
JSON merge patch and If-Match (an API key with the write scope). The fan-out time runs from the PATCH's 2xx answer
until aggregation's cards of every product in the subtree embed the change (polled in PostgreSQL every 0.1 s), so it
covers catalog's outbox, the relay's XADD and the views' own fan-out. Meanwhile new products are created through
the gateway (wrk, write.lua) into categories outside the subtree; the lag of those events is aggregation's own
histogram (aggregation_events_lag_seconds) between two scrapes around the phase. Names and parents end as they began;
the categories' versions move forward in catalog and in the views alike, as for any edit.

Writes one JSON line per phase to <work>/raw.jsonl and the scrapes to <work>/fanout-<phase>-{before,after}.prom.
"""
import argparse
import json
import os
import subprocess
import time
import urllib.error
import urllib.request


class Suite:
    def __init__(self, a):
        self.a = a
        self.psql = ["psql", "-h", a.pg_host, "-U", a.pg_user, "-d", a.database, "-Atq", "-v", "ON_ERROR_STOP=1"]
        self.redis = ["redis-cli", "-h", a.redis_host, "-p", str(a.redis_port), "-n", str(a.redis_db)]

    def sql(self, query):
        return subprocess.run(self.psql + ["-c", query], capture_output=True, text=True, check=True).stdout.strip()

    def rows(self, query):
        return [line.split("|") for line in self.sql(query).splitlines() if line]

    def backlog(self):
        out = subprocess.run(self.redis + ["--raw", "XINFO", "GROUPS", self.a.stream], capture_output=True,
                             text=True).stdout.split("\n")
        total = 0
        for name, value in zip(out, out[1:]):
            if name in ("pending", "lag") and value.strip().lstrip("-").isdigit():
                total += int(value)
        return total

    def scrape(self, path):
        with urllib.request.urlopen(self.a.metrics, timeout=10) as r, open(path, "wb") as f:
            f.write(r.read())


SUBTREE = """WITH RECURSIVE t AS (SELECT id FROM aggregation.category WHERE id = '{0}'
  UNION SELECT c.id FROM aggregation.category c JOIN t ON c.parent_id = t.id WHERE NOT c.deleted)
SELECT id FROM t"""

# Every root and category with the live cards of its subtree.
SIZES = """WITH RECURSIVE t AS (SELECT id, id AS top FROM aggregation.category WHERE NOT deleted
  UNION ALL SELECT c.id, t.top FROM aggregation.category c JOIN t ON c.parent_id = t.id WHERE NOT c.deleted)
SELECT t.top, (SELECT parent_id IS NULL FROM aggregation.category WHERE id = t.top), count(p.product_id)
FROM t LEFT JOIN aggregation.product_card p ON p.category_id = t.id AND NOT p.deleted GROUP BY t.top
ORDER BY 3 DESC"""


class Catalog:
    """Category reads and merge patches through the gateway, remembering each category's last ETag."""

    def __init__(self, a):
        self.a, self.etags = a, {}

    def call(self, method, path, body=None, headers=None):
        """The answer's ETag; any other answer than 2xx ends the script."""
        request = urllib.request.Request(self.a.gateway + path, method=method, data=body,
                                         headers={"X-API-Key": self.a.key, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.headers["ETag"]
        except urllib.error.HTTPError as e:
            raise SystemExit(f"fanout: {method} {path}: {e.code} {e.read().decode(errors='replace')}")

    def patch(self, cid, changes):
        """PATCH the category with If-Match; returns once catalog answered 2xx (committed), with the PATCH's ms."""
        path = f"/api/catalog/categories/{cid}"
        if cid not in self.etags:
            self.etags[cid] = self.call("GET", path)
        sent = time.time()
        self.etags[cid] = self.call("PATCH", path, json.dumps(changes).encode(),
                                       {"Content-Type": "application/merge-patch+json", "If-Match": self.etags[cid]})
        return (time.time() - sent) * 1000


def category(suite, cid):
    name, parent = suite.rows(
        f"SELECT name, coalesce(parent_id::text, '') FROM aggregation.category WHERE id = '{cid}'")[0]
    return {"id": cid, "name": name, "parentId": parent or None}


class WrkWrites:
    """New products through the gateway (write.lua) into categories outside the subtree, paced."""

    def __init__(self, a, outside, work):
        path = os.path.join(work, "fanout-categories.txt")
        with open(path, "w") as f:
            f.write("\n".join(outside) + "\n")
        pause = max(1, int(4 * 1000 / a.rate))
        self.proc = subprocess.Popen(["wrk", "-t1", "-c4", "-d600s", "-s", "bench/lua/write.lua", a.gateway, "--",
                                      path, a.key, str(pause)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(self):
        self.proc.terminate()
        self.proc.wait()


def phase(a, suite, name, cards, subtree, outside, event, done_sql):
    """Runs one phase; returns its JSON record."""
    suite.scrape(os.path.join(a.work, f"fanout-{name}-before.prom"))
    writes = WrkWrites(a, outside, a.work)
    time.sleep(1)  # unrelated events flow before the change too
    ids = ",".join(f"'{c}'" for c in subtree)
    patch_ms = event()
    start = time.time()  # the PATCH's 2xx: catalog committed the change
    left = cards
    while time.time() - start < a.timeout:
        left = int(suite.sql(f"SELECT count(*) FROM aggregation.product_card p WHERE p.category_id IN ({ids}) "
                             f"AND NOT p.deleted AND NOT ({done_sql})"))
        if left == 0:
            break
        time.sleep(0.1)
    seconds = time.time() - start
    time.sleep(1)
    writes.finish()
    for _ in range(600):
        if suite.backlog() == 0:
            break
        time.sleep(0.1)
    suite.scrape(os.path.join(a.work, f"fanout-{name}-after.prom"))
    record = {"kind": "fanout", "phase": name, "cards": cards, "seconds": round(seconds, 3), "left": left,
              "patch_ms": round(patch_ms, 1)}
    print(f"fanout {name}: {cards} cards in {seconds:.2f} s" + (f" ({left} NOT DONE)" if left else ""), flush=True)
    with open(os.path.join(a.work, "raw.jsonl"), "a") as f:
        f.write(json.dumps(record) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True)
    p.add_argument("--database", default="scaling_suite")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-user", default="postgres")
    p.add_argument("--redis-host", default="127.0.0.1")
    p.add_argument("--redis-port", type=int, default=6379)
    p.add_argument("--redis-db", type=int, default=0, help="the suite's logical database (make run: 0)")
    p.add_argument("--stream", default="catalog:events")
    p.add_argument("--metrics", default="http://127.0.0.1:9002/q/metrics")
    p.add_argument("--gateway", default="http://127.0.0.1:8080")
    p.add_argument("--key", required=True, help="an API key with the write scope")
    p.add_argument("--rate", type=float, default=20, help="unrelated product writes per second")
    p.add_argument("--move-min", type=int, default=10_000, help="cards the moved subtree has at least")
    p.add_argument("--timeout", type=float, default=300)
    a = p.parse_args()
    suite, catalog = Suite(a), Catalog(a)

    sizes = [(cid, is_root == "t", int(n)) for cid, is_root, n in suite.rows(SIZES)]
    root, _, root_cards = next(s for s in sizes if s[1])
    moved = min((s for s in sizes if s[2] >= a.move_min and s[0] != root), key=lambda s: s[2], default=None)
    if moved is None:  # no other subtree is that large: the largest tree itself moves under the next root
        moved = (root, True, root_cards)
    # Under another root: not one in the subtree, nor the one it is under now (that would change nothing).
    in_moved = {r[0] for r in suite.rows(SUBTREE.format(moved[0]))}
    home = suite.sql(f"SELECT path->0->>'id' FROM aggregation.category WHERE id = '{moved[0]}'")
    target = next(s[0] for s in sizes if s[1] and s[0] not in in_moved and s[0] != home)

    tree = [r[0] for r in suite.rows(SUBTREE.format(root))]
    outside = [r[0] for r in suite.rows("SELECT id FROM aggregation.category WHERE NOT deleted "
                                        f"AND id NOT IN ({','.join(repr(c) for c in tree)})")]
    original = category(suite, root)
    new_name = original["name"] + " (renamed)"
    renamed = f"p.card->'category'->'path' @> '[{{\"name\": {json.dumps(new_name)}}}]'::jsonb"
    phase(a, suite, "rename", root_cards, tree, outside, lambda: catalog.patch(root, {"name": new_name}), renamed)
    phase(a, suite, "rename-back", root_cards, tree, outside,
          lambda: catalog.patch(root, {"name": original["name"]}), f"NOT {renamed}")

    sub = [r[0] for r in suite.rows(SUBTREE.format(moved[0]))]
    outside = [r[0] for r in suite.rows("SELECT id FROM aggregation.category WHERE NOT deleted "
                                        f"AND id NOT IN ({','.join(repr(c) for c in sub + [target])})")]
    before = category(suite, moved[0])
    phase(a, suite, "move", moved[2], sub, outside, lambda: catalog.patch(moved[0], {"parentId": target}),
          f"p.card->'category'->'path'->0->>'id' = '{target}'")
    phase(a, suite, "move-back", moved[2], sub, outside,
          lambda: catalog.patch(moved[0], {"parentId": before["parentId"]}),
          f"p.card->'category'->'path'->0->>'id' = '{home}'")

if __name__ == "__main__":
    main()
