#!/usr/bin/env bash
# make bench [QUICK=1] [SCALE=N]: builds the suite and the references, starts them (the suite as `make run` does,
# on the machine's PostgreSQL and Redis), runs every scenario of bench/README.md with wrk (pgbench for the SQL
# references), writes bench/results/<date>-<time>-<host>.md with PNG plots, and stops everything it started.
# QUICK=1: 1 run of 1 s per measurement (a smoke test that every scenario runs); otherwise 3 runs of 10 s.
# The build is skipped when every jar is newer than its module's sources; SKIP_BUILD=1 skips it regardless.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=${QUICK:-0}
SCALE=${SCALE:-100000} # products in the catalogue (issue 21 G: SCALE=1000000)
WORK=bench/.work
RAW=$WORK/raw.jsonl
KEY='ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610'
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/scaling_suite
PSQL=(psql -h 127.0.0.1 -U postgres -d scaling_suite -Atq)
THREADS=2
CONNS=32
ANON_CLIENTS=1000 # scenario 7's distinct anonymous client addresses
if [[ "$QUICK" == 1 ]]; then
  HOT_SET=1000 RUNS=1 DURATION=1 WARMUP=1 PGCLIENTS=4 LISTINGS=1 OVER_BASE=2 OVER_STEP=3 OVER_AFTER=2 FRESH_SAMPLES=50
else
  HOT_SET=10000 RUNS=3 DURATION=10 WARMUP=15 PGCLIENTS=4 LISTINGS=3 OVER_BASE=10 OVER_STEP=30 OVER_AFTER=12
  FRESH_SAMPLES=300
fi
# Scenarios 1, 3, 7 and 9 measure cache hits: Zipf over the first HOT_SET ids of the ranking, all warmed beforehand.

# The overload scenario: the gateway admits this many requests at once, sheds the rest (503).
MAX_IN_FLIGHT=48

mkdir -p "$WORK" bench/results
: >"$RAW"
PIDS=()
log() { echo "bench $(date -u +%H:%M:%S) $*" >&2; }

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v varnishd >/dev/null || [[ -x /usr/sbin/varnishd ]] || missing+=(varnish)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  command -v pgbench >/dev/null && command -v psql >/dev/null || missing+=(postgresql-client)
  command -v python3 >/dev/null || missing+=(python3)
  command -v jq >/dev/null || missing+=(jq)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    apt-get install -y --no-install-recommends "${missing[@]}" >"$WORK/apt.log" 2>&1 ||
      { apt-get update >>"$WORK/apt.log" 2>&1 && apt-get install -y --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1; }
  fi
}

