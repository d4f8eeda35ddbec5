#!/usr/bin/env bash
# Issue 22 item 5 by hand (not yet part of make bench): tracing off vs on at a 10 % sampling ratio, gateway cache
# hits and catalog Redis hits, alternating 3 x 10-s runs. Needs the seeded scaling_suite database and .run/internal-auth.keys
# (make run, then make stop); RATIO=0 measures the instrumentation with nothing sampled. Spans go to bench/otlp_sink.py, a stand-in OTLP/HTTP receiver on the same host.
set -u
cd "$(dirname "$0")/.."
W=bench/.work/tracing; mkdir -p "$W"; KEYS="$(cat .run/internal-auth.keys)"; KEY=ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610
psql -h 127.0.0.1 -U postgres -Atc "SELECT id FROM catalog.product ORDER BY md5(id::text) LIMIT 10000" scaling_suite > $W/hot-ids.txt
sed 's|^|/api/catalog/products/|' $W/hot-ids.txt > $W/hot-paths.txt
python3 bench/otlp_sink.py 14318 $W/sink.txt & SINK=$!
ON=(QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_TRACES_SAMPLER_ARG=${RATIO:-0.1} QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:14318 QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)
COMMON=(SUITE_INTERNAL_AUTH_KEYS="$KEYS" QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379 QUARKUS_SHUTDOWN_DELAY=PT0S)
CAT_ENV=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/scaling_suite QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= CATALOG_OUTBOX_ENABLED=false CATALOG_HTTP_MAX_AGE=PT10M)
start() { # name port mport jar env...
  local name=$1 port=$2 mport=$3 jar=$4; shift 4
  env "${COMMON[@]}" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mport "$@" java -jar $jar > $W/$name.log 2>&1 &
  echo $! > $W/$name.pid
}
start cat-off 18401 19401 catalog-service/target/quarkus-app/quarkus-run.jar "${CAT_ENV[@]}"
start cat-on 18402 19402 catalog-service/target/quarkus-app/quarkus-run.jar "${CAT_ENV[@]}" "${ON[@]}"
GW=(QUARKUS_PROFILE=prod,local GATEWAY_RATE_LIMIT_TIERS_INTERNAL_LIMIT=1000000000)
start gw-off 18411 19411 gateway/target/quarkus-app/quarkus-run.jar "${GW[@]}" GATEWAY_ROUTES_CATALOG_UPSTREAMS=127.0.0.1:18401
start gw-on 18412 19412 gateway/target/quarkus-app/quarkus-run.jar "${GW[@]}" GATEWAY_ROUTES_CATALOG_UPSTREAMS=127.0.0.1:18402 "${ON[@]}"
for p in 18401 18402 18411 18412; do
  for i in $(seq 120); do curl -fs -o /dev/null -H "X-API-Key: $KEY" "http://127.0.0.1:$p$(head -1 $W/hot-paths.txt)" && break; sleep 0.5; done
done
for p in 18401 18402; do python3 bench/warm.py http://127.0.0.1:$p $W/hot-paths.txt; done
for p in 18411 18412; do python3 bench/warm.py http://127.0.0.1:$p $W/hot-paths.txt $KEY; done
: > $W/results.txt
for run in 1 2 3; do
  for v in gw-off gw-on cat-off cat-on; do
    case $v in gw-off) port=18411;; gw-on) port=18412;; cat-off) port=18401;; cat-on) port=18402;; esac
    k=$KEY; [[ $v == cat-* ]] && k=""
    r=$(wrk -t2 -c32 -d10s --timeout 5s -s bench/lua/product.lua http://127.0.0.1:$port -- $W/hot-ids.txt /api/catalog/products/ "" "$k" 2>&1 | grep "^Requests/sec" | awk '{print $2}')
    echo "$run $v $r" | tee -a $W/results.txt
  done
done
cat $W/sink.txt
for n in cat-off cat-on gw-off gw-on; do kill $(cat $W/$n.pid); done; kill $SINK
