#!/usr/bin/env bash
# `make bench-startup` (issue 20 item 5): start-to-ready of each service's image under the chart's limits and
# securityContext, with its build-time AppCDS archive and without (--build-arg APPCDS=false), beside the bare Quarkus
# reference (bench/reference-quarkus: REST Jackson, Hibernate ORM Panache on PostgreSQL, the Redis client) built on
# the same base by its own Dockerfile, without AppCDS (what a team would ship) and with it. One container at a time;
# ROUNDS interleaved rounds (default 5, the order rotated each round) after one uncounted warm-up round (migrations,
# page cache). Writes bench/results/<UTC date>-<HHMMSS>-<host>-startup.md: medians, min-max, and per-round ratios.
#
# Ready: a service's readiness probe URL (/q/health/ready: PostgreSQL and Redis checked) answering 200; the
# reference has no health extension, so its first answer to GET /products/<unknown id>, a 404 after a real
# PostgreSQL query. Both polled every 50 ms from `podman run`. SKIP_IMAGES=1: the chart's images as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DB=${DB:-ctr_bench}
REDIS_DB=${REDIS_DB:-7}
VALUES=helm/scaling-suite/values.yaml
BASE_IMAGE=${BASE_IMAGE:-localhost/debian-jre:17}
REFERENCE=localhost/scaling-suite-bench/reference-quarkus
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB
PSQL=(psql -X -q -h 127.0.0.1 -U postgres)
declare -A HTTP=([catalog]=18081 [aggregation]=18082 [gateway]=18080 [reference]=18090)
declare -A MGMT=([catalog]=19001 [aggregation]=19002 [gateway]=19000)
declare -A MODULE=([catalog]=catalog-service [aggregation]=aggregation-service [gateway]=gateway)
WORK=$(mktemp -d /tmp/startup-bench.XXXXXX)
RESULT=bench/results/$(date -u +%Y-%m-%d-%H%M%S)-$(hostname)-startup.md
NAME=startup-bench

