"""Turns bench/.work/raw.jsonl (one JSON line per wrk/pgbench run, start-up, RSS) and the metrics scraped during
the run into bench/results/<date>-<time>-<host>.md and its PNG plots (gnuplot).
usage: report.py WORK QUICK HOST RUNS DURATION CONNS THREADS MAX_IN_FLIGHT"""
import collections
import datetime
import glob
import json
import os
import re
import statistics
import subprocess
import sys

import profiles

work, quick, host, runs, duration, conns, threads, max_in_flight = sys.argv[1:9]
quick = quick == "1"
stamp = datetime.datetime.now(datetime.timezone.utc)
# Minute and second in the name: a second run on the same day never overwrites the first.
scale_products = next((r["products"] for r in (json.loads(line) for line in open(f"{work}/raw.jsonl") if line.strip())
                       if r.get("kind") == "scale"), 100_000)
# A run at another scale than the demo's is its own kind (bench/prune_results.py keeps the latest few of each).
name = (f"{stamp:%Y-%m-%d-%H%M%S}-{host}" + ("-quick" if quick else "")
        + ("-scale" if scale_products != 100_000 else ""))
out_dir = "bench/results"
rows = [json.loads(line) for line in open(f"{work}/raw.jsonl") if line.strip()]
runs_by = collections.defaultdict(list)
for r in rows:
    if r.get("kind") == "wrk" and r["scenario"] not in ("warmup",):
        if r["scenario"] == "s8" or r["variant"] == "patches":  # writes count when made: 2xx per second
            r["rps"] = (r["requests"] - r["non2xx"]) / r["seconds"]
        runs_by[(r["scenario"], r["variant"])].append(r)


def values(scenario, variant, field="rps"):
    return [r[field] for r in runs_by[(scenario, variant)] if r.get(field) is not None]


def med(scenario, variant, field="rps"):
    v = values(scenario, variant, field)
    return statistics.median(v) if v else float("nan")


def spread(scenario, variant, field="rps"):
    v = values(scenario, variant, field)
    return f"{min(v):,.0f}–{max(v):,.0f}" if v else "n/a"


# ---- Prometheus histograms scraped before/after a phase ----
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}\s+(\S+)')


def prom(path):
    samples = []
    if not os.path.exists(path):
        return samples
    for line in open(path):
        m = SAMPLE.match(line)
        if m:
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            samples.append((m.group(1), labels, float(m.group(3))))
    return samples


def counter_delta(before, after, metric, **want):
    def total(samples):
        return sum(v for n, l, v in samples if n == metric and all(l.get(k) == w for k, w in want.items()))
    return total(prom(after)) - total(prom(before))


def quantile_delta(before, after, metric, q, statuses=None, **want):
    """q-quantile (seconds) of the observations a histogram gained between two scrapes; None without any."""
    def buckets(samples):
        acc = collections.Counter()
        for n, l, v in samples:
            if n != metric + "_bucket" or not all(l.get(k) == w for k, w in want.items()):
                continue
            if statuses and l.get("status") not in statuses:
                continue
            acc[float(l["le"])] += v
        return acc
    b, a = buckets(prom(before)), buckets(prom(after))
    les = sorted(a)
    cum = [(le, a[le] - b.get(le, 0)) for le in les]
    if not cum or cum[-1][1] <= 0:
        return None
    target, prev_le, prev_c = q * cum[-1][1], 0.0, 0.0
    for le, c in cum:
        if c >= target:
            if le == float("inf"):
                return prev_le
            return prev_le + (le - prev_le) * ((target - prev_c) / (c - prev_c) if c > prev_c else 1)
        prev_le, prev_c = le, c
    return cum[-1][0]


def ratio(num, den):
    return num / den if den and den == den and den > 0 else float("nan")


def fmt(x, digits=2):
    return "n/a" if x is None or x != x else f"{x:,.{digits}f}"


def met(ok):
    if isinstance(ok, str):  # "unclear": the measures disagree
        return ok
    return "n/a" if ok is None else ("**yes**" if ok else "**no**")


table = []  # scenario, measured, median, min–max, ratio, goal, met


def add(scenario, measured, med_value, spread_value, r, goal, ok):
    table.append((scenario, measured, med_value, spread_value, r, goal, met(ok)))


# 1. gateway cache hit vs bare Quarkus
r1 = ratio(med("s1", "gateway-hit"), med("s1", "bare-quarkus"))
hits = sum(counter_delta(f"{work}/gw-s1-before-{i}.prom", f"{work}/gw-s1-after-{i}.prom",
                         "gateway_cache_served_total", result="hit") for i in range(1, int(runs) + 1))
served = sum(counter_delta(f"{work}/gw-s1-before-{i}.prom", f"{work}/gw-s1-after-{i}.prom",
                           "gateway_cache_served_total") for i in range(1, int(runs) + 1))
