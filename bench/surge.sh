#!/usr/bin/env bash
# `make bench-surge`: a traffic surge end to end (issue 20 item 4). The gateway Deployment of the rendered chart runs as
# podman containers (the chart's image, limits and securityContext; bench/containers-lib.sh) behind a Service
# stand-in (nginx whose upstream follows the Ready containers), scaled by the ported HPA controller
# (deploy-tests io.scalingsuite.deploy.autoscaling) every 15 s on each container's cgroup CPU and memory, under a
# load that steps from 1x to 4x one pod's measured capacity and back (wrk paced by bench/lua/surge.lua). Catalog runs
# as one container of its own (it serves the gateway's near-cache misses). Writes
# bench/results/<UTC date>-<HHMMSS>-<host>-surge.md and .png (bench/surge_report.py).
#
# Isolation: PostgreSQL database $DB (created and seeded with $PRODUCTS demo products when missing), Redis logical db
# $REDIS_DB (flushed at start and end) and its own purge channel, ports 29000-29199 (SURGE_PORT_BASE; below the ephemeral range, 32768 and up here, so no outgoing connection takes a new pod's port before it binds). Phases:
# PHASES=name:seconds:multiple,... (default baseline:60:1,surge:150:4,after:720:1; the last ends 30 s after the HPA
# is back at minReplicas). One pod's capacity is measured (2xx answers per CPU-second at 300 req/s, best of three
# 10-s windows, x the pod's CPU request); CAPACITY=<req/s> replaces it (the measured one is still logged). About 17
# minutes with the chart's 300 s scale-down window. SET=key=value,...: the chart rendered with these --set values
# (e.g. SET=gateway.autoscaling.targetRequestsPerSecond=120: the HPA also gets the per-pod requests-per-second Pods
# metric, served here from the Service stand-in's log per upstream, as the Prometheus Adapter would serve it).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-surge_bench}
REDIS_DB=${REDIS_DB:-9}
PRODUCTS=${PRODUCTS:-2000}
BASE=${SURGE_PORT_BASE:-29000}
PHASES=${PHASES:-baseline:60:1,surge:150:4,after:720:1}
CONNECTIONS=${CONNECTIONS:-64}
VALUES=helm/scaling-suite/values.yaml
KEY=ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610 # the gateway's local-profile key (Makefile DEV_KEY)
PURGE=surge-bench:purge
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB
PSQL=(psql -X -q -h 127.0.0.1 -U postgres)
LB_PORT=$((BASE + 190)) CAT_HTTP=$((BASE + 191)) CAT_MGMT=$((BASE + 192)) NO_VIEWS=$((BASE + 193))
CATALOG=surge-catalog
STAMP=$(date -u +%Y-%m-%d-%H%M%S)
RESULT=bench/results/$STAMP-$(hostname)-surge
WORK=$(mktemp -d /tmp/surge.XXXXXX)
COMMAND="${BENCH_COMMAND:-bench/surge.sh} (PHASES=$PHASES CONNECTIONS=$CONNECTIONS${CAPACITY:+ CAPACITY=$CAPACITY}${SET:+ SET=$SET})"