cleanup() {
  local rc=$?
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  # The suite's services stop alongside (scripts/stop.sh below then only waits), each checked to be Java still.
  for f in .run/catalog.pid .run/gateway.pid .run/aggregation.pid; do
    [[ -s $f && $(ps -o comm= -p "$(cat "$f")" 2>/dev/null) == java ]] && kill -TERM "$(cat "$f")" 2>/dev/null
  done
  [[ -s $WORK/nginx/nginx.pid ]] && kill -QUIT "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null
  done
  [[ -n "${SAMPLER:-}" ]] && kill "$SAMPLER" 2>/dev/null
  scripts/stop.sh >/dev/null 2>&1
  exit $rc
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ms() { date +%s%3N; }

# start_java NAME URL JAR [ENV=VALUE...]: java -jar with the environment, wait for the first 200 on URL,
# record start-up time (launch to first served request) and idle RSS.
start_java() {
  local name=$1 url=$2 jar=$3 start pid
  shift 3
  start=$(now_ms)
  env "$@" java -jar "$jar" >"$WORK/$name.log" 2>&1 &
  pid=$!
  PIDS+=("$pid")
  echo "$pid" >"$WORK/$name.pid"
  for _ in $(seq 1500); do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$WORK/$name.log" >&2; log "$name exited"; return 1; }
    if curl -fsS -o /dev/null -H "X-API-Key: $KEY" "$url" 2>/dev/null; then
      local ms=$(($(now_ms) - start))
      log "$name served its first request after $ms ms"
      echo "{\"kind\":\"startup\",\"service\":\"$name\",\"ms\":$ms}" >>"$RAW"
      return 0
    fi
    sleep 0.02
  done
  log "$name not serving after 30 s"
  return 1
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples the RSS of every service process once a second into rss.tsv (service, kB).
sample_rss() {
  while true; do
    for f in .run/catalog.pid .run/gateway.pid .run/aggregation.pid "$WORK"/*.pid; do
      [[ -s $f ]] || continue
      echo -e "$(basename "$f" .pid)\t$(rss_kb "$(cat "$f")")"
    done >>"$WORK/rss.tsv"
    sleep 1
  done
}

# measure SCENARIO VARIANT RUN URL SCRIPT CONNS DURATION [ARGS...]: one wrk run, one JSON line in raw.jsonl
measure() {
  local scenario=$1 variant=$2 run=$3 url=$4 script=$5 conns=$6 duration=$7 threads=$THREADS out
  shift 7
  ((conns < threads)) && threads=$conns
  out=$(wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 5s -s "bench/lua/$script" "$url" -- "$@" 2>&1) ||
    { echo "$out" >&2; return 1; }
  local json
  json=$(sed -n 's/^JSON //p' <<<"$out")
  [[ -n $json ]] || { echo "$out" >&2; return 1; }
  jq -c --arg s "$scenario" --arg v "$variant" --argjson r "$run" --argjson c "$conns" \
    '. + {kind:"wrk", scenario:$s, variant:$v, run:$r, conns:$c}' <<<"$json" >>"$RAW"
  log "$scenario $variant run $run: $(jq -r '"\(.rps|floor) req/s, p50 \(.p50) ms, p99 \(.p99) ms, non-2xx \(.non2xx)"' <<<"$json")"
}

# pgbench_run SCENARIO VARIANT RUN FILES...: pgbench with the bench's client count; tps and mean latency.
pgbench_run() {
  local scenario=$1 variant=$2 run=$3 out tps lat
  shift 3
  local files=()
  for f in "$@"; do files+=(-f "$f"); done
  out=$(pgbench -h 127.0.0.1 -U postgres -n -c "$PGCLIENTS" -j 2 -T "$DURATION" "${files[@]}" scaling_suite 2>&1) ||
    { echo "$out" >&2; return 1; }
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
  echo "{\"kind\":\"wrk\",\"scenario\":\"$scenario\",\"variant\":\"$variant\",\"run\":$run,\"conns\":$PGCLIENTS,\"rps\":$tps,\"p50\":$lat,\"pgbench\":true}" >>"$RAW"
  log "$scenario $variant run $run: $tps tx/s (pgbench), mean $lat ms"
}

scrape() { curl -fsS "$1" >"$2"; }

trap cleanup EXIT INT TERM
ensure_tools

for f in .run/*.pid; do
  [[ -e $f ]] || continue
  if kill -0 "$(cat "$f")" 2>/dev/null; then
    log "the suite is running already ($f): 'make stop' first, so the bench starts it with its own settings"
    trap - EXIT
    exit 1
  fi
done

# built_after_sources MODULE...: each MODULE's runnable jar exists and nothing under MODULE/src or a pom is newer.
built_after_sources() {
  local m jar
  for m in "$@"; do
    jar=$m/target/quarkus-app/quarkus-run.jar
    [[ -f $jar ]] || return 1
    [[ -z $(find "$m/src" "$m/pom.xml" pom.xml dev-infra/src demo-data/src -newer "$jar" -type f -print -quit) ]] || return 1
  done
}

if [[ "${SKIP_BUILD:-0}" == 1 ]] ||
  built_after_sources catalog-service gateway aggregation-service bench/reference-quarkus; then
  log "jars are newer than their sources: not rebuilding"
else
  log "building the suite and the bare Quarkus reference"
  mvn -B -q -DskipTests package
  mvn -B -q -f bench/reference-quarkus/pom.xml -DskipTests package
fi

# JFR keeps 64 frames of a stack by default, too few to see which of the suite's classes a deep Netty/Vert.x
# stack ran under (the profiles after the scenarios); deeper stacks cost only while a recording runs.
export JDK_JAVA_OPTIONS=-XX:FlightRecorderOptions:stackdepth=512

# The suite as `make run` starts it, with settings for the bench: the development key gets a limit far above
# what this machine can serve (rate limiting still runs on every request), the gateway sheds above MAX_IN_FLIGHT.
log "starting PostgreSQL/Redis, catalog, gateway, aggregation (scripts/run.sh) and seeding if empty"
# Catalog's answers may be cached for 10 minutes (default 60 s), so warmed entries outlive the whole run.
# No load balancer to drain here: the gateways' graceful 5-s shutdown delay would only slow the bench's exit.
# Scenario 7's anonymous clients arrive through wrk as through a trusted proxy (X-Forwarded-For), each client
# address with its own limit, far above what one address sends here: rate limiting runs, nothing is refused.
export GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000 GATEWAY_HTTP_MAX_IN_FLIGHT=$MAX_IN_FLIGHT CATALOG_HTTP_MAX_AGE=PT10M \
  QUARKUS_SHUTDOWN_DELAY=PT0S GATEWAY_FORWARDED_TRUSTED_PROXIES=127.0.0.1/32 GATEWAY_RATE_LIMIT_TIERS_ANONYMOUS_LIMIT=1000000000
scripts/run.sh >"$WORK/run.log" 2>&1 || { cat "$WORK/run.log" >&2; exit 1; }
unset GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT GATEWAY_HTTP_MAX_IN_FLIGHT CATALOG_HTTP_MAX_AGE QUARKUS_SHUTDOWN_DELAY \
  GATEWAY_FORWARDED_TRUSTED_PROXIES GATEWAY_RATE_LIMIT_TIERS_ANONYMOUS_LIMIT
# The bench's own instances share the suite's signing key, as pods share the chart's Secret.
SUITE_INTERNAL_AUTH_KEYS=$(cat .run/internal-auth.keys)
export SUITE_INTERNAL_AUTH_KEYS

# Issue 21 G: the catalogue at SCALE products (default the demo's 100,000), loaded and its views rebuilt as
# `make seed` does, both timed. A full run always reloads, so every results file has the figures; QUICK only when
# the catalogue has another size.
seeded=$("${PSQL[@]}" -c "SELECT count(*) FROM catalog.product WHERE sku NOT LIKE 'BENCH-%'")
if [[ "$QUICK" != 1 || $seeded != "$SCALE" ]]; then
  log "seeding $SCALE products and rebuilding the views (make seed), timed"
  # what the rebuild starts from: writing equal cards is skipped, resurrecting tombstones costs most
  read -r live tombstones < <("${PSQL[@]}" -F ' ' -c "SELECT count(*) FILTER (WHERE NOT deleted),
    count(*) FILTER (WHERE deleted) FROM aggregation.product_card" 2>/dev/null || echo "0 0")
  REBUILD_WAIT_S=1800 scripts/seed.sh --products "$SCALE" >"$WORK/seed.log" 2>&1 ||
    { cat "$WORK/seed.log" >&2; exit 1; }
  grep -q 'views rebuilt from catalog.s snapshot: done' "$WORK/seed.log" || { cat "$WORK/seed.log" >&2; exit 1; }
  curl -fsS -H "X-API-Key: $KEY" http://127.0.0.1:8080/api/views/admin/rebuild | python3 -c '
import datetime, json, re, sys
status, log = json.load(sys.stdin), open(sys.argv[1]).read()
at = lambda t: datetime.datetime.fromisoformat(re.sub(r"(\.\d{1,6})\d*Z$", r"\1", t).rstrip("Z"))
print(json.dumps({"kind": "scale", "products": int(sys.argv[2]),
                  "seed_s": float(re.search(r"\[seed\] loaded .* in ([\d.]+) s", log).group(1)),
                  "rebuild_s": (at(status["finishedAt"]) - at(status["startedAt"])).total_seconds(),
                  "cards_before": int(sys.argv[3]), "tombstones_before": int(sys.argv[4])}))' \
    "$WORK/seed.log" "$SCALE" "${live:-0}" "${tombstones:-0}" >>"$RAW"
fi

log "exporting seed ids"
"${PSQL[@]}" -c "SELECT id FROM catalog.product WHERE sku NOT LIKE 'BENCH-%' ORDER BY md5(id::text)" >"$WORK/ids.txt"
# The seed's categories only: scenario 8's freshness pairs leave one-product categories (slug bench-fresh-*).
"${PSQL[@]}" -c "SELECT id FROM catalog.category WHERE slug NOT LIKE 'bench-fresh-%' ORDER BY id" >"$WORK/categories.txt"
sed 's|^|/api/views/categories/|; s|$|/summary|' "$WORK/categories.txt" >"$WORK/summary-paths.txt"
head -"$HOT_SET" "$WORK/ids.txt" >"$WORK/hot-ids.txt"
sed 's|^|/api/catalog/products/|' "$WORK/hot-ids.txt" >"$WORK/hot-paths.txt"
HOT_ID=$(head -1 "$WORK/ids.txt")
curl -fsS "http://127.0.0.1:8081/api/catalog/products/$HOT_ID" >"$WORK/product.json"
log "$(wc -l <"$WORK/ids.txt") ids; a product is $(wc -c <"$WORK/product.json") bytes"

# References and the suite's variants, each on a free port; their start-up times are the services' start-up.
REF_PORT=$(free_port)
start_java reference "http://127.0.0.1:$REF_PORT/product" bench/reference-quarkus/target/quarkus-app/quarkus-run.jar \
  QUARKUS_HTTP_PORT="$REF_PORT" BENCH_BODY_FILE="$PWD/$WORK/product.json" QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" \
  QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379
CAT2_PORT=$(free_port)
start_java catalog-nocache "http://127.0.0.1:$CAT2_PORT/api/catalog/products/$HOT_ID" \
  catalog-service/target/quarkus-app/quarkus-run.jar QUARKUS_HTTP_PORT="$CAT2_PORT" QUARKUS_MANAGEMENT_PORT="$(free_port)" \
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
  QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 CATALOG_CACHE_ENABLED=false CATALOG_OUTBOX_ENABLED=false
GW_ENV=(QUARKUS_PROFILE=prod,local QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000
  QUARKUS_SHUTDOWN_DELAY=PT0S GATEWAY_FORWARDED_TRUSTED_PROXIES=127.0.0.1/32 GATEWAY_RATE_LIMIT_TIERS_ANONYMOUS_LIMIT=1000000000)
GW2_PORT=$(free_port)
start_java gateway-nocache "http://127.0.0.1:$GW2_PORT/api/catalog/products/$HOT_ID" gateway/target/quarkus-app/quarkus-run.jar \
  "${GW_ENV[@]}" QUARKUS_HTTP_PORT="$GW2_PORT" QUARKUS_MANAGEMENT_PORT="$(free_port)" GATEWAY_CACHE_ENABLED=false
GW3_PORT=$(free_port)
start_java gateway-norl "http://127.0.0.1:$GW3_PORT/api/catalog/products/$HOT_ID" gateway/target/quarkus-app/quarkus-run.jar \
  "${GW_ENV[@]}" QUARKUS_HTTP_PORT="$GW3_PORT" QUARKUS_MANAGEMENT_PORT="$(free_port)" GATEWAY_RATE_LIMIT_ENABLED=false
AGG2_PORT=$(free_port)
start_java aggregation-probe "http://127.0.0.1:$AGG2_PORT/api/views/products/$HOT_ID" \
  aggregation-service/target/quarkus-app/quarkus-run.jar QUARKUS_HTTP_PORT="$AGG2_PORT" QUARKUS_MANAGEMENT_PORT="$(free_port)" \
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
  QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 AGGREGATION_STREAM_KEY=bench:probe:events AGGREGATION_STREAM_CONSUMER=bench-probe
# The probe only measured start-up (it reads a stream nobody writes): stop it now.
kill -TERM "$(cat "$WORK/aggregation-probe.pid")"; rm -f "$WORK/aggregation-probe.pid"

NGINX_PORT=$(free_port)
NGINX_CACHE_PORT=$(free_port)
rm -rf "$WORK/nginx/cache" # a previous run's entries would be hits no warm-up made
mkdir -p "$WORK/nginx"
sed -e "s|@PORT@|$NGINX_PORT|g" -e "s|@CACHE_PORT@|$NGINX_CACHE_PORT|g" -e "s|@WORK@|$PWD/$WORK|g" bench/nginx.conf.in \
  >"$WORK/nginx/nginx.conf"
nginx -c "$PWD/$WORK/nginx/nginx.conf" -p "$PWD/$WORK/nginx" -e "$PWD/$WORK/nginx/error.log"
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/product" && break; sleep 0.1; done
# R5's other half (issue 21 J): Varnish with its built-in VCL in front of catalog, which caches what catalog's
# Cache-Control allows (no API key is sent to it or to nginx's cache: neither checks one), objects in memory.
VARNISH_PORT=$(free_port)
varnishd -F -n "$PWD/$WORK/varnish" -a "127.0.0.1:$VARNISH_PORT" -b 127.0.0.1:8081 -s malloc,512m >"$WORK/varnish.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$VARNISH_PORT/api/catalog/products/$HOT_ID" 2>/dev/null && break; sleep 0.1; done

sleep 2
for f in .run/catalog.pid .run/gateway.pid .run/aggregation.pid "$WORK"/*.pid; do
  [[ -s $f ]] && echo "{\"kind\":\"rss-idle\",\"service\":\"$(basename "$f" .pid)\",\"kb\":$(rss_kb "$(cat "$f")")}" >>"$RAW"
done
: >"$WORK/rss.tsv"
sample_rss &
SAMPLER=$!

GW=http://127.0.0.1:8080
CAT=http://127.0.0.1:8081
P=/api/catalog/products/
IDS=$WORK/ids.txt
HOT=$WORK/hot-ids.txt

# Until catalog's outbox has nothing unpublished and aggregation's group has nothing pending or undelivered (XINFO GROUPS, read
# here rather than from aggregation's sampled gauges: a stale zero once started the paced phase on a backlog).
wait_for_views() { # [SECONDS, default 60]
  for _ in $(seq $((2 * ${1:-60}))); do
    local m
    m=$(redis-cli -h 127.0.0.1 --raw XINFO GROUPS catalog:events |
      awk 'name == "pending" || name == "lag" {s += $1} {name = $1} END {print s + 0}')
    [[ $m == 0 && $("${PSQL[@]}" -c 'SELECT count(*) FROM catalog.outbox WHERE published_at IS NULL') == 0 ]] && return 0
    sleep 0.5
  done
}

# c2_ms PID: CPU ms the JVM's C2 compiler threads have used so far (/proc, as bench/profile.sh).
c2_ms() {
  local t f s=0
  for t in /proc/"$1"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C2* ]] || continue
    read -r -a f <"$t/stat" && s=$((s + f[13] + f[14]))
  done
  echo $((s * 1000 / $(getconf CLK_TCK)))
}

# warm_writes NAME PID URL WRITE_ARGS...: windows of WARMUP s of creates (16 connections) until the JVM at PID is done
# compiling them: its C2 threads busy under 5 % of the last window. By hand (2026-12-05, make run, 15-s windows)
# catalog's creates took 12 windows to get there, 45 -> 340 writes/s, C2 at a fifth of a core until then: a fixed
# 30 s measured the JIT, not the write path. At most WARM_WINDOWS windows.
WARM_WINDOWS=20
warm_writes() {
  local name=$1 pid=$2 url=$3 i before compiled
  shift 3
  for i in $(seq "$WARM_WINDOWS"); do
    before=$(c2_ms "$pid")
    measure warmup "$name" "$i" "$url" write.lua 16 "$WARMUP" "$@" >/dev/null 2>&1 || true
    compiled=$(($(c2_ms "$pid") - before))
    log "warm-up $name window $i: $(tail -1 "$RAW" | jq -r '(.rps // 0) | floor') writes/s, C2 $compiled ms in $WARMUP s"
    ((compiled * 20 < WARMUP * 1000)) && return 0
  done
  log "warm-up $name: still compiling after $WARM_WINDOWS windows"
}

# Writes first (until compiled, see warm_writes; through the non-caching gateway): catalog's write path is Hibernate,
# flush, outbox and purges, which the JIT takes far longer to compile than a read, so measured cold, scenario 8 runs
# far below its warm rate. Not through the caching gateway, whose read scenarios (1, 7, 9) run slower after it has
# handled writes than on a gateway that has seen none; not to catalog directly, which refuses writes the gateway did
# not sign. Before the hot ids are warmed: a write's purges must not empty what the read scenarios read.
log "warming up: $([[ $QUICK == 1 ]] || echo "writes until compiled, ")every hot id through both caching gateways$([[ $QUICK == 1 ]] || echo ", then ${WARMUP} s of load on each service (JIT)")"
if [[ "$QUICK" != 1 ]]; then # a smoke run skips it: it only checks that every scenario runs
  warm_writes catalog "$(cat .run/catalog.pid)" "http://127.0.0.1:$GW2_PORT" "$WORK/categories.txt" "$KEY" 0
  wait_for_views 300 # aggregation applies the warm-up's events at ~360/s here once the writes stop
fi
python3 bench/warm.py "$CAT" "$WORK/hot-paths.txt" # first, so the gateways' misses find catalog's cache warm
python3 bench/warm.py "$GW" "$WORK/hot-paths.txt" "$KEY" &
python3 bench/warm.py "http://127.0.0.1:$GW3_PORT" "$WORK/hot-paths.txt" "$KEY"
wait $!
if [[ "$QUICK" != 1 ]]; then # JIT: a second of it would change nothing a smoke run looks at
  measure warmup gateway 0 "$GW" product.lua "$CONNS" "$WARMUP" "$HOT" "$P" "" "$KEY" >/dev/null 2>&1 || true
  for url in "http://127.0.0.1:$GW2_PORT" "http://127.0.0.1:$GW3_PORT" "http://127.0.0.1:$NGINX_PORT" "$CAT" "http://127.0.0.1:$CAT2_PORT"; do
    measure warmup x 0 "$url" product.lua "$CONNS" "$WARMUP" "$IDS" "$P" "" "$KEY" >/dev/null 2>&1 || true
  done
  measure warmup x 0 "http://127.0.0.1:$REF_PORT" product.lua "$CONNS" "$WARMUP" - /product >/dev/null 2>&1 || true
  warm_writes r2 "$(cat "$WORK/reference.pid")" "http://127.0.0.1:$REF_PORT" "$WORK/categories.txt" "" 0 /products REF
  # R2's rows, outside catalog's caches; vacuumed, since autovacuum may be off (it is here): the warm-up leaves
  # ~120,000 dead rows at the newest end of created_at, which scenario 11's newest-first ILIKE reference would
  # walk first
  "${PSQL[@]}" -c "DELETE FROM catalog.product WHERE sku LIKE 'REF-%'" -c "VACUUM (ANALYZE) catalog.product" >/dev/null
  measure warmup x 0 "http://127.0.0.1:$NGINX_PORT" product.lua "$CONNS" 2 - /product >/dev/null 2>&1 || true
fi

# Scenario 13's references: R3 reads the bytes catalog answers for each hot id, copied into Redis; R4 and catalog
# read the same keyset pages (pages 1-10 of each category's listing).
python3 bench/fill_cached.py "$CAT" "$HOT" bench:ref:product: 127.0.0.1 6379
python3 bench/keyset_pairs.py "http://127.0.0.1:$CAT2_PORT" "http://127.0.0.1:$REF_PORT" "$WORK/categories.txt" \
  "$([[ $QUICK == 1 ]] && echo 2 || echo 10)" "$WORK/keyset-catalog.txt" "$WORK/keyset-reference.txt"
if [[ "$QUICK" != 1 ]]; then
  measure warmup x 0 "http://127.0.0.1:$REF_PORT" product.lua "$CONNS" "$WARMUP" "$IDS" /products/ "" >/dev/null 2>&1 || true
fi

log "preparing listing cursors (page 500 by keyset) and the SQL references"
python3 bench/prepare.py "http://127.0.0.1:$CAT2_PORT" "$WORK" "$LISTINGS"

scrape_gw_metrics() { scrape http://127.0.0.1:9000/q/metrics "$WORK/gw-$1.prom"; }
scrape_catalog_metrics() { scrape http://127.0.0.1:9001/q/metrics "$WORK/cat-$1.prom"; }

for run in $(seq "$RUNS"); do
  log "run $run of $RUNS"
  scrape_gw_metrics s1-before-$run
  measure s1 gateway-hit "$run" "$GW" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "$KEY"
  scrape_gw_metrics s1-after-$run
  # R5 right after (issue 21 J), each warmed again first (catalog's max-age is shorter than the bench); what still
  # reached catalog during a measurement (its product cache lookups) gives each its hit ratio.
  for cache in nginx-cache:$NGINX_CACHE_PORT varnish-cache:$VARNISH_PORT; do
    python3 bench/warm.py "http://127.0.0.1:${cache#*:}" "$WORK/hot-paths.txt"
    scrape_catalog_metrics "s1-${cache%%:*}-before-$run"
    measure s1 "${cache%%:*}" "$run" "http://127.0.0.1:${cache#*:}" product.lua "$CONNS" "$DURATION" "$HOT" "$P" ""
    scrape_catalog_metrics "s1-${cache%%:*}-after-$run"
  done
  measure s1 bare-quarkus "$run" "http://127.0.0.1:$REF_PORT" product.lua "$CONNS" "$DURATION" - /product
  measure s1 nginx-static "$run" "http://127.0.0.1:$NGINX_PORT" product.lua "$CONNS" "$DURATION" - /product

  measure s2 gateway-nocache "$run" "http://127.0.0.1:$GW2_PORT" product.lua "$CONNS" "$DURATION" "$IDS" "$P" "" "$KEY"
  measure s2 nginx-proxy "$run" "http://127.0.0.1:$NGINX_PORT" product.lua "$CONNS" "$DURATION" "$IDS" "$P" ""
  measure s2 gateway-nocache-1conn "$run" "http://127.0.0.1:$GW2_PORT" product.lua 1 "$DURATION" "$IDS" "$P" "" "$KEY"
  measure s2 nginx-proxy-1conn "$run" "http://127.0.0.1:$NGINX_PORT" product.lua 1 "$DURATION" "$IDS" "$P" ""
  measure s2 catalog-1conn "$run" "$CAT" product.lua 1 "$DURATION" "$IDS" "$P" ""

  scrape_catalog_metrics s3-before-$run
  measure s3 catalog-redis "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" ""
  scrape_catalog_metrics s3-after-$run
  measure s3 catalog-nocache "$run" "http://127.0.0.1:$CAT2_PORT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" ""

  measure s4 view "$run" http://127.0.0.1:8082 paths.lua "$CONNS" "$DURATION" "$WORK/summary-paths.txt" ""
  pgbench_run s4 sql-aggregate "$run" bench/sql/category-summary.sql

  measure s5 keyset-page1 "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/page1-paths.txt" ""
  measure s5 keyset-page500 "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/page500-paths.txt" ""
  pgbench_run s5 sql-offset-page500 "$run" "$WORK"/offset-*.sql

  measure s11 search-page1 "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/search1-paths.txt" ""
  measure s11 search-page50 "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/search50-paths.txt" ""
  measure s11 search-words "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/search-words-paths.txt" ""
  pgbench_run s11 sql-ilike-ranked "$run" "$WORK"/search-ilike-ranked-*.sql
  measure s11 search-words-newest "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" \
    "$WORK/search-words-newest-paths.txt" ""
  pgbench_run s11 sql-ilike-newest "$run" "$WORK"/search-ilike-newest-*.sql
  measure s11 attr-filter "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/attr-paths.txt" ""
  pgbench_run s11 sql-attr-unindexed "$run" "$WORK"/attr-unindexed-*.sql

  measure s6 full "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$IDS" "$P" ""
  measure s6 sparse "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$IDS" "$P" "?fields=id,name,priceCents"

  # 13: catalog beside the plain Quarkus app a team would write instead (issue 21), each pair back to back
  REF=http://127.0.0.1:$REF_PORT
  measure s13 catalog-pg "$run" "http://127.0.0.1:$CAT2_PORT" product.lua "$CONNS" "$DURATION" "$IDS" "$P" ""
  measure s13 r1-panache "$run" "$REF" product.lua "$CONNS" "$DURATION" "$IDS" /products/ ""
  measure s13 catalog-redis "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" ""
  measure s13 r3-redis-get "$run" "$REF" product.lua "$CONNS" "$DURATION" "$HOT" /cached/ ""
  measure s13 sparse-hit "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "?fields=id,name,priceCents"
  measure s13 full-hit "$run" "$CAT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" ""
  measure s13 catalog-keyset "$run" "http://127.0.0.1:$CAT2_PORT" paths.lua "$CONNS" "$DURATION" "$WORK/keyset-catalog.txt" ""
  measure s13 r4-keyset "$run" "$REF" paths.lua "$CONNS" "$DURATION" "$WORK/keyset-reference.txt" ""

  measure s7 ratelimit-on "$run" "$GW" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "$KEY"
  measure s7 ratelimit-off "$run" "http://127.0.0.1:$GW3_PORT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "$KEY"
  measure s7 anonymous-on "$run" "$GW" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "" "$ANON_CLIENTS"
  measure s7 anonymous-off "$run" "http://127.0.0.1:$GW3_PORT" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "" "$ANON_CLIENTS"
done
curl -fsS "$CAT/api/catalog/products/$HOT_ID" -o "$WORK/s6-full.json"
curl -fsS "$CAT/api/catalog/products/$HOT_ID?fields=id,name,priceCents" -o "$WORK/s6-sparse.json"
echo "{\"kind\":\"bodies\",\"full\":$(wc -c <"$WORK/s6-full.json"),\"sparse\":$(wc -c <"$WORK/s6-sparse.json")}" >>"$RAW"

# Scenario 8: writes through the gateway with the outbox relay and aggregation running, then view lag at half rate.
# QUICK's writes are barely warmed (1 s warm-up): its runs get 3 s.
S8_DURATION=$((DURATION < 3 ? 3 : DURATION))
# Each run pairs them with R2 (issue 21 C): the same bodies persisted by the plain Quarkus app, straight into
# catalog.product (no outbox, no gateway); its rows (SKU REF-*) are deleted after the last run.
for run in $(seq "$RUNS"); do
  measure s8 writes "$run" "$GW" write.lua 16 "$S8_DURATION" "$WORK/categories.txt" "$KEY" 0
  wait_for_views
  measure s8 r2-persist "$run" "http://127.0.0.1:$REF_PORT" write.lua 16 "$S8_DURATION" "$WORK/categories.txt" "" 0 \
    /products REF
done
"${PSQL[@]}" -c "DELETE FROM catalog.product WHERE sku LIKE 'REF-%'" -c "VACUUM (ANALYZE) catalog.product" >/dev/null
WRITE_RATE=$(jq -s '[.[] | select(.scenario == "s8" and .variant == "writes") | (.requests - .non2xx) / .seconds] | sort | .[length / 2 | floor]' "$RAW")
PACE_CONNS=8
PAUSE_MS=$(python3 -c "print(max(1, int($PACE_CONNS * 1000 / max(1.0, $WRITE_RATE / 2))))")
log "writes: $WRITE_RATE/s at most; lag measured at half that rate ($PACE_CONNS connections, one write every $PAUSE_MS ms each)"
scrape http://127.0.0.1:9002/q/metrics "$WORK/agg-before.prom"
measure s8 writes-half-rate 1 "$GW" write.lua "$PACE_CONNS" "$((S8_DURATION * RUNS))" "$WORK/categories.txt" "$KEY" "$PAUSE_MS"
wait_for_views
scrape http://127.0.0.1:9002/q/metrics "$WORK/agg-after.prom"
# Scenario 8, freshness: a category then a product in it, one pair at a time, each timed until the product's card
# answers on aggregation's view route (issue 18: within 100 ms p99).
log "freshness: $FRESH_SAMPLES categories, each followed by a product, timed until the product's card is in the views"
python3 bench/fresh.py "$GW" http://127.0.0.1:8082 "$KEY" "$FRESH_SAMPLES" "$RAW"

# Scenario 10: a category change fans out to every card under it in batches while unrelated product writes flow at
# a quarter of the write rate (bench/fanout.py): rename the root of the largest tree, move a subtree of >= 10,000
# products (QUICK: >= 1,000) under another root, each undone after. Each change is PATCH /api/catalog/categories/{id}
# through the gateway (If-Match from a GET), timed from its 2xx until every card under it shows the change: catalog's
# outbox, the relay and the views' fan-out. Names and parents end as they began; versions move forward.
log "category fan-out: rename the largest tree's root, move a subtree under another root (and back)"
python3 bench/fanout.py --work "$WORK" --gateway "$GW" --key "$KEY" --move-min "$([[ $QUICK == 1 ]] && echo 1000 || echo 10000)" \
  --rate "$(python3 -c "print(max(5.0, $WRITE_RATE / 4))")"
wait_for_views

# Scenario 14 (issue 21 H): product reads through the caching gateway while PATCHes purge the same hot ids at
# H_RATE a second (bench/lua/patch.lua draws them like the reads, so the hottest entries are purged most), against
# the same reads without writes, back to back in each run. Then the hot ids are warmed again for scenario 9.
# The patches are paced open loop, each wrk thread on its own clock, with connections to spare for slow answers.
H_RATE=50
H_CONNS=16
H_THREADS=$((H_CONNS < THREADS ? H_CONNS : THREADS))
log "reads under writes: $CONNS connections reading the hot ids, $H_CONNS patching them ($H_RATE/s)"
# A PATCH runs code no earlier scenario ran (the merge patch, If-Match, the update): cold, catalog's C2 compiler took
# half its CPU for the first minute of patches at this rate and reads under them fell to a twentieth of quiet reads
# (by hand, 2026-12-04). So 3 x WARMUP s of the same patches first, then the purged hot ids are warmed again.
if [[ "$QUICK" != 1 ]]; then
  measure warmup patches 0 "$GW" patch.lua "$H_CONNS" "$((3 * WARMUP))" "$HOT" "$P" "$KEY" $((H_THREADS * 1000 / H_RATE)) \
    >/dev/null 2>&1 || true
  wait_for_views
  python3 bench/warm.py "$GW" "$WORK/hot-paths.txt" "$KEY"
fi
for run in $(seq "$RUNS"); do
  measure s14 reads-quiet "$run" "$GW" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "$KEY"
  scrape_gw_metrics s14-before-$run
  measure s14 patches "$run" "$GW" patch.lua "$H_CONNS" "$DURATION" "$HOT" "$P" "$KEY" $((H_THREADS * 1000 / H_RATE)) &
  measure s14 reads-under-writes "$run" "$GW" product.lua "$CONNS" "$DURATION" "$HOT" "$P" "" "$KEY"
  wait $!
  scrape_gw_metrics s14-after-$run
done
wait_for_views
python3 bench/warm.py "$GW" "$WORK/hot-paths.txt" "$KEY"

# Scenario 9: overload step on the gateway (cache hits), in 1-second wrk slices: baseline at the bench's
# concurrency, then twice the connections against max-in-flight=$MAX_IN_FLIGHT, then baseline again.
kill "$SAMPLER" 2>/dev/null; SAMPLER=
overload_phase() { # PHASE SECONDS CONNS
  local i
  for i in $(seq "$2"); do
    measure s9 "$1" "$i" "$GW" product.lua "$3" 1 "$HOT" "$P" "" "$KEY" 2>/dev/null
  done
}
log "overload step: ${OVER_BASE} s at $CONNS connections, ${OVER_STEP} s at $((2 * CONNS)), ${OVER_AFTER} s at $CONNS"
scrape_gw_metrics s9-base-before
overload_phase baseline "$OVER_BASE" "$CONNS"
scrape_gw_metrics s9-base-after
scrape_gw_metrics s9-step-before
overload_phase step "$OVER_STEP" $((2 * CONNS))
scrape_gw_metrics s9-step-after
overload_phase after "$OVER_AFTER" "$CONNS"

# 12. Tracing on (10 % and 0 % sampled) against off, gateway cache hits and catalog Redis hits (issue 22 item 5):
# bench/tracing-ab.sh starts catalogs and gateways of its own on 18401-18523, interleaves the rounds, stops them.
# 10 rounds: on this host one jar's rounds vary by up to 2x, and 5 left the medians within that noise (run 19).
log "12 tracing: CPU per request and req/s, off vs on"
PORT_BASE=18400 DB=scaling_suite PREFIX=bench-tracing ROUNDS=$((RUNS == 1 ? 1 : 10)) RUN_SECONDS="$DURATION" CONNS="$CONNS" OUT="$RAW" \
  bench/tracing-ab.sh >&2 || log "12 tracing did not complete"

# Profiles: where the gateway's CPU goes on a cache hit and as a proxy, beside its references (QUICK: the hit only).
: >"$WORK/profiles.jsonl"
log "profiles: CPU per request, then JFR, of the gateway $([[ $QUICK == 1 ]] && echo "(hit only)" || echo "(hit, proxy) and of its references")"
profile() { bench/profile.sh "$WORK/profiles.jsonl" "$1" "$DURATION" "$CONNS" "${@:2}"; }
profile gateway-hit "$(cat .run/gateway.pid)" "$GW" product.lua "$HOT" "$P" "" "$KEY"
if [[ "$QUICK" != 1 ]]; then
  profile bare-quarkus "$(cat "$WORK/reference.pid")" "http://127.0.0.1:$REF_PORT" product.lua - /product
  profile gateway-proxy "$(cat "$WORK/gateway-nocache.pid")" "http://127.0.0.1:$GW2_PORT" product.lua "$IDS" "$P" "" "$KEY"
  profile nginx-proxy "$(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | tr '\n' ' ')" "http://127.0.0.1:$NGINX_PORT" \
    product.lua "$IDS" "$P" ""
fi

log "writing the report"
python3 bench/report.py "$WORK" "$QUICK" "$(hostname)" "$RUNS" "$DURATION" "$CONNS" "$THREADS" "$MAX_IN_FLIGHT"
log "done: bench/results/ (the suite and the references are stopped on exit)"
