#!/usr/bin/env bash
# Issue 22 item 5: tracing off vs on, gateway cache hits and catalog Redis hits, interleaved. For every ratio in
# RATIOS it starts one catalog and one gateway with tracing on at that sampling ratio (spans to bench/otlp_sink.py, a
# stand-in OTLP/HTTP receiver on the same host), beside a pair with tracing off; then bench/cpu.sh alternates ROUNDS x
# RUN_SECONDS wrk runs over all of them and this prints, per round, each traced variant's req/s and CPU per request
# against tracing off's of the same round, then the median and min-max of those ratios (JSON lines in $OUT).
# Every setting is a variable, so it runs beside anything else (bench.sh calls it with free ports):
#   PORT_BASE=18400  catalogs on PORT_BASE+1.., gateways on PORT_BASE+21.., management ports +100, the receiver +90
#   DB=scaling_suite (seeded), REDIS=redis://127.0.0.1:6379 (a logical db may follow: /10), PREFIX= (Redis key
#   prefix and purge channel of its own; empty: the services' defaults), RATIOS="0.1 0", ROUNDS=5,
#   RUN_SECONDS=10 (not SECONDS: bash's own, never empty, so its default would be 0), CONNS=32,
#   OUT=bench/.work/tracing/ratios.jsonl, KEEP=1 leaves the services running (pids in bench/.work/tracing).
# Needs the jars (make build) and .run/internal-auth.keys (make run, then make stop; or any "local:<hex>" line).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT_BASE=${PORT_BASE:-18400} DB=${DB:-scaling_suite} REDIS=${REDIS:-redis://127.0.0.1:6379} PREFIX=${PREFIX:-}
RATIOS=${RATIOS:-0.1 0} ROUNDS=${ROUNDS:-5} SECONDS_EACH=${RUN_SECONDS:-10} CONNS=${CONNS:-32}
W=bench/.work/tracing
OUT=${OUT:-$W/ratios.jsonl}
mkdir -p "$W"
KEYS="$(cat .run/internal-auth.keys)" KEY=ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610
psql -h 127.0.0.1 -U postgres -Atc "SELECT id FROM catalog.product ORDER BY md5(id::text) LIMIT 10000" "$DB" >$W/hot-ids.txt
sed 's|^|/api/catalog/products/|' $W/hot-ids.txt >$W/hot-paths.txt
SINK_PORT=$((PORT_BASE + 90))
python3 bench/otlp_sink.py $SINK_PORT $W/sink.txt &
echo $! >$W/sink.pid
COMMON=(SUITE_INTERNAL_AUTH_KEYS="$KEYS" QUARKUS_REDIS_HOSTS="$REDIS" QUARKUS_SHUTDOWN_DELAY=PT0S)
CAT_ENV=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=postgres
  QUARKUS_DATASOURCE_PASSWORD= CATALOG_OUTBOX_ENABLED=false CATALOG_HTTP_MAX_AGE=PT1H)
GW_ENV=(QUARKUS_PROFILE=prod,local GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000)
if [[ -n $PREFIX ]]; then
  CAT_ENV+=(CATALOG_CACHE_KEY_PREFIX=$PREFIX CATALOG_CACHE_PURGE_CHANNEL=$PREFIX:purge)
  GW_ENV+=(GATEWAY_CACHE_KEY_PREFIX=$PREFIX-gw GATEWAY_CACHE_PURGE_CHANNEL=$PREFIX:purge)
fi
on() { # the environment of tracing on at ratio $1
  echo QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_TRACES_SAMPLER_ARG=$1 \
    QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:$SINK_PORT QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf
}
start() { # name port jar env...
  local name=$1 port=$2 jar=$3
  shift 3
  env "${COMMON[@]}" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 100)) "$@" java -jar $jar >$W/$name.log 2>&1 &
  echo $! >$W/$name.pid
}
# Catalogs: tracing off and on at each ratio. Gateways: the same, all reading through the catalog with tracing off
# (a hit never reaches it); BASELINE=<another worktree, built> adds that tree's gateway jar as gw-base-*.
CATS=(off) GWS=("off|.|-")
for r in $RATIOS; do CATS+=("on-$r") GWS+=("on-$r|.|$r"); done
if [[ -n ${BASELINE:-} ]]; then
  GWS+=("base-off|$BASELINE|-")
  for r in $RATIOS; do GWS+=("base-on-$r|$BASELINE|$r"); done