add("1 product by id, gateway cache hit", f"gateway req/s (hit ratio {fmt(100 * hits / served if served else None, 1)} %)",
    f"{med('s1', 'gateway-hit'):,.0f}", spread("s1", "gateway-hit"), fmt(r1), "÷ bare Quarkus ≥ 0.6", r1 >= 0.6)
add("", "bare Quarkus, same bytes (reference)", f"{med('s1', 'bare-quarkus'):,.0f}", spread("s1", "bare-quarkus"),
    "", "", None)
add("", "nginx static, same bytes", f"{med('s1', 'nginx-static'):,.0f}", spread("s1", "nginx-static"),
    fmt(ratio(med("s1", "nginx-static"), med("s1", "bare-quarkus"))), "(information)", None)
# 1J (issue 21 J): the gateway's hit against the better of R5's two caches in the same run, measured right after it;
# each cache's hit ratio from what still reached catalog (its product cache lookups) while it was measured.
def by_run(variant):
    return {r["run"]: r["rps"] for r in runs_by[("s1", variant)]}


def cache_hit_ratio(variant):
    reached = sum(counter_delta(f"{work}/cat-s1-{variant}-before-{i}.prom", f"{work}/cat-s1-{variant}-after-{i}.prom",
                                "catalog_cache_gets_total", kind="product") for i in range(1, int(runs) + 1))
    sent = sum(r["requests"] for r in runs_by[("s1", variant)])
    counted = any(n == "catalog_cache_gets_total" for n, _, _ in prom(f"{work}/cat-s1-{variant}-after-1.prom"))
    return fmt(100 * (1 - reached / sent), 1) if sent and counted else "n/a"  # no counter: no ratio, not 100 %


gw_by, nginx_by, varnish_by = by_run("gateway-hit"), by_run("nginx-cache"), by_run("varnish-cache")
pj = [gw_by[i] / max(nginx_by[i], varnish_by[i]) for i in sorted(gw_by) if i in nginx_by and i in varnish_by]
best = max(("nginx-cache", "varnish-cache"), key=lambda v: med("s1", v))
rj = ratio(med("s1", "gateway-hit"), med("s1", best))
add("1J product by id, gateway cache hit vs R5", "gateway req/s (API key, rate limit, tag purges)",
    f"{med('s1', 'gateway-hit'):,.0f}", spread("s1", "gateway-hit"),
    f"{fmt(rj)} ({fmt(min(pj)) if pj else 'n/a'}–{fmt(max(pj)) if pj else 'n/a'})",
    "÷ the better of nginx proxy_cache and Varnish ≥ 0.7 (per run)",
    "n/a" if not pj else True if min(pj) >= 0.7 else False if max(pj) < 0.7 else "unclear")
for variant, label in (("nginx-cache", "nginx proxy_cache in front of catalog, warmed (R5)"),
                       ("varnish-cache", "Varnish, built-in VCL, in front of catalog, warmed (R5)")):
    add("", f"{label}, hit ratio {cache_hit_ratio(variant)} %", f"{med('s1', variant):,.0f}", spread("s1", variant),
        "", "", None)
# 2. gateway without its cache vs nginx proxy_pass to the same catalog
r2 = ratio(med("s2", "gateway-nocache"), med("s2", "nginx-proxy"))
add("2 product by id, gateway cache off (catalog Redis hit)", "gateway req/s", f"{med('s2', 'gateway-nocache'):,.0f}",
    spread("s2", "gateway-nocache"), fmt(r2), "÷ nginx proxy_pass ≥ 1.0", r2 >= 1.0)
add("", "nginx proxy_pass, keep-alive (reference)", f"{med('s2', 'nginx-proxy'):,.0f}", spread("s2", "nginx-proxy"),
    "", "", None)
gw_p50, ng_p50, cat_p50 = (med("s2", v, "p50") for v in ("gateway-nocache-1conn", "nginx-proxy-1conn", "catalog-1conn"))
add("", "added p50 at 1 connection, ms: gateway vs nginx (over catalog direct)",
    f"{gw_p50 - cat_p50:.3f} vs {ng_p50 - cat_p50:.3f}", f"catalog {cat_p50:.3f}", fmt(gw_p50 - ng_p50, 3) + " ms",
    "gateway ≤ nginx + 0.1 ms", gw_p50 <= ng_p50 + 0.1)
# 3. catalog Redis hit vs PostgreSQL
r3 = ratio(med("s3", "catalog-redis"), med("s3", "catalog-nocache"))
hits3 = sum(counter_delta(f"{work}/cat-s3-before-{i}.prom", f"{work}/cat-s3-after-{i}.prom",
                          "catalog_cache_gets_total", kind="product", result="hit") for i in range(1, int(runs) + 1))
gets3 = sum(counter_delta(f"{work}/cat-s3-before-{i}.prom", f"{work}/cat-s3-after-{i}.prom",
                          "catalog_cache_gets_total", kind="product") for i in range(1, int(runs) + 1))
