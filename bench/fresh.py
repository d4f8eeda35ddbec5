"""Scenario 8, a product created right after its category: per sample, a new category then a product in it, both
through the gateway, then the product's card polled on aggregation's view route (direct, no cache in front) every
POLL_MS until it answers 200. One JSON line per run in RAW: the milliseconds from the product's 201 to its card
(and from the product's request being sent), how many cards never showed within TIMEOUT_S, and how many pairs a write refused (not timed).
usage: fresh.py GATEWAY_URL VIEWS_URL API_KEY SAMPLES RAW_FILE"""
import http.client
import json
import sys
import time
import urllib.parse
import uuid

POLL_MS = 1
TIMEOUT_S = 10


def connect(base):
    url = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def post(conn, path, key, body):
    conn.request("POST", path, body=json.dumps(body),
                 headers={"X-API-Key": key, "Content-Type": "application/json"})
    answer = conn.getresponse()
    text = answer.read()
    if answer.status != 201:  # counted as refused: a 503 may leave the write applied but unconfirmed
        print(f"fresh: POST {path} answered {answer.status}: {text[:160]!r}", file=sys.stderr)
        return None
    return json.loads(text)["id"]


def card_visible(conn, product_id):
    conn.request("GET", f"/api/views/products/{product_id}")
    answer = conn.getresponse()
    answer.read()
    return answer.status == 200


def sample(gateway, views, key, tag, i):
    category = post(gateway, "/api/catalog/categories", key, {"slug": f"bench-fresh-{tag}-{i}", "name": f"Fresh {i}"})
    if category is None:
        return "refused"
    sent = time.perf_counter()
    product = post(gateway, "/api/catalog/products", key, {
        "sku": f"BENCH-FRESH-{tag}-{i}", "name": f"Fresh product {i}", "priceCents": 1000 + i, "currency": "EUR",
        "categoryId": category, "merchantId": "bench", "stock": 1})
    created = time.perf_counter()
    if product is None:
        return "refused"
    while not card_visible(views, product):
        if time.perf_counter() - created > TIMEOUT_S:
            return None
        time.sleep(POLL_MS / 1000)
    seen = time.perf_counter()
    return (seen - created) * 1000, (seen - sent) * 1000


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else None


def main():
    gateway_url, views_url, key, samples, raw = sys.argv[1:6]
    gateway, views = connect(gateway_url), connect(views_url)
    tag = uuid.uuid4().hex[:10]
    results = [sample(gateway, views, key, tag, i) for i in range(int(samples))]
    timed = [r for r in results if isinstance(r, tuple)]
    after_created = [r[0] for r in timed]
    after_sent = [r[1] for r in timed]
    line = {"kind": "fresh", "samples": len(timed), "missing": results.count(None),
            "refused": results.count("refused"), "poll_ms": POLL_MS,
            "p50": quantile(after_created, 0.5), "p99": quantile(after_created, 0.99), "max": max(after_created, default=None),
            "sent_p50": quantile(after_sent, 0.5), "sent_p99": quantile(after_sent, 0.99)}
    with open(raw, "a") as out:
        out.write(json.dumps(line) + "\n")
    print(f"fresh: {line['samples']} samples ({line['refused']} writes refused), {line['missing']} never visible; after the 201: p50 {line['p50']:.1f} ms,"
          f" p99 {line['p99']:.1f} ms, max {line['max']:.1f} ms; after the request: p99 {line['sent_p99']:.1f} ms")


main()
