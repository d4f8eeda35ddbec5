#!/usr/bin/env python3
"""Scenario 10: a category change fans out to the product cards under it while unrelated product events flow.

Phases: rename the root of the largest tree (the most cards under it), rename it back, move a subtree of at least
--move-min cards under another root, move it back. Each phase: XADD of a CategoryUpdated entry to catalog's stream
(written as catalog's relay would write it: this script predates catalog's category PATCH route), then polls
aggregation's cards until every card of the subtree embeds the change (the fan-out time), while unrelated product
events flow: through the gateway (wrk, write.lua, into categories outside the subtree) or, with --xadd-writes, as
ProductUpdated entries of existing products outside it (a stand-alone aggregation without catalog). The lag of those
events is aggregation's own histogram (aggregation_events_lag_seconds) between two scrapes around the phase.
The views end as they began: the last phases restore names and parents, then the categories' versions.

Writes one JSON line per phase to <work>/raw.jsonl and the scrapes to <work>/fanout-<phase>-{before,after}.prom.
"""
import argparse
import json
import os
import random
import subprocess
import threading
import time
import urllib.request
import uuid
from datetime import datetime, timezone


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Suite:
    def __init__(self, a):
        self.a = a
        self.psql = ["psql", "-h", a.pg_host, "-U", a.pg_user, "-d", a.database, "-Atq", "-v", "ON_ERROR_STOP=1"]
        self.redis = ["redis-cli", "-h", a.redis_host, "-p", str(a.redis_port)]

    def sql(self, query):
        return subprocess.run(self.psql + ["-c", query], capture_output=True, text=True, check=True).stdout.strip()

    def rows(self, query):
        return [line.split("|") for line in self.sql(query).splitlines() if line]

    def xadd(self, etype, agg_type, agg_id, version, payload):
        subprocess.run(self.redis + ["XADD", self.a.stream, "*", "eventId", str(uuid.uuid4()), "type", etype,
                                     "aggregateType", agg_type, "aggregateId", agg_id, "version", str(version),
                                     "occurredAt", now_iso(), "payload", json.dumps(payload)],
                       check=True, capture_output=True)

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


def category(suite, cid):
    slug, name, parent, version = suite.rows(
        f"SELECT slug, name, coalesce(parent_id::text, ''), version FROM aggregation.category WHERE id = '{cid}'")[0]
    return {"id": cid, "slug": slug, "name": name, "parentId": parent or None, "version": int(version)}


def change(suite, state, name, parent, version):
    """XADD the CategoryUpdated taking the category from `state` to `name` under `parent` at `version`."""
    payload = {"id": state["id"], "slug": state["slug"], "name": name, "parentId": parent,
               "previousParentId": state["parentId"], "version": version, "createdAt": "2026-01-01T00:00:00Z"}
    suite.xadd("CategoryUpdated", "Category", state["id"], version, payload)
    return dict(state, name=name, parentId=parent, version=version)


class XaddWrites(threading.Thread):
    """ProductUpdated entries of existing products outside the subtree, at a fixed rate (stand-alone mode)."""

    def __init__(self, suite, outside, rate):
        super().__init__(daemon=True)
        self.suite, self.rate, self.stop, self.sent = suite, rate, threading.Event(), 0
        ids = ",".join(f"'{c}'" for c in outside[:2000])
        self.products = [json.loads(r[0]) for r in suite.rows(
            "SELECT json_build_object('id', product_id, 'v', version, 'card', card) FROM aggregation.product_card "
            f"WHERE NOT deleted AND category_id IN ({ids}) LIMIT 500")]

    def run(self):
        while not self.stop.is_set() and self.products:
            p = random.choice(self.products)
            p["v"] += 1
            c = p["card"]
            state = {"id": p["id"], "sku": c["sku"], "name": c["name"], "description": None,
                     "priceCents": c["priceCents"] + 1, "currency": c["currency"], "categoryId": c["category"]["id"],
                     "merchantId": c["merchantId"], "stock": c["stock"], "attributes": {}, "version": p["v"],
                     "createdAt": c["updatedAt"], "updatedAt": now_iso()}
            c["priceCents"] += 1
            self.suite.xadd("ProductUpdated", "Product", p["id"], p["v"], state)
            self.sent += 1
            time.sleep(1 / self.rate)