add("3 catalog product by id", f"Redis hit req/s (hit ratio {fmt(100 * hits3 / gets3 if gets3 else None, 1)} %)", f"{med('s3', 'catalog-redis'):,.0f}", spread("s3", "catalog-redis"),
    fmt(r3), "÷ cache off (PostgreSQL) ≥ 3", r3 >= 3)
add("", "cache off, PostgreSQL (reference)", f"{med('s3', 'catalog-nocache'):,.0f}", spread("s3", "catalog-nocache"),
    "", "", None)
# 4. view vs on-the-fly aggregate
r4 = ratio(med("s4", "view"), med("s4", "sql-aggregate"))
add("4 category summary", "precomputed view req/s (aggregation-service)", f"{med('s4', 'view'):,.0f}",
    spread("s4", "view"), fmt(r4, 1), "÷ SQL aggregate ≥ 50", r4 >= 50)
add("", "same aggregate in SQL, pgbench tx/s (reference)", f"{med('s4', 'sql-aggregate'):,.1f}",
    spread("s4", "sql-aggregate"), "", "", None)
# 5. keyset listing
r5a = ratio(med("s5", "keyset-page500"), med("s5", "keyset-page1"))
r5b = ratio(med("s5", "keyset-page500"), med("s5", "sql-offset-page500"))
add("5 listing, inStock + sort, 20 per page (catalog, cache off)", "keyset page 500 req/s",
    f"{med('s5', 'keyset-page500'):,.0f}", spread("s5", "keyset-page500"), fmt(r5a), "÷ page 1 ≥ 0.9", r5a >= 0.9)
add("", "keyset page 1", f"{med('s5', 'keyset-page1'):,.0f}", spread("s5", "keyset-page1"), "", "", None)
add("", "page 500 by OFFSET in SQL, pgbench tx/s (reference)", f"{med('s5', 'sql-offset-page500'):,.0f}",
    spread("s5", "sql-offset-page500"), fmt(r5b, 1), "keyset ÷ OFFSET ≥ 10", r5b >= 10)
# 11. search and attribute filters (docs/search.md), next to the listings
r11a = ratio(med("s11", "search-page50"), med("s11", "search-page1"))
r11b = ratio(med("s11", "search-words"), med("s11", "sql-ilike-ranked"))
r11n = ratio(med("s11", "search-words-newest"), med("s11", "sql-ilike-newest"))
r11c = ratio(med("s11", "attr-filter"), med("s11", "sql-attr-unindexed"))
add("11 search and attribute filters, 20 per page (catalog, cache off)", "one word (53 words), page 50 by relevance req/s",
    f"{med('s11', 'search-page50'):,.0f}", spread("s11", "search-page50"), fmt(r11a), "÷ page 1 ≥ 0.9", r11a >= 0.9)
add("", "the same words, page 1", f"{med('s11', 'search-page1'):,.0f}", spread("s11", "search-page1"), "", "", None)
add("", "brand and adjective prefix by relevance, e.g. q=kestrel wirel (700 pairs; GIN, tsvector) req/s",
    f"{med('s11', 'search-words'):,.0f}", spread("s11", "search-words"), fmt(r11b, 1), "÷ ILIKE ≥ 50", r11b >= 50)
add("", "100 of the same pairs by ILIKE '%word%' in SQL, name matches first, pgbench tx/s (reference)",
    f"{med('s11', 'sql-ilike-ranked'):,.1f}", spread("s11", "sql-ilike-ranked"), "", "", None)
add("", "the same pairs newest first (&sort=-createdAt) req/s", f"{med('s11', 'search-words-newest'):,.0f}",
    spread("s11", "search-words-newest"), fmt(r11n, 1), "÷ ILIKE newest first (information)", None)
add("", "100 of the same pairs by ILIKE newest first, which stops at the 21st match, pgbench tx/s (reference)",
    f"{med('s11', 'sql-ilike-newest'):,.1f}", spread("s11", "sql-ilike-newest"), "", "", None)
add("", "attr.brand=…&attr.color=… (420 pairs; GIN, jsonb) req/s", f"{med('s11', 'attr-filter'):,.0f}",
    spread("s11", "attr-filter"), fmt(r11c, 1), "÷ attributes->> ≥ 50", r11c >= 50)
add("", "100 of the same filters by attributes->>'k' = 'v' in SQL, pgbench tx/s (reference)",
    f"{med('s11', 'sql-attr-unindexed'):,.1f}", spread("s11", "sql-attr-unindexed"), "", "", None)
# 6. sparse fieldsets
bodies = next((r for r in rows if r.get("kind") == "bodies"), {"full": 0, "sparse": 0})
r6 = ratio(med("s6", "sparse"), med("s6", "full"))
add("6 sparse fieldsets (catalog, Redis hit)", f"fields=id,name,priceCents req/s ({bodies['sparse']} B body)",
    f"{med('s6', 'sparse'):,.0f}", spread("s6", "sparse"), fmt(r6), "÷ full object (information)", None)
