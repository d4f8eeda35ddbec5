#!/usr/bin/env bash
# How fast aggregation works through a backlog with N stream consumers per replica (issue 21; bench/README.md).
# Needs `make run` (one shard): stops its aggregation, creates products through the gateway for SECONDS (wrk,
# 16 connections, bench/lua/write.lua), restarts aggregation with AGGREGATION_STREAM_CONSUMERS=N as run.sh starts
# it, and prints every 5 s until the lag is 0: the group's lag (XINFO GROUPS), the drain rate, and the cores used by
# aggregation's JVM and by PostgreSQL (all its processes) in those 5 s, from /proc.
#   bench/drain.sh N [SECONDS]      e.g. bench/drain.sh 1 60; bench/drain.sh 2 60 (alternate them: JITs warm up)
# AGGREGATION_JAR runs another build of aggregation (an older commit's, for a before/after in one session).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/lib.sh
source scripts/lib.sh
CONSUMERS=${1:?usage: bench/drain.sh CONSUMERS [SECONDS]}
SECONDS_OF_WRITES=${2:-60}
DEV_KEY=${DEV_KEY:-ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610}
for tool in wrk redis-cli psql bc; do
  command -v "$tool" >/dev/null || { echo "drain: needs $tool (apt-get install wrk redis-tools postgresql-client bc)" >&2; exit 1; }
done
[[ -s .run/aggregation.pid && -s .run/run.env ]] || { echo "drain: start the suite with 'make run' first" >&2; exit 1; }
source .run/run.env
[[ -z "$SHARDS_FILE" ]] || { echo "drain: one shard only (make run without SHARDS)" >&2; exit 1; }
REDIS_DB=${REDIS#*/}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

database=${JDBC_URL##*/}
psql -At -U postgres -h 127.0.0.1 -c "SELECT id FROM catalog.category" "$database" >"$work/categories"
ticks() { cat "/proc/$1/stat" 2>/dev/null | awk '{ print $14 + $15 }' || echo 0; }
postgres_ticks() { local sum=0 p; for p in $(pgrep -x postgres); do sum=$((sum + $(ticks "$p"))); done; echo "$sum"; }
lag() { redis-cli -n "$REDIS_DB" XINFO GROUPS catalog:events | awk 'previous == "lag" { print; exit } { previous = $0 }'; }

pid=$(cat .run/aggregation.pid)
kill -TERM "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
wrk -t2 -c16 -d"${SECONDS_OF_WRITES}s" -s bench/lua/write.lua http://127.0.0.1:8080 -- "$work/categories" "$DEV_KEY" 0 \
  | grep -E 'Requests/sec|Non-2xx' | sed 's/^/creates: /'
sleep 3 # the outbox relay publishes the last ones
echo "lag before aggregation starts: $(lag)"

mapfile -t base_env < <(service_env "$JDBC_URL" "$REDIS_DB" 8082 9002 127.0.0.1 "$(cat .run/internal-auth.keys)")
env "${base_env[@]}" AGGREGATION_STREAM_CONSUMERS="$CONSUMERS" \
  nohup java -jar "${AGGREGATION_JAR:-aggregation-service/target/quarkus-app/quarkus-run.jar}" >.run/aggregation.log 2>&1 &
echo $! >.run/aggregation.pid
aggregation=$(cat .run/aggregation.pid)
hz=$(getconf CLK_TCK)
start=$(date +%s.%N)
previous=$(lag) previous_at=$start jvm=$(ticks "$aggregation") pg=$(postgres_ticks)
while :; do
  sleep 5
  now_lag=$(lag) now=$(date +%s.%N) now_jvm=$(ticks "$aggregation") now_pg=$(postgres_ticks)
  elapsed=$(bc -l <<<"$now - $previous_at")
  printf '%4.0f s  lag %6d  %4.0f events/s  aggregation JVM %.2f cores  PostgreSQL %.2f cores\n' \
    "$(bc <<<"$now - $start")" "$now_lag" "$(bc -l <<<"($previous - $now_lag) / $elapsed")" \
    "$(bc -l <<<"($now_jvm - $jvm) / $hz / $elapsed")" "$(bc -l <<<"($now_pg - $pg) / $hz / $elapsed")"
  previous=$now_lag previous_at=$now jvm=$now_jvm pg=$now_pg
  [[ "$now_lag" != 0 ]] || break
done
