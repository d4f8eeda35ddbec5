#!/usr/bin/env bash
# `make bench-containers`: the three services as the chart runs them, one podman container each, under the chart's
# memory and CPU limits and its securityContext, each loaded in turn with the bench's heaviest load for it; records
# per service start-to-ready, the container's peak memory (its cgroup) against the chart's limit, and OOM kills:
# bench/results/<UTC date>-<HHMMSS>-<host>-containers.md. Not part of `make test` (a few minutes, needs podman).
#
# What is real: the images (`make images`), --memory/--cpus from helm/scaling-suite/values.yaml's resources.limits,
# read-only root with a tmpfs /tmp, UID/GID from podSecurityContext, --cap-drop=ALL, no-new-privileges, the
# readiness probe's URL. What differs from a pod: host networking (each container on its own ports, 18080-18082
# and 19000-19002, since 8080-8082 belong to `make run`); the gateway runs with QUARKUS_PROFILE=prod,local for the
# development API key (the chart's pods get keys from a Secret); limits come from the chart's defaults.
#
# Isolation: PostgreSQL database $DB (created and seeded with the demo data when missing, kept between runs so a
# re-run skips the 100k-product seed), Redis logical db $REDIS_DB (flushed at start and at the end), its own purge
# channel. DURATION=<s> per load (default 45), CONNS (default 32); LOADS=0: start-up only (no wrk);
# RESTART=0: no second start; SKIP_IMAGES=1: use the images as they are (no `make images`).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-ctr_bench}
REDIS_DB=${REDIS_DB:-7}
DURATION=${DURATION:-45}
CONNS=${CONNS:-32}
THREADS=2
VALUES=helm/scaling-suite/values.yaml
KEY=ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610 # the gateway's local-profile key (Makefile DEV_KEY)
PURGE=ctr-bench:purge
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB
PSQL=(psql -X -q -h 127.0.0.1 -U postgres)
declare -A HTTP=([catalog]=18081 [aggregation]=18082 [gateway]=18080)
declare -A MGMT=([catalog]=19001 [aggregation]=19002 [gateway]=19000)
declare -A MODULE=([catalog]=catalog-service [aggregation]=aggregation-service [gateway]=gateway)
COMPONENTS=(catalog aggregation gateway)
WORK=$(mktemp -d /tmp/ctr-bench.XXXXXX)
STAMP=$(date -u +%Y-%m-%d-%H%M%S)
RESULT=bench/results/$STAMP-$(hostname)-containers.md
COMMAND="${BENCH_COMMAND:-bench/containers.sh} (DURATION=$DURATION CONNS=$CONNS${SKIP_IMAGES:+ SKIP_IMAGES=$SKIP_IMAGES}${LOADS:+ LOADS=$LOADS}${RESTART:+ RESTART=$RESTART})"

log() { echo "[containers $(date -u +%H:%M:%S)] $*" >&2; }
fail() { log "$*"; exit 1; }
rcli() { redis-cli -h 127.0.0.1 -n "$REDIS_DB" "$@"; }