add("", f"full object ({bodies['full']} B body; {fmt(ratio(bodies['sparse'], bodies['full']) * 100, 0)} % of it sparse)",
    f"{med('s6', 'full'):,.0f}", spread("s6", "full"), "", "", None)
# 13. catalog's reads vs the plain Quarkus app a team would write instead (issue 21 goals A, B, I, F): per run the
# ratio of the two variants measured back to back; "unclear" when the runs' ratios straddle the goal.
def paired(scenario, a, b, other_scenario=None):
    ra = {r["run"]: r["rps"] for r in runs_by[(scenario, a)]}
    rb = {r["run"]: r["rps"] for r in runs_by[(other_scenario or scenario, b)]}
    return [ra[i] / rb[i] for i in sorted(ra) if rb.get(i)]


def verdict(ratios, goal):
    if not ratios:
        return "n/a"
    if min(ratios) >= goal:
        return "**yes**"
    return "**no**" if max(ratios) < goal else "**unclear**"


def baseline_100k():
    """(file, {13A/13B/13F: median req/s}, rebuild µs per product) of the latest full 100k run in bench/results."""
    for path in sorted(glob.glob("bench/results/*-*.md"), reverse=True):
        text = open(path).read()
        if not re.match(r".*/\d{4}-\d\d-\d\d-\d{6}-[^-]+\.md$", path) or "QUICK" in text.split("\n", 1)[0]:
            continue  # a full `make bench` at the demo's scale only: no kind suffix, no smoke run
        medians = {m.group(1): int(m.group(2).replace(",", ""))
                   for m in re.finditer(r"^\| (13[ABF]) [^|]*\| catalog req/s \| ([\d,]+) \|", text, re.M)}
        per = re.search(r"^\| G seed and view rebuild, 100,000 products \|[^|]*\| [\d.]+; [\d.]+, (\d+) \|",
                        text, re.M)
        if medians:
            return os.path.basename(path), medians, int(per.group(1)) if per else None
    return None


def goal_row(label, measured, a, b, reference, goal):
    r = ratio(med("s13", a), med("s13", b))
    pr = paired("s13", a, b)
    table.append((label, measured, f"{med('s13', a):,.0f}", spread("s13", a),
                  f"{fmt(r)} ({fmt(min(pr)) if pr else 'n/a'}–{fmt(max(pr)) if pr else 'n/a'})",
                  f"÷ {reference} ≥ {goal}", verdict(pr, goal)))
    add("", f"{reference} (reference)", f"{med('s13', b):,.0f}", spread("s13", b), "", "", None)


goal_row("13A catalog product by id, PostgreSQL (cache off)", "catalog req/s", "catalog-pg", "r1-panache",
         "R1 Panache findById + Jackson", 0.9)
goal_row("13B catalog product by id, Redis hit", "catalog req/s", "catalog-redis", "r3-redis-get",
         "R3 one Redis GET on the event loop", 0.9)
goal_row("13I sparse fields= vs full object, catalog Redis hit", "fields=id,name,priceCents req/s", "sparse-hit",
         "full-hit", "full object", 1.0)
goal_row("13F keyset listing page of 20 by category (catalog, cache off)", "catalog req/s", "catalog-keyset",
         "r4-keyset", "R4 Panache keyset page", 0.9)
# issue 21 G: the catalogue loaded and its views rebuilt at this run's scale, and the reads against a 100k run
scale = next((r for r in rows if r.get("kind") == "scale"), None)
if scale:
    n = scale["products"]
    per = 1e6 * scale["rebuild_s"] / n
    big = n >= 1_000_000
    over = (f", over {scale['cards_before']:,} live cards and {scale['tombstones_before']:,} tombstones"
            if "cards_before" in scale else "")
    add(f"G seed and view rebuild, {n:,} products",
        f"seed (make seed's load) s; view rebuild{over} s, µs per product",
        f"{scale['seed_s']:.1f}; {scale['rebuild_s']:.1f}, {per:.0f}", "", "",
        "each < 180 s at 1M" if big else "(information: the 100k figures G compares with)",
        (scale["seed_s"] < 180 and scale["rebuild_s"] < 180) if big else None)
    base = baseline_100k()
    if n != 100_000 and base:
        path, medians, base_per = base
        for label, variant in (("13A", "catalog-pg"), ("13B", "catalog-redis"), ("13F", "catalog-keyset")):
            then = medians.get(label)
            r = ratio(med("s13", variant), then) if then else None
            add("", f"{label} at {n:,} ÷ at 100k ({path})",
                f"{med('s13', variant):,.0f} vs {f'{then:,}' if then else 'n/a'}", "", fmt(r), "≥ 0.8",
                r >= 0.8 if then else None)
        r = ratio(per, base_per) if base_per else None
        add("", f"rebuild µs per product ÷ at 100k ({path})", f"{per:.0f} vs {base_per or 'n/a'}", "", fmt(r),
            "≤ 1.2", r <= 1.2 if base_per else None)  # n/a until the latest 100k run has its G row