class WrkWrites:
    """New products through the gateway (write.lua) into categories outside the subtree, paced."""

    def __init__(self, a, outside, work):
        path = os.path.join(work, "fanout-categories.txt")
        with open(path, "w") as f:
            f.write("\n".join(outside) + "\n")
        pause = max(1, int(4 * 1000 / a.rate))
        self.proc = subprocess.Popen(["wrk", "-t1", "-c4", "-d600s", "-s", "bench/lua/write.lua", a.gateway, "--",
                                      path, a.key, str(pause)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self):
        pass

    def finish(self):
        self.proc.terminate()
        self.proc.wait()


def phase(a, suite, name, cards, subtree, outside, event, done_sql):
    """Runs one phase; returns its JSON record."""
    suite.scrape(os.path.join(a.work, f"fanout-{name}-before.prom"))
    writes = XaddWrites(suite, outside, a.rate) if a.xadd_writes else WrkWrites(a, outside, a.work)
    writes.start()
    time.sleep(1)  # unrelated events flow before the change too
    ids = ",".join(f"'{c}'" for c in subtree)
    start = time.time()
    state = event()
    left = cards
    while time.time() - start < a.timeout:
        left = int(suite.sql(f"SELECT count(*) FROM aggregation.product_card p WHERE p.category_id IN ({ids}) "
                             f"AND NOT p.deleted AND NOT ({done_sql})"))
        if left == 0:
            break
        time.sleep(0.1)
    seconds = time.time() - start
    time.sleep(1)
    if a.xadd_writes:
        writes.stop.set()
        writes.join()
    else:
        writes.finish()
    for _ in range(600):
        if suite.backlog() == 0:
            break
        time.sleep(0.1)
    suite.scrape(os.path.join(a.work, f"fanout-{name}-after.prom"))
    record = {"kind": "fanout", "phase": name, "cards": cards, "seconds": round(seconds, 3), "left": left}
    print(f"fanout {name}: {cards} cards in {seconds:.2f} s" + (f" ({left} NOT DONE)" if left else ""), flush=True)
    with open(os.path.join(a.work, "raw.jsonl"), "a") as f:
        f.write(json.dumps(record) + "\n")
    return state


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--work", required=True)
    p.add_argument("--database", default="scaling_suite")
    p.add_argument("--pg-host", default="127.0.0.1")
    p.add_argument("--pg-user", default="postgres")
    p.add_argument("--redis-host", default="127.0.0.1")
    p.add_argument("--redis-port", type=int, default=6379)
    p.add_argument("--stream", default="catalog:events")
    p.add_argument("--metrics", default="http://127.0.0.1:9002/q/metrics")
    p.add_argument("--gateway", default="http://127.0.0.1:8080")
    p.add_argument("--key", default="")
    p.add_argument("--rate", type=float, default=20, help="unrelated product events per second")
    p.add_argument("--move-min", type=int, default=10_000, help="cards the moved subtree has at least")
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--xadd-writes", action="store_true", help="unrelated events by XADD (no catalog, no gateway)")
    a = p.parse_args()
    suite = Suite(a)

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
    renamed = phase(a, suite, "rename", root_cards, tree, outside,
                    lambda: change(suite, original, new_name, original["parentId"], original["version"] + 1),
                    f"p.card->'category'->'path' @> '[{{\"name\": {json.dumps(new_name)}}}]'::jsonb")
    phase(a, suite, "rename-back", root_cards, tree, outside,
          lambda: change(suite, renamed, original["name"], original["parentId"], renamed["version"] + 1),
          f"NOT p.card->'category'->'path' @> '[{{\"name\": {json.dumps(new_name)}}}]'::jsonb")

    sub = [r[0] for r in suite.rows(SUBTREE.format(moved[0]))]
    outside = [r[0] for r in suite.rows("SELECT id FROM aggregation.category WHERE NOT deleted "
                                        f"AND id NOT IN ({','.join(repr(c) for c in sub + [target])})")]
    before = category(suite, moved[0])
    out = phase(a, suite, "move", moved[2], sub, outside,
                lambda: change(suite, before, before["name"], target, before["version"] + 1),
                f"p.card->'category'->'path'->0->>'id' = '{target}'")
    phase(a, suite, "move-back", moved[2], sub, outside,
          lambda: change(suite, out, before["name"], before["parentId"], out["version"] + 1),
          f"p.card->'category'->'path'->0->>'id' = '{home}'")
    # The changes came from no catalog write: the versions go back to catalog's, so its next change applies.
    for cid, version in ((moved[0], before["version"] if moved[0] != root else original["version"]),
                         (root, original["version"])):
        suite.sql(f"UPDATE aggregation.category SET version = {version} WHERE id = '{cid}'")


if __name__ == "__main__":
    main()