fi
NAMES=()
stop() {
  [[ ${KEEP:-} == 1 ]] && return
  for name in "${NAMES[@]}"; do kill "$(cat $W/$name.pid)" 2>/dev/null || true; done
  kill "$(cat $W/sink.pid)" 2>/dev/null || true
}
trap stop EXIT
wait_for() { # port
  for _ in $(seq 600); do curl -fs -o /dev/null -H "X-API-Key: $KEY" "http://127.0.0.1:$1$first" && return; sleep 0.5; done
  echo "port $1 not serving" >&2
  return 1
}
first=$(head -1 $W/hot-paths.txt)
specs=()
for i in "${!CATS[@]}"; do # one at a time: on a busy host, several starting at once time out on their first connection
  name=${CATS[$i]} extra=()
  [[ $name == on-* ]] && read -r -a extra <<<"$(on "${name#on-}")"
  start cat-$name $((PORT_BASE + 1 + i)) catalog-service/target/quarkus-app/quarkus-run.jar "${CAT_ENV[@]}" ${extra[@]+"${extra[@]}"}
  NAMES+=(cat-$name)
  wait_for $((PORT_BASE + 1 + i))
  python3 bench/warm.py http://127.0.0.1:$((PORT_BASE + 1 + i)) $W/hot-paths.txt
  specs+=("cat-$name=$(cat $W/cat-$name.pid)|http://127.0.0.1:$((PORT_BASE + 1 + i))|product.lua|$W/hot-ids.txt,/api/catalog/products/,,")
done
for i in "${!GWS[@]}"; do
  IFS='|' read -r name tree ratio <<<"${GWS[$i]}"
  extra=()
  [[ $ratio != - ]] && read -r -a extra <<<"$(on "$ratio")"
  start gw-$name $((PORT_BASE + 21 + i)) $tree/gateway/target/quarkus-app/quarkus-run.jar "${GW_ENV[@]}" \
    GATEWAY_ROUTES_CATALOG_UPSTREAMS=127.0.0.1:$((PORT_BASE + 1)) ${extra[@]+"${extra[@]}"}
  NAMES+=(gw-$name)
done
for i in "${!GWS[@]}"; do
  IFS='|' read -r name tree ratio <<<"${GWS[$i]}"
  wait_for $((PORT_BASE + 21 + i))
  python3 bench/warm.py http://127.0.0.1:$((PORT_BASE + 21 + i)) $W/hot-paths.txt $KEY
  specs+=("gw-$name=$(cat $W/gw-$name.pid)|http://127.0.0.1:$((PORT_BASE + 21 + i))|product.lua|$W/hot-ids.txt,/api/catalog/products/,,$KEY")
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
bench/cpu.sh "$ROUNDS" "$SECONDS_EACH" "$CONNS" "${specs[@]}" | tee $W/cpu.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); receiver: $(cat $W/sink.txt 2>/dev/null || echo 0) (batches bytes)"
# Per round: each traced variant against tracing off of the same round; then medians and min-max.
python3 - "$W/cpu.txt" "$OUT" <<'EOF'
import json, re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) (gw|cat)-(\S+): (\d+) req/s, ([\d.]+) µs", line)
    if m:
        runs.setdefault((m[2], m[3]), {})[int(m[1])] = (int(m[4]), float(m[5]))
out = open(sys.argv[2], "a")
for (svc, name), rounds in sorted(runs.items()):
    tree, _, variant = name.rpartition("on-") if "on-" in name else (name, "", "off")
    if variant == "off":
        continue
    off = runs[(svc, tree + "off")]
    rps = [rounds[r][0] / off[r][0] for r in rounds if off.get(r) and off[r][0]]
    cpu = [off[r][1] / rounds[r][1] for r in rounds if off.get(r) and rounds[r][1]]
    row = {"kind": "tracing", "service": svc, "build": tree.rstrip("-") or "this", "ratio": float(variant), "rounds": len(rps),
           "rps_ratio": statistics.median(rps), "rps_min": min(rps), "rps_max": max(rps),
           "cpu_ratio": statistics.median(cpu), "cpu_min": min(cpu), "cpu_max": max(cpu),
           "off_us": statistics.median(v[1] for v in off.values()), "on_us": statistics.median(v[1] for v in rounds.values())}
    out.write(json.dumps(row) + "\n")
    print(f"{svc} {row['build']} at {variant}: req/s on/off median {row['rps_ratio']:.2f} ({row['rps_min']:.2f}-{row['rps_max']:.2f}); "
          f"CPU per request off/on median {row['cpu_ratio']:.2f} ({row['cpu_min']:.2f}-{row['cpu_max']:.2f}); "
          f"{row['off_us']:.1f} vs {row['on_us']:.1f} µs")
for svc in ("gw", "cat"):  # tracing off, this build against the baseline's: what off costs now
    if (svc, "base-off") in runs and (svc, "off") in runs:
        base, this = runs[(svc, "base-off")], runs[(svc, "off")]
        cpu = [base[r][1] / this[r][1] for r in this if base.get(r) and this[r][1]]
        row = {"kind": "tracing-off", "service": svc, "cpu_ratio": statistics.median(cpu), "cpu_min": min(cpu), "cpu_max": max(cpu)}
        out.write(json.dumps(row) + "\n")
        print(f"{svc} tracing off, baseline/this CPU per request: median {row['cpu_ratio']:.2f} ({row['cpu_min']:.2f}-{row['cpu_max']:.2f})")
EOF