# issue 21 D: the stored category summary (scenario 4's view) against catalog's own PostgreSQL read (13A), run by run
pd = paired("s4", "view", "catalog-pg", "s13")
table.append(("4D category summary (one stored row) vs product by id", "aggregation req/s (scenario 4)",
              f"{med('s4', 'view'):,.0f}", spread("s4", "view"),
              f"{fmt(ratio(med('s4', 'view'), med('s13', 'catalog-pg')))} "
              f"({fmt(min(pd)) if pd else 'n/a'}–{fmt(max(pd)) if pd else 'n/a'})",
              "÷ 13A catalog by id, PostgreSQL ≥ 0.9", verdict(pd, 0.9)))
# 7. rate limiting
r7 = ratio(med("s7", "ratelimit-on"), med("s7", "ratelimit-off"))
add("7 gateway rate limiting (cache hits)", "on, req/s", f"{med('s7', 'ratelimit-on'):,.0f}",
    spread("s7", "ratelimit-on"), fmt(r7), "÷ off ≥ 0.9", r7 >= 0.9)
add("", "off (reference)", f"{med('s7', 'ratelimit-off'):,.0f}", spread("s7", "ratelimit-off"), "", "", None)
r7b = ratio(med("s7", "anonymous-on"), med("s7", "anonymous-off"))
add("", "1,000 anonymous clients behind a trusted proxy (X-Forwarded-For), on, req/s",
    f"{med('s7', 'anonymous-on'):,.0f}", spread("s7", "anonymous-on"), fmt(r7b), "÷ off ≥ 0.9", r7b >= 0.9)
add("", "the same clients, off (reference)", f"{med('s7', 'anonymous-off'):,.0f}", spread("s7", "anonymous-off"),
    "", "", None)
# 8. writes and view lag
lag50 = quantile_delta(f"{work}/agg-before.prom", f"{work}/agg-after.prom", "aggregation_events_lag_seconds", 0.5)
lag99 = quantile_delta(f"{work}/agg-before.prom", f"{work}/agg-after.prom", "aggregation_events_lag_seconds", 0.99)
failed_writes = sum(r["non2xx"] for r in runs_by[("s8", "writes")])
add("8 writes through the gateway (outbox + aggregation running)",
    f"products created/s (2xx only; {failed_writes:,} writes refused or failed)", f"{med('s8', 'writes'):,.0f}",
    spread("s8", "writes"), "", "(information)", None)
# issue 21 C: the same creates persisted by the plain Quarkus app (R2), run by run; and their p99s
pc = paired("s8", "writes", "r2-persist")
p99c = ratio(med("s8", "writes", "p99"), med("s8", "r2-persist", "p99"))
table.append(("8C creates through the gateway vs R2", "created/s; p99 ms: gateway vs R2",
              f"{med('s8', 'writes'):,.0f}; {fmt(med('s8', 'writes', 'p99'), 1)} vs {fmt(med('s8', 'r2-persist', 'p99'), 1)}",
              spread("s8", "writes"),
              f"{fmt(ratio(med('s8', 'writes'), med('s8', 'r2-persist')))} "
              f"({fmt(min(pc)) if pc else 'n/a'}–{fmt(max(pc)) if pc else 'n/a'}); p99 × {fmt(p99c, 1)}",
              "÷ R2 ≥ 0.6, p99 ≤ 3 × R2's",
              "**no**" if p99c == p99c and p99c > 3 else verdict(pc, 0.6)))
add("", "R2 Panache persist, one transaction (reference)", f"{med('s8', 'r2-persist'):,.0f}",
    spread("s8", "r2-persist"), "", "", None)
add("", f"view lag at {med('s8', 'writes-half-rate'):,.0f} writes/s: p50 / p99 (ms)",
    f"{fmt(lag50 and lag50 * 1000, 0)} / {fmt(lag99 and lag99 * 1000, 0)}", "", "", "p99 < 1 s",
    None if lag99 is None else lag99 < 1)
fresh = next((r for r in rows if r.get("kind") == "fresh"), None)
if fresh:
    add("", f"a product created right after its category, 201 to card visible ({fresh['samples']} pairs, "
        f"{fresh['missing']} never seen, {fresh.get('refused', 0)} refused, polled every {fresh['poll_ms']} ms): p50 / p99 (ms)",
        f"{fmt(fresh['p50'], 1)} / {fmt(fresh['p99'], 1)}", f"max {fmt(fresh['max'], 1)}",
        f"from the request: p99 {fmt(fresh['sent_p99'], 1)}", "p99 < 100 ms",
        fresh["missing"] == 0 and fresh["p99"] is not None and fresh["p99"] < 100)