cleanup() {
  local c
  local s; for s in "${SAMPLERS[@]}"; do kill "$s" 2>/dev/null || true; done
  for c in "${COMPONENTS[@]}"; do podman rm -f -t 5 "ctr-bench-$c" >/dev/null 2>&1 || true; done
  rcli FLUSHDB >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# shellcheck source=bench/containers-lib.sh
source bench/containers-lib.sh

command -v wrk >/dev/null || fail "wrk missing (apt-get install wrk; make bench installs it)"
command -v redis-cli >/dev/null || fail "redis-cli missing (apt-get install redis-tools)"
rcli PING >/dev/null || fail "no Redis on 127.0.0.1:6379"
"${PSQL[@]}" -d postgres -c 'SELECT 1' >/dev/null || fail "no PostgreSQL on 127.0.0.1:5432"
for c in "${COMPONENTS[@]}"; do
  for p in "${HTTP[$c]}" "${MGMT[$c]}"; do
    ! ss -ltn "sport = :$p" | grep -q LISTEN || fail "port $p is taken"
  done
done

if [[ ${SKIP_IMAGES:-0} != 1 ]]; then
  log "make images"
  make -s images >&2
fi
command -v podman >/dev/null || fail "podman missing (make images installs it)"
declare -A IMAGE
for c in "${COMPONENTS[@]}"; do
  IMAGE[$c]=$(chart_image "$c") || fail "no image for $c: make images"
done

"${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  { log "creating database $DB"; "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"; }
rcli FLUSHDB >/dev/null
INTERNAL_KEYS="ctr:$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"

# The cgroup (v1 or v2) memory directory of a running container.
memory_cgroup() { cgroup_dir memory "ctr-bench-$1"; }

# sample COMPONENT DIR: every 0.5 s, usage, working set (usage - inactive file: what the kubelet reports and evicts
# on) and anonymous RSS, in bytes, one TSV line each to $WORK/COMPONENT.mem.
sample() {
  local c=$1 dir=$2 usage stat inactive rss
  while :; do
    if [[ -f $dir/memory.current ]]; then
      usage=$(<"$dir/memory.current")
      stat=$(<"$dir/memory.stat")
      inactive=$(awk '$1 == "inactive_file" { print $2 }' <<<"$stat")
      rss=$(awk '$1 == "anon" { print $2 }' <<<"$stat")
    else
      usage=$(<"$dir/memory.usage_in_bytes") || break
      stat=$(<"$dir/memory.stat")
      inactive=$(awk '$1 == "total_inactive_file" { print $2 }' <<<"$stat")
      rss=$(awk '$1 == "total_rss" { print $2 }' <<<"$stat")
    fi
    printf '%s\t%s\t%s\t%s\n' "$(date +%s)" "$usage" "$((usage - ${inactive:-0}))" "${rss:-0}" >>"$WORK/$c.mem"
    sleep 0.5
  done
}

# start COMPONENT [ENV=VALUE...]: runs the container as the chart's pod spec would, waits for the readiness URL.
start() {
  local c=$1 mem t0 t1 ready=
  shift
  mem=$(chart_value "$c" resources limits memory)
  LIMIT[$c]=$mem
  local env=(QUARKUS_HTTP_PORT="${HTTP[$c]}" QUARKUS_MANAGEMENT_PORT="${MGMT[$c]}" QUARKUS_SHUTDOWN_DELAY=PT0S
    QUARKUS_REDIS_HOSTS="redis://127.0.0.1:6379/$REDIS_DB" SUITE_INTERNAL_AUTH_KEYS="$INTERNAL_KEYS" "$@")
  local args
  mapfile -t args < <(pod_args "$c" "ctr-bench-$c")
  ((${#args[@]} > 0)) || fail "no pod spec for $c"
  local e
  for e in "${env[@]}"; do args+=(-e "$e"); done
  log "starting $c (${IMAGE[$c]}, limits from $VALUES: ${args[*]:5:6})"
  podman rm -f "ctr-bench-$c" >/dev/null 2>&1 || true
  t0=$(date +%s.%N)
  podman "${args[@]}" "${IMAGE[$c]}" >/dev/null
  for _ in $(seq 1200); do
    if curl -fsS -o /dev/null -m 2 "http://127.0.0.1:${MGMT[$c]}/q/health/ready" 2>/dev/null; then ready=1; break; fi
    [[ $(podman inspect -f '{{.State.Running}}' "ctr-bench-$c") == true ]] || break
    sleep 0.1
  done
  t1=$(date +%s.%N)
  [[ -n $ready ]] || { podman logs --tail 40 "ctr-bench-$c" >&2; fail "$c not ready"; }
  READY[$c]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  STARTED[$c]=$(podman logs "ctr-bench-$c" 2>&1 | sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' | head -1)
  log "$c ready in ${READY[$c]} s (Quarkus: started in ${STARTED[$c]:-?} s)"
  sample "$c" "$(memory_cgroup "$c")" &
  SAMPLERS[$c]=$!
}

# load NAME URL SCRIPT CONNS [ARGS...]: one bounded wrk run; its JSON line into $WORK/loads.jsonl, its span in
# $WORK/phases.tsv (the memory peaks are read per phase from the samples).
load() {
  local name=$1 url=$2 script=$3 conns=$4 t0 out
  shift 4
  log "load $name: wrk -c$conns -d${DURATION}s $script $url"
  t0=$(date +%s)
  out=$(wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 5s -s "bench/lua/$script" "$url" -- "$@" 2>&1) ||
    { echo "$out" >&2; fail "wrk failed ($name)"; }
  printf '%s\t%s\t%s\n' "$name" "$t0" "$(date +%s)" >>"$WORK/phases.tsv"
  echo "$name $(sed -n 's/^JSON //p' <<<"$out")" >>"$WORK/loads.jsonl"
  log "  $(sed -n 's/^JSON //p' <<<"$out")"
}

declare -A LIMIT READY STARTED SAMPLERS
CAT_ENV=(QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
  CATALOG_CACHE_PURGE_CHANNEL="$PURGE")
start catalog "${CAT_ENV[@]}"

count=$("${PSQL[@]}" -d "$DB" -tAc 'SELECT count(*) FROM catalog.product')
if ((count == 0)); then
  [[ -s demo-data/target/classpath.txt ]] || { log "packaging demo-data"; mvn -B -o -q -pl demo-data -am -DskipTests package; }
  log "seeding $DB with the demo data (scripts/seed.sh's seeder)"
  java -cp "demo-data/target/classes:$(cat demo-data/target/classpath.txt)" io.scalingsuite.demodata.Seeder \
    --jdbc-url "$JDBC_URL" --user postgres --redis "127.0.0.1:6379/$REDIS_DB" --key-prefix catalog \
    --purge-channel "$PURGE" --if-empty 2>&1 | tail -3 >&2
fi

AGG_ENV=(QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_DATASOURCE_PASSWORD= AGGREGATION_CATALOG_URL="http://127.0.0.1:${HTTP[catalog]}"
  AGGREGATION_HTTP_PURGE_CHANNEL="$PURGE")
start aggregation "${AGG_ENV[@]}"
GW_ENV=(QUARKUS_PROFILE=prod,local GATEWAY_CACHE_PURGE_CHANNEL="$PURGE"
  GATEWAY_ROUTES_CATALOG_UPSTREAMS="127.0.0.1:${HTTP[catalog]}" GATEWAY_ROUTES_VIEWS_UPSTREAMS="127.0.0.1:${HTTP[aggregation]}" \
  GATEWAY_ROUTES_CATALOG_OPENAPI="http://127.0.0.1:${MGMT[catalog]}/q/openapi?format=json" \
  GATEWAY_ROUTES_VIEWS_OPENAPI="http://127.0.0.1:${MGMT[aggregation]}/q/openapi?format=json" \
  GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000 GATEWAY_CACHE_NEAR_MAX_BYTES="$(chart_value gateway nearCacheMaxBytes)")
start gateway "${GW_ENV[@]}"
GW=http://127.0.0.1:${HTTP[gateway]}

# Views: rebuilt from catalog's snapshot when empty (a fresh database; the seeder writes no events).
if curl -fsS "http://127.0.0.1:${HTTP[aggregation]}/api/views/products?limit=1" | grep -q '"items":\[\]'; then
  log "rebuilding the views from catalog's snapshot"
  curl -fsS -o /dev/null -X POST -H "X-API-Key: $KEY" "$GW/api/views/admin/rebuild"
  for _ in $(seq 600); do
    state=$(curl -fsS -H "X-API-Key: $KEY" "$GW/api/views/admin/rebuild" | sed -n 's/.*"state":"\([a-z]*\)".*/\1/p')
    [[ $state == done || $state == failed ]] && break
    sleep 1
  done
  log "views: ${state:-unknown}"
fi

"${PSQL[@]}" -d "$DB" -tAc "SELECT id FROM catalog.product WHERE sku NOT LIKE 'BENCH-%' ORDER BY md5(id::text)" >"$WORK/ids.txt"
"${PSQL[@]}" -d "$DB" -tAc "SELECT id FROM catalog.category ORDER BY id" >"$WORK/categories.txt"
sed 's|^|/api/views/categories/|; s|$|/summary|' "$WORK/categories.txt" >"$WORK/summary-paths.txt"
sed 's|^|/api/views/products/|' "$WORK/ids.txt" >"$WORK/view-paths.txt"
cat "$WORK/summary-paths.txt" "$WORK/view-paths.txt" >"$WORK/views.txt"
log "$(wc -l <"$WORK/ids.txt") products, $(wc -l <"$WORK/categories.txt") categories"
sleep 5 # idle baseline after start-up
printf 'idle\t%s\t%s\n' "$(($(date +%s) - 5))" "$(date +%s)" >>"$WORK/phases.tsv"

# One load at a time (the machine has 2 cores): reads over all 100k ids through the gateway (Zipf-like: its near
# cache and catalog's Redis cache both fill), writes through the gateway (catalog's outbox, aggregation's consumer),
# then aggregation's view routes directly (category summaries and product cards).
if [[ ${LOADS:-1} == 1 ]]; then
  load gateway-reads "$GW" product.lua "$CONNS" "$WORK/ids.txt" /api/catalog/products/ "" "$KEY"
  load gateway-writes "$GW" write.lua 16 "$WORK/categories.txt" "$KEY" 0
  load aggregation-views "http://127.0.0.1:${HTTP[aggregation]}" paths.lua "$CONNS" "$WORK/views.txt" ""
fi
sleep 2

for c in "${COMPONENTS[@]}"; do kill "${SAMPLERS[$c]}" 2>/dev/null || true; done
wait 2>/dev/null || true
declare -A OOM
for c in "${COMPONENTS[@]}"; do
  OOM[$c]=$(podman inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Running}}' "ctr-bench-$c")
done

# A second start of each, as a new pod of a scale-up starts: schema migrated, data in place, the machine's page
# cache warm with the image. The first start above also ran catalog's and aggregation's migrations when new.
declare -A FIRST_READY FIRST_STARTED
for c in "${COMPONENTS[@]}"; do FIRST_READY[$c]=${READY[$c]}; FIRST_STARTED[$c]=${STARTED[$c]}; done
if [[ ${RESTART:-1} == 1 ]]; then
  podman stop -t 10 "ctr-bench-gateway" "ctr-bench-aggregation" >/dev/null
  start aggregation "${AGG_ENV[@]}"
  start gateway "${GW_ENV[@]}"
  podman stop -t 10 "ctr-bench-catalog" >/dev/null
  start catalog "${CAT_ENV[@]}"
  for c in "${COMPONENTS[@]}"; do kill "${SAMPLERS[$c]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
fi

# peak FILE COLUMN [FROM TO]: the largest value of COLUMN (2 usage, 3 working set, 4 rss) in MiB, optionally in a span
peak() {
  awk -F'\t' -v col="$2" -v from="${3:-0}" -v to="${4:-9999999999}" \
    '$1 >= from && $1 <= to && $col > m { m = $col } END { printf "%.0f", m / 1048576 }' "$1"
}

{
  echo "# Containers under the chart's limits: $(date -u '+%Y-%m-%d %H:%M') UTC, $(hostname)"
  echo
  echo "Command: \`$COMMAND\` ($(nproc) cores, $(podman --version), base image $(podman inspect -f '{{.Id}}' \
    "${IMAGE[gateway]}" | cut -c1-12) FROM localhost/debian-jre:17)."
  echo
  echo "Each service ran as one podman container with helm/scaling-suite/values.yaml's resources.limits (--memory,"
  echo "--cpus), its securityContext (--read-only with a tmpfs /tmp, --user from podSecurityContext, --cap-drop ALL,"
  echo "no-new-privileges), host networking on ports 18080-18082/19000-19002, PostgreSQL database \`$DB\` (100k demo"
  echo "products) and Redis db $REDIS_DB. Loads one at a time, ${DURATION} s each, wrk -t$THREADS: gateway product reads"
  echo "(product.lua over every id, -c$CONNS), gateway writes (write.lua, -c16), aggregation's view routes directly"
  echo "(paths.lua over the category summaries and product cards, -c$CONNS)."
  echo
  echo "Peak memory is sampled every 0.5 s from each container's memory cgroup over the whole run: *working set*"
  echo "(usage minus inactive page cache, what the kubelet reports and evicts on) and *usage* (what the limit's OOM"
  echo "killer charges, page cache included, which the kernel reclaims before killing). Goal: working set <= 80 % of"
  echo "the limit. Start-to-ready: from \`podman run\` to the readiness probe's URL (/q/health/ready) answering 200, polled"
  echo "every 0.1 s; first start (a new database also runs catalog's and aggregation's migrations then), and a restart"
  echo "after the loads (as a scale-up's new pod starts). The machine's load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| service | limit | peak working set | peak ÷ limit | peak usage | peak anon RSS | start-to-ready, first start (s) | start-to-ready, restart (s) | Quarkus \"started in\", first / restart (s) | OOM kills |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for c in "${COMPONENTS[@]}"; do
    limit_mib=$(($(mem_bytes "${LIMIT[$c]}") / 1048576))
    ws=$(peak "$WORK/$c.mem" 3) usage=$(peak "$WORK/$c.mem" 2) rss=$(peak "$WORK/$c.mem" 4)
    oom=${OOM[$c]}
    kills=0
    [[ $oom == true* || $oom == *" 137 "* ]] && kills=1
    [[ $oom == *false ]] && kills="$kills (not running: $oom)"
    echo "| ${MODULE[$c]} | ${LIMIT[$c]} | ${ws} MiB | $(awk -v a="$ws" -v b="$limit_mib" 'BEGIN { printf "%.0f %%", 100 * a / b }') | ${usage} MiB | ${rss} MiB | ${FIRST_READY[$c]} | $([[ ${RESTART:-1} == 1 ]] && echo "${READY[$c]}" || echo -) | ${FIRST_STARTED[$c]:-?} / $([[ ${RESTART:-1} == 1 ]] && echo "${STARTED[$c]:-?}" || echo -) | $kills |"
  done
  echo
  echo "Peak working set (MiB) per phase:"
  echo
  echo "| phase | $(IFS='|'; echo "${COMPONENTS[*]}" | sed 's/|/ | /g') | wrk req/s | p99 (ms) | errors (non-2xx + socket) |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r name from to; do
    row="| $name"
    for c in "${COMPONENTS[@]}"; do row+=" | $(peak "$WORK/$c.mem" 3 "$from" "$to")"; done
    json=$(sed -n "s/^$name //p" "$WORK/loads.jsonl" 2>/dev/null || true)
    if [[ -n $json ]]; then
      row+=" | $(jq -r '.rps' <<<"$json") | $(jq -r '.p99' <<<"$json") | $(jq -r '.non2xx + .connect + .read + .write + .timeout' <<<"$json")"
    else
      row+=" | | | "
    fi
    echo "$row |"
  done <"$WORK/phases.tsv"
} >"$RESULT"
log "wrote $RESULT"
cat "$RESULT"