log() { echo "[surge $(date -u +%H:%M:%S)] $*" >&2; }
fail() { log "$*"; exit 1; }
rcli() { redis-cli -h 127.0.0.1 -n "$REDIS_DB" "$@"; }
cleanup() {
  local rc=$?
  [[ -n ${DRIVER:-} ]] && kill "$DRIVER" 2>/dev/null && sleep 3 || true
  [[ -n ${LOADAVG:-} ]] && kill "$LOADAVG" 2>/dev/null || true
  podman rm -f -t 5 "$CATALOG" >/dev/null 2>&1 || true
  podman ps -a --format '{{.Names}}' | grep '^surge-gw-' | xargs -r podman rm -f -t 5 >/dev/null 2>&1 || true
  [[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rcli FLUSHDB >/dev/null 2>&1 || true
  # kept when the run failed (e.g. in its report), so the measurements can be reported again by hand
  if [[ -n ${KEEP_WORK:-} || $rc != 0 ]]; then log "measurements kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT INT TERM

# shellcheck source=bench/containers-lib.sh
source bench/containers-lib.sh

for tool in wrk nginx redis-cli podman python3; do command -v "$tool" >/dev/null || fail "$tool missing"; done
# The report plots with matplotlib: checked now, not after a 17-minute run
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { log "installing python3-matplotlib (apt-get)"
  apt-get install -y -qq --no-install-recommends python3-matplotlib >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-matplotlib >/dev/null; } ||
    fail "python3-matplotlib missing (apt-get install python3-matplotlib)"; }
rcli PING >/dev/null || fail "no Redis on 127.0.0.1:6379"
for p in "$LB_PORT" "$CAT_HTTP" "$CAT_MGMT"; do ! ss -ltn "sport = :$p" | grep -q LISTEN || fail "port $p is taken"; done
CAT_IMAGE=$(chart_image catalog) || fail "no catalog image: make images"
GW_IMAGE=$(chart_image gateway) || fail "no gateway image: make images"
"${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  { log "creating database $DB"; "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"; }
rcli FLUSHDB >/dev/null
INTERNAL_KEYS="surge:$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
COMMON_ENV=(QUARKUS_REDIS_HOSTS="redis://127.0.0.1:6379/$REDIS_DB" SUITE_INTERNAL_AUTH_KEYS="$INTERNAL_KEYS")

# catalog: one container, as the chart's pod spec would run it
mapfile -t args < <(pod_args catalog "$CATALOG")
for e in "${COMMON_ENV[@]}" QUARKUS_HTTP_PORT="$CAT_HTTP" QUARKUS_MANAGEMENT_PORT="$CAT_MGMT" \
  QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
  CATALOG_CACHE_PURGE_CHANNEL="$PURGE"; do args+=(-e "$e"); done
podman rm -f "$CATALOG" >/dev/null 2>&1 || true
log "starting catalog ($CAT_IMAGE)"
podman "${args[@]}" "$CAT_IMAGE" >/dev/null
for _ in $(seq 600); do
  curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$CAT_MGMT/q/health/ready" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null -m 2 "http://127.0.0.1:$CAT_MGMT/q/health/ready" || { podman logs --tail 30 "$CATALOG" >&2; fail "catalog not ready"; }

count=$("${PSQL[@]}" -d "$DB" -tAc 'SELECT count(*) FROM catalog.product')
if ((count == 0)); then
  [[ -s demo-data/target/classpath.txt ]] || { log "packaging demo-data"; mvn -B -o -q -pl demo-data -am -DskipTests package; }
  log "seeding $DB with $PRODUCTS demo products"
  java -cp "demo-data/target/classes:$(cat demo-data/target/classpath.txt)" io.scalingsuite.demodata.Seeder \
    --jdbc-url "$JDBC_URL" --user postgres --redis "127.0.0.1:6379/$REDIS_DB" --key-prefix catalog \
    --purge-channel "$PURGE" --products "$PRODUCTS" --if-empty 2>&1 | tail -2 >&2
fi
"${PSQL[@]}" -d "$DB" -tAc "SELECT id FROM catalog.product ORDER BY md5(id::text)" >"$WORK/ids.txt"

# gateway: the argument template the driver starts each replica from ({NAME}, {HTTP}, {MGMT})
{
  pod_args gateway '{NAME}'
  for e in "${COMMON_ENV[@]}" QUARKUS_HTTP_PORT='{HTTP}' QUARKUS_MANAGEMENT_PORT='{MGMT}' QUARKUS_PROFILE=prod,local \
    GATEWAY_CACHE_PURGE_CHANNEL="$PURGE" GATEWAY_ROUTES_CATALOG_UPSTREAMS="127.0.0.1:$CAT_HTTP" \
    GATEWAY_ROUTES_CATALOG_OPENAPI="http://127.0.0.1:$CAT_MGMT/q/openapi?format=json" \
    GATEWAY_ROUTES_VIEWS_UPSTREAMS="127.0.0.1:$NO_VIEWS" \
    GATEWAY_ROUTES_VIEWS_OPENAPI="http://127.0.0.1:$NO_VIEWS/q/openapi?format=json" \
    GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000 \
    GATEWAY_CACHE_NEAR_MAX_BYTES="$(chart_value gateway nearCacheMaxBytes)"; do
    printf '%s\n' -e "$e"
  done
  echo "$GW_IMAGE"
} >"$WORK/gateway.args"

log "driver: $(wc -l <"$WORK/ids.txt") products; phases $PHASES; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$WORK/loadavg-start"
(while sleep 5; do echo "$(date +%s) $(cut -d' ' -f1 /proc/loadavg)" >>"$WORK/loadavg.tsv"; done) &
LOADAVG=$!
mvn -B -o -q -pl deploy-tests compile >&2
java -cp "deploy-tests/target/classes:$(cat deploy-tests/target/classpath.txt)" io.scalingsuite.deploy.surge.SurgeMain \
  --root "$PWD" --work "$WORK" --port "$LB_PORT" --base-port "$BASE" --key "$KEY" --phases "$PHASES" \
  --connections "$CONNECTIONS" ${CAPACITY:+--capacity "$CAPACITY"} ${SET:+--set "$SET"} >&2 &
DRIVER=$!
wait "$DRIVER" # in the background, so a signal runs the cleanup at once
DRIVER=
kill "$LOADAVG" 2>/dev/null || true
LOADAVG=
/usr/bin/python3 bench/surge_report.py "$WORK" "$RESULT" "$COMMAND"
log "wrote $RESULT.md and $RESULT.png"