# issue 21 H: hot reads through the caching gateway while patches purge the same ids, run by run against the
# same reads without writes
ph = paired("s14", "reads-under-writes", "reads-quiet")
h_hits = sum(counter_delta(f"{work}/gw-s14-before-{i}.prom", f"{work}/gw-s14-after-{i}.prom",
                           "gateway_cache_served_total", result="hit") for i in range(1, int(runs) + 1))
h_served = sum(counter_delta(f"{work}/gw-s14-before-{i}.prom", f"{work}/gw-s14-after-{i}.prom",
                             "gateway_cache_served_total") for i in range(1, int(runs) + 1))
h_failed = sum(r["non2xx"] for r in runs_by[("s14", "reads-under-writes")])
# two patchers on one hot product: the later one is refused (412, changed concurrently), as it should be
h_refused = sum(r["non2xx"] for r in runs_by[("s14", "patches")])
h_rate = med("s14", "patches")
# patch.lua paces open loop; if the host still could not keep 50 a second, the goal was not tested (unclear)
h_verdict = "**no**" if h_failed else "**unclear**" if not h_rate >= 45 else verdict(ph, 0.5)
table.append(("14H product by id through the gateway under writes",
              f"req/s while {fmt(h_rate, 0)} patches/s (goal: 50) purge the hot ids (hit ratio "
              f"{fmt(100 * h_hits / h_served if h_served else None, 1)} %; {h_failed:,} reads failed, "
              f"{h_refused:,} patches refused)",
              f"{med('s14', 'reads-under-writes'):,.0f}", spread("s14", "reads-under-writes"),
              f"{fmt(ratio(med('s14', 'reads-under-writes'), med('s14', 'reads-quiet')))} "
              f"({fmt(min(ph)) if ph else 'n/a'}–{fmt(max(ph)) if ph else 'n/a'})",
              "÷ the same reads without writes ≥ 0.5, at 50 patches/s", h_verdict))
add("", "the same reads without writes (reference)", f"{med('s14', 'reads-quiet'):,.0f}",
    spread("s14", "reads-quiet"), "", "", None)
# 9. overload
def slices(phase):
    return sorted(runs_by[("s9", phase)], key=lambda r: r["run"])


base, step, after = slices("baseline"), slices("step"), slices("after")
served_rps = lambda r: (r["requests"] - r["non2xx"]) / r["seconds"]
peak = statistics.median([served_rps(r) for r in base]) if base else float("nan")
step_served = statistics.median([served_rps(r) for r in step]) if step else float("nan")
rejected = sum(r["non2xx"] for r in step)
r9 = ratio(step_served, peak)
add(f"9 overload: {2 * int(conns)} connections on max-in-flight {max_in_flight}", "served req/s during the step",
    f"{step_served:,.0f}", f"peak {peak:,.0f}", fmt(r9), "÷ peak ≥ 0.9", r9 >= 0.9)
rej99 = quantile_delta(f"{work}/gw-s9-step-before.prom", f"{work}/gw-s9-step-after.prom",
                       "http_server_requests_seconds", 0.99, statuses={"503", "429"})
add("", f"rejections (503/429): {rejected:,}; their p99 in the gateway, ms", fmt(rej99 and rej99 * 1000, 2), "", "",
    "< 20 ms", None if rej99 is None else rej99 < 0.020)
served99_base = quantile_delta(f"{work}/gw-s9-base-before.prom", f"{work}/gw-s9-base-after.prom",
                               "http_server_requests_seconds", 0.99, statuses={"200"})
served99_step = quantile_delta(f"{work}/gw-s9-step-before.prom", f"{work}/gw-s9-step-after.prom",
                               "http_server_requests_seconds", 0.99, statuses={"200"})
r9c = ratio(served99_step or float("nan"), served99_base or float("nan"))
add("", "p99 of served requests in the gateway, step vs before, ms",
    f"{fmt(served99_step and served99_step * 1000, 2)} vs {fmt(served99_base and served99_base * 1000, 2)}", "",
    fmt(r9c), "≤ 3", r9c <= 3)
base_p99 = statistics.median([r["p99"] for r in base]) if base else float("nan")
recovered = next((r["run"] for r in after if r["p99"] <= 1.5 * base_p99 and r["non2xx"] == 0), None)
add("", "recovery: seconds after the step until a 1-s slice has p99 ≤ 1.5× baseline and no rejections",
    "never" if recovered is None else str(recovered), f"baseline p99 {base_p99:.2f} ms", "", "≤ 10 s",
    recovered is not None and recovered <= 10)

# 10. a category PATCH fans out to its cards while unrelated product writes flow (bench/fanout.py)
for r in (r for r in rows if r.get("kind") == "fanout"):
    scrapes = f"{work}/fanout-{r['phase']}-before.prom", f"{work}/fanout-{r['phase']}-after.prom"
    p99 = quantile_delta(*scrapes, "aggregation_events_lag_seconds", 0.99)
    goal_s = 30 * max(1, r["cards"]) / 100_000  # 30 s for 100,000 cards, pro rata
    add("10 category fan-out" if r["phase"] == "rename" else "",
        f"{r['phase']}: {r['cards']:,} cards, seconds from the PATCH's 2xx until all show it; "
        "unrelated events' lag p99 (ms)",
        f"{fmt(r['seconds'])}; {fmt(p99 and p99 * 1000, 0)}", "", "",
        f"< {fmt(goal_s, 1)} s (30 s per 100,000); p99 < 1 s",
        None if p99 is None else r["left"] == 0 and r["seconds"] < goal_s and p99 < 1)