log() { echo "[startup $(date -u +%H:%M:%S)] $*" >&2; }
fail() { log "$*"; exit 1; }
cleanup() {
  podman rm -f -t 5 "$NAME" >/dev/null 2>&1 || true
  redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
# shellcheck source=bench/containers-lib.sh
source bench/containers-lib.sh

[[ ${SKIP_IMAGES:-0} == 1 ]] || { log "make images"; make -s images >&2; }
command -v podman >/dev/null || fail "podman missing (make images installs it)"
"${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 ||
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
declare -A IMAGE
for c in catalog aggregation gateway; do
  IMAGE[$c:cds]=$(chart_image "$c") || fail "no image for $c: make images"
  log "building ${IMAGE[$c:cds]}-nocds (APPCDS=false)"
  podman build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg APPCDS=false \
    -f "${MODULE[$c]}/src/main/docker/Dockerfile.jvm" -t "${IMAGE[$c:cds]}-nocds" "${MODULE[$c]}" >/dev/null
  IMAGE[$c:nocds]=${IMAGE[$c:cds]}-nocds
done
log "packaging and building the reference ($REFERENCE:cds, :nocds)"
# With Quarkus's AppCDS step in the package (as the services' application.properties have it), so the image's training
# run can stop after static init; the image without AppCDS never runs it.
mvn -B -o -q -f bench/reference-quarkus/pom.xml -DskipTests package -Dquarkus.package.jar.appcds.enabled=true \
  -Dquarkus.package.jar.appcds.use-container=false
for v in cds nocds; do
  podman build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "APPCDS=$([[ $v == cds ]] && echo true || echo false)" \
    -f bench/reference-quarkus/src/main/docker/Dockerfile.jvm -t "$REFERENCE:$v" bench/reference-quarkus >/dev/null
  IMAGE[reference:$v]=$REFERENCE:$v
done

KEYS="startup:$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
DSN=(QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=)
declare -A ENV=(
  [catalog]="${DSN[*]}"
  [aggregation]="${DSN[*]} AGGREGATION_CATALOG_URL=http://127.0.0.1:${HTTP[catalog]}"
  [gateway]="QUARKUS_PROFILE=prod,local GATEWAY_ROUTES_CATALOG_UPSTREAMS=127.0.0.1:${HTTP[catalog]} GATEWAY_ROUTES_VIEWS_UPSTREAMS=127.0.0.1:${HTTP[aggregation]}"
  [reference]="${DSN[*]} QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/$REDIS_DB BENCH_BODY_FILE=/etc/os-release"
)

# start_to_ready COMPONENT VARIANT: seconds from `podman run` to ready, then "started in" from the log; removes it.
start_to_ready() {
  local c=$1 v=$2 args e url t0 t1 code ready= limits=$1
  [[ $c == reference ]] && limits=catalog # the same 1 CPU / 768Mi as catalog, the largest service
  mapfile -t args < <(pod_args "$limits" "$NAME")
  for e in ${ENV[$c]} QUARKUS_HTTP_PORT="${HTTP[$c]}" QUARKUS_MANAGEMENT_PORT="${MGMT[$c]:-0}" \
    QUARKUS_SHUTDOWN_DELAY=PT0S QUARKUS_REDIS_HOSTS="redis://127.0.0.1:6379/$REDIS_DB" SUITE_INTERNAL_AUTH_KEYS="$KEYS"; do
    args+=(-e "$e")
  done
  url="http://127.0.0.1:${MGMT[$c]:-}/q/health/ready"
  [[ $c == reference ]] && url="http://127.0.0.1:${HTTP[reference]}/products/00000000-0000-0000-0000-000000000000"
  podman rm -f "$NAME" >/dev/null 2>&1 || true
  t0=$(date +%s.%N)
  podman "${args[@]}" "${IMAGE[$c:$v]}" >/dev/null
  for _ in $(seq 1200); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)
    if [[ $code == 200 || ($c == reference && $code == 404) ]]; then ready=1; break; fi
    sleep 0.05
  done
  t1=$(date +%s.%N)
  [[ -n $ready ]] || { podman logs --tail 30 "$NAME" >&2; fail "$c ($v) not ready in 60 s"; }
  printf '%s\t%s\t%s\t%.2f\t%s\n' "$ROUND" "$c" "$v" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    "$(podman logs "$NAME" 2>&1 | grep -o 'started in [0-9.]*s' | grep -o '[0-9.]*' | head -1)" >>"$WORK/starts.tsv"
  podman rm -f -t 10 "$NAME" >/dev/null
}

# Catalog first: in the warm-up round it migrates a new database, which the reference's read needs.
RUNS=(catalog:cds aggregation:cds gateway:cds reference:nocds catalog:nocds aggregation:nocds gateway:nocds reference:cds)
for ((ROUND = 0; ROUND <= ROUNDS; ROUND++)); do
  for ((i = 0; i < ${#RUNS[@]}; i++)); do
    run=${RUNS[$(((i + ROUND) % ${#RUNS[@]}))]}
    start_to_ready "${run%:*}" "${run#*:}"
  done
  log "round $ROUND of $ROUNDS (0: warm-up, not counted): $(awk -F'\t' -v r="$ROUND" '$1 == r { printf "%s/%s %s s  ", $2, $3, $4 }' "$WORK/starts.tsv")"
done

python3 bench/startup_report.py "$WORK/starts.tsv" \
  "make bench-startup (ROUNDS=$ROUNDS$([[ ${SKIP_IMAGES:-0} == 1 ]] && echo ' SKIP_IMAGES=1'))" \
  "$(nproc) cores, $(podman --version), FROM $BASE_IMAGE ($(podman run --rm --entrypoint java "${IMAGE[gateway:cds]}" -version 2>&1 | head -1)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" \
  >"$RESULT"
log "wrote $RESULT"
cat "$RESULT"