# 12. tracing on against off (bench/tracing-ab.sh; issue 22 item 5): per interleaved round, req/s on ÷ off and CPU
# per request off ÷ on of the same process; met when both medians reach the goal, not met when neither does.
for r in sorted((r for r in rows if r.get("kind") == "tracing" and r.get("build", "this") == "this"),
                key=lambda r: (r["service"] != "gw", -r["ratio"])):
    goal = 0.95 if r["service"] == "gw" else 0.9
    what = "gateway cache hits" if r["service"] == "gw" else "catalog Redis hits"
    sampled = r["ratio"] > 0
    verdict = None
    if sampled:
        hits = (r["rps_ratio"] >= goal) + (r["cpu_ratio"] >= goal)
        verdict = True if hits == 2 else False if hits == 0 else "unclear"
    add("12 tracing on ÷ off" if r["service"] == "gw" and r["ratio"] == 0.1 else "",
        f"{what}, {fmt(100 * r['ratio'], 0)} % sampled ({r['rounds']} rounds): CPU µs per request off vs on; "
        "ratios req/s on ÷ off; CPU off ÷ on (min–max over the rounds)",
        f"{fmt(r['off_us'], 1)} vs {fmt(r['on_us'], 1)}",
        f"{fmt(r['rps_min'])}–{fmt(r['rps_max'])}; {fmt(r['cpu_min'])}–{fmt(r['cpu_max'])}",
        f"{fmt(r['rps_ratio'])}; {fmt(r['cpu_ratio'])}", f"≥ {goal}" if sampled else "(information)", verdict)

# ---- start-up and memory ----
startup = {r["service"]: r["ms"] for r in rows if r.get("kind") == "startup"}
idle = {r["service"]: r["kb"] for r in rows if r.get("kind") == "rss-idle"}
peak_rss = collections.defaultdict(int)
if os.path.exists(f"{work}/rss.tsv"):
    for line in open(f"{work}/rss.tsv"):
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            peak_rss[parts[0]] = max(peak_rss[parts[0]], int(parts[1]))

# ---- plots ----
prefix = f"{out_dir}/{name}"
plot_rows = [(s, v) for (s, v) in runs_by if s != "s9"]
plot_rows.sort()
with open(f"{work}/throughput.dat", "w") as f:
    for s, v in plot_rows:
        vs = values(s, v)
        f.write(f'"{s} {v}" {statistics.median(vs):.1f} {min(vs):.1f} {max(vs):.1f}\n')
with open(f"{work}/latency.dat", "w") as f:
    for s, v in plot_rows:
        if runs_by[(s, v)][0].get("pgbench"):
            continue
        f.write(f'"{s} {v}" ' + " ".join(f"{med(s, v, p):.3f}" for p in ("p50", "p90", "p99")) + "\n")
with open(f"{work}/overload.dat", "w") as f:
    t = 0
    for r in base + step + after:
        t += 1
        f.write(f"{t} {served_rps(r):.1f} {r['non2xx'] / r['seconds']:.1f} {r['p99']:.3f}\n")
step_from, step_to = len(base) + 0.5, len(base) + len(step) + 0.5
gp = f"""
set terminal pngcairo size 1400,700 font ",10"
set datafile separator " "
set style fill solid 0.7 border -1
set xtics rotate by -40 left
set grid ytics
set bmargin 12
set output "{prefix}-throughput.png"
set title "Throughput per scenario: median of {runs} run(s), bars min–max ({threads} threads, {conns} connections, {duration} s; pgbench: {'4'} clients)"
set ylabel "requests (or transactions) per second"
set logscale y
set style data histograms
set style histogram errorbars gap 1 lw 1
plot "{work}/throughput.dat" using 2:3:4:xtic(1) title "median, min–max"
set output "{prefix}-latency.png"
set title "Latency percentiles per scenario (wrk, median over runs)"
set ylabel "ms"
set style histogram clustered gap 1
plot "{work}/latency.dat" using 2:xtic(1) title "p50", "" using 3 title "p90", "" using 4 title "p99"
unset logscale y
set output "{prefix}-overload.png"
set title "Overload step (scenario 9): 1-s slices, {conns} → {2 * int(conns)} → {conns} connections, max-in-flight {max_in_flight}"
set xtics norotate
set bmargin 4
set xlabel "seconds"
set ylabel "requests per second"
set y2label "p99 ms (all answers)"
set y2tics
set ytics nomirror
set object 1 rect from {step_from},graph 0 to {step_to},graph 1 fc rgb "#ffdddd" behind
plot "{work}/overload.dat" using 1:2 with linespoints title "served (2xx)", "" using 1:3 with linespoints title "rejected (429/503)", "" using 1:4 axes x1y2 with linespoints title "p99 ms"
"""
open(f"{work}/plots.gp", "w").write(gp)
subprocess.run(["gnuplot", f"{work}/plots.gp"], check=True)

# ---- the results file ----
lines = [f"# Benchmark {stamp:%Y-%m-%d %H:%M} UTC on {host}" + (" (QUICK smoke run: numbers not meaningful)" if quick else ""),
         "",
         f"`make bench{' QUICK=1' if quick else ''}{f' SCALE={scale_products}' if scale_products != 100_000 else ''}`: "
         f"wrk with {threads} threads and {conns} connections (unless "
         f"stated), {runs} run(s) of {duration} s per measurement after warm-up, variants of one scenario interleaved "
         f"within each run; ratio = median ÷ the reference's median in this same run. Ids are drawn Zipf-like "
         f"from the seed set (bench/README.md). Machine: {os.cpu_count()} cores, shared with the load generator and "
         f"PostgreSQL/Redis, so absolute numbers are only comparable within this file.",
         "",
         "| Scenario | Measured | Median | Min–max | Ratio | Goal | Met |",
         "|---|---|---|---|---|---|---|"]
for row in table:
    lines.append("| " + " | ".join(str(c) for c in row) + " |")
lines += ["", "## Start-up and memory", "",
          "Start-up: from `java -jar` to the first served API request (polled every 20 ms). RSS idle: after start-up; "
          "under load: the highest sample (1 s) during the scenarios.", "",
          "Peak ÷ chart limit: RSS under load ÷ the service's `resources.limits.memory` in "
          "helm/scaling-suite/values.yaml. Here the JVMs run uncapped on the host (heap up to a quarter of its RAM), "
          "so this says how far the bench's footprint is from the pod's budget; `make bench-containers` measures "
          "the working set under the limit itself.", "",
          "| Service | Start-up ms | RSS idle MiB | RSS under load MiB | Peak ÷ chart limit |", "|---|---|---|---|---|"]
sources = {"catalog": "catalog-nocache", "gateway": "gateway-nocache", "aggregation": "aggregation-probe",
           "bare Quarkus reference": "reference"}
# the chart's memory limit of each service, read as bench/containers.sh reads it
chart_limits = dict(line.split() for line in subprocess.run(
    ["bash", "-c", "VALUES=helm/scaling-suite/values.yaml; source bench/containers-lib.sh; for c in catalog gateway "
     "aggregation; do echo \"$c $(mem_bytes \"$(chart_value $c resources limits memory)\")\"; done"],
    capture_output=True, text=True, check=True).stdout.splitlines())
for service, instance in sources.items():
    rss_name = {"bare Quarkus reference": "reference"}.get(service, service)
    limit = int(chart_limits.get(service, 0) or 0)
    share = f"{fmt(100 * peak_rss.get(rss_name, 0) * 1024 / limit, 0)} %" if limit else "n/a"
    lines.append(f"| {service} | {startup.get(instance, 'n/a')} | {fmt(idle.get(rss_name, 0) / 1024, 0)} | "
                 f"{fmt(peak_rss.get(rss_name, 0) / 1024, 0)} | {share} |")
lines += ["", "(Start-up of catalog is measured on its cache-off instance, of the gateway on its cache-off instance, of "
          "aggregation on a probe instance reading an empty stream: the same jars.)", "",
          "## Plots", "", f"![throughput]({name}-throughput.png)", "", f"![latency]({name}-latency.png)", "",
          f"![overload]({name}-overload.png)", "",
          "## All measurements", "", "| Scenario | Variant | Conns | Median req/s | Min–max | p50 ms | p90 ms | p99 ms | non-2xx |",
          "|---|---|---|---|---|---|---|---|---|"]
for s, v in sorted(runs_by):
    if s == "s9":
        continue
    rs = runs_by[(s, v)]
    lines.append(f"| {s} | {v} | {rs[0].get('conns')} | {med(s, v):,.1f} | {spread(s, v)} | {fmt(med(s, v, 'p50'), 3)} | "
                 f"{fmt(med(s, v, 'p90'), 3)} | {fmt(med(s, v, 'p99'), 3)} | {sum(r.get('non2xx', 0) for r in rs)} |")
lines += ["", "pgbench rows: p50 is pgbench's mean latency. What the fixes changed, before and after: "
          "[bench/README.md](../README.md#profile-and-fixes).", ""]
lines += profiles.markdown(f"{work}/profiles.jsonl") + [""]
with open(f"{prefix}.md", "w") as f:
    f.write("\n".join(lines))
print(f"{prefix}.md")
print("\n".join(lines[:len(table) + 8]))
