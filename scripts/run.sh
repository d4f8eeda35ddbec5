#!/usr/bin/env bash
# Starts the suite locally: PostgreSQL and Redis (the machine's if they answer, embedded ones if not),
# then each service, then seeds demo data into an empty catalogue. `make stop` undoes it.
# SHARDS=n puts catalog-service on n shards, REPLICAS=1 gives each shard a streaming replica (docs/sharding.md).
# Every HTTP and management port listens on 127.0.0.1 only; BIND=0.0.0.0 (or another address) opens them wider.
# State lives in .run/: <name>.pid and <name>.log per process, infra.ready once the databases are up, and
# internal-auth.keys: the key the gateway signs its requests to the services with (made once, kept between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source scripts/lib.sh

RUN_DIR=.run
CP_FILE=dev-infra/target/classpath.txt
SEED_CP_FILE=demo-data/target/classpath.txt
SHARDS=${SHARDS:-1}
REPLICAS=${REPLICAS:-0}
# Each shape has its own data, so nothing one shape built (views, cached entries, the stream) is ever served by
# another: the default shape keeps the database scaling_suite and Redis database 0; SHARDS=2 REPLICAS=1 uses the
# database scaling_suite_s2r1 (catalog's first shard and aggregation's views; the other shards are named after
# it) and Redis logical database (SHARDS-1)*2+REPLICAS = 3 (every cache, nonce, stream and consumer group).
(( SHARDS >= 1 && SHARDS <= 8 && REPLICAS >= 0 && REPLICAS <= 1 )) || { echo "run: SHARDS 1..8, REPLICAS 0 or 1" >&2; exit 1; }
if (( SHARDS == 1 && REPLICAS == 0 )); then
  DATABASE=scaling_suite
else
  DATABASE="scaling_suite_s${SHARDS}r${REPLICAS}"
fi
REDIS_DB=$(( (SHARDS - 1) * 2 + REPLICAS ))
JDBC_URL="jdbc:postgresql://127.0.0.1:5432/${DATABASE}"
SHARDS_FILE="$RUN_DIR/catalog-shards.properties"
KEYS_FILE="$RUN_DIR/internal-auth.keys"
BIND=${BIND:-127.0.0.1}
mkdir -p "$RUN_DIR"
shopt -s nullglob

alive() { # alive NAME: whether .run/NAME.pid names a running process
  local pid_file="$RUN_DIR/$1.pid"
  [[ -s "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

log_tail() { echo "---- last lines of $RUN_DIR/$1.log ----" >&2; tail -n 40 "$RUN_DIR/$1.log" >&2 || true; }

fail() { echo "run: $*" >&2; echo "run: 'make stop' stops whatever did start" >&2; exit 1; }

[[ -s "$CP_FILE" ]] || fail "$CP_FILE missing: run 'make build' first"
[[ -s "$SEED_CP_FILE" ]] || fail "$SEED_CP_FILE missing: run 'make build' first"
CP="dev-infra/target/classes:$(cat "$CP_FILE")"

# start_setup NAME READY_FILE SECONDS WHAT MAIN [ARGS...]: unless NAME still runs with READY_FILE there, runs the
# dev-infra class MAIN in the background ($RUN_DIR/NAME.pid, NAME.log) and waits until it writes READY_FILE.
# It may exit once it has (with the machine's own servers it does at once): then its pid is forgotten, so stop.sh
# never signals a reused one.
start_setup() {
  local name=$1 ready=$2 seconds=$3 what=$4 main=$5
  shift 5
  if alive "$name" && [[ -f "$ready" ]]; then
    return 0
  fi
  rm -f "$ready"
  nohup java -cp "$CP" "$main" "$@" >"$RUN_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  for _ in $(seq "$seconds"); do
    [[ -f "$ready" ]] && break
    alive "$name" || [[ -f "$ready" ]] || { log_tail "$name"; fail "$what setup failed"; }
    sleep 1
  done
  [[ -f "$ready" ]] || { log_tail "$name"; fail "$what not ready after $seconds s"; }
  sleep 0.5
  alive "$name" || rm -f "$RUN_DIR/$name.pid"
}

# PostgreSQL and Redis: embedded servers still up from an earlier run are kept; otherwise (re)checked, which is
# quick and idempotent.
start_infra() {
  start_setup infra "$RUN_DIR/infra.ready" 60 "PostgreSQL/Redis" io.scalingsuite.devinfra.LocalInfraMain \
    --database "$DATABASE" --ready-file "$RUN_DIR/infra.ready"
}

# With SHARDS > 1 or REPLICAS = 1: the shard databases (and replica pairs), and catalog's catalog.shards.* file.
start_shards() {
  start_setup shards "$SHARDS_FILE" 180 "catalog shards" io.scalingsuite.devinfra.CatalogShardsMain \
    --shards "$SHARDS" --replicas "$REPLICAS" --database "$DATABASE" --config-file "$SHARDS_FILE"
}

# The services refuse writes and admin calls not signed by the gateway (SECURITY.md): one random key, shared by the
# three services as a Kubernetes Secret would share it, readable by this user only.
internal_auth_keys() {
  if [[ ! -s "$KEYS_FILE" ]]; then
    (umask 077 && echo "local:$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" >"$KEYS_FILE")
  fi
  cat "$KEYS_FILE"
}

# start_service NAME HTTP_PORT MANAGEMENT_PORT JAR [ENV=VALUE...]: start one Quarkus service, wait until ready.
start_service() {
  local name=$1 http_port=$2 mgmt_port=$3 jar=$4
  shift 4
  if alive "$name"; then
    echo "$name already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return 0
  fi
  [[ -f "$jar" ]] || fail "$jar missing: run 'make build' first"
  local keys base_env
  keys=$(internal_auth_keys)
  mapfile -t base_env < <(service_env "$JDBC_URL" "$REDIS_DB" "$http_port" "$mgmt_port" "$BIND" "$keys")
  env "${base_env[@]}" "$@" nohup java -jar "$jar" >"$RUN_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  echo "starting $name (http $BIND:$http_port, management $BIND:$mgmt_port)..."
  for _ in $(seq 90); do
    alive "$name" || { log_tail "$name"; fail "$name exited during startup"; }
    curl -fsS -o /dev/null "http://127.0.0.1:${mgmt_port}/q/health/ready" 2>/dev/null && return 0
    sleep 1
  done
  log_tail "$name"
  fail "$name not ready after 90 s"
}

for pid_file in "$RUN_DIR"/*.pid; do
  name=$(basename "$pid_file" .pid)
  if [[ "$name" != infra ]] && alive "$name"; then
    echo "Scaling Suite is already running ($name, pid $(cat "$pid_file")); 'make stop' stops it."
    exit 0
  fi
done

start_infra
catalog_env=()
shards_file=
if (( SHARDS > 1 || REPLICAS > 0 )); then
  start_shards
  catalog_env=(QUARKUS_CONFIG_LOCATIONS="$PWD/$SHARDS_FILE")
  shards_file="$SHARDS_FILE"
fi
# The shape `make seed` (scripts/seed.sh) loads into; with replicas, each shard's primary from the shards file.
cat >"$RUN_DIR/run.env" <<EOV
JDBC_URL=${JDBC_URL}
SHARDS_FILE=${shards_file}
REDIS=127.0.0.1:6379/${REDIS_DB}
EOV
# One line per service: name, HTTP port, management port, jar[, extra ENV=VALUE...].
start_service catalog 8081 9001 catalog-service/target/quarkus-app/quarkus-run.jar ${catalog_env[@]+"${catalog_env[@]}"}
start_service gateway 8080 9000 gateway/target/quarkus-app/quarkus-run.jar QUARKUS_PROFILE=prod,local
start_service aggregation 8082 9002 aggregation-service/target/quarkus-app/quarkus-run.jar

# An empty catalogue (every shape, across shards by merchant placement) gets the demo data; seed.sh then rebuilds
# the views from catalog's snapshot, since the seeder writes no events.
scripts/seed.sh --if-empty || fail "seeding failed (see $RUN_DIR/seed.log)"

# Rebuild also when a seed ran while the suite was stopped (.run/views-stale), or when the views were emptied
# since (a test run, a dropped schema). A catalogue seeded by an earlier run otherwise has its views: the stream
# kept them current.
views_empty() {
  curl -fsS 'http://127.0.0.1:8082/api/views/products?limit=1' 2>/dev/null | grep -q '"items":\[\]' &&
    curl -fsS 'http://127.0.0.1:8081/api/catalog/products?limit=1' 2>/dev/null | grep -q '"id"'
}
# Through the gateway (scripts/lib.sh).
if [[ -f "$RUN_DIR/views-stale" ]] || views_empty; then
  rc=0
  rebuild_views || rc=$?
  ((rc == 2)) && echo "run: view rebuild not started" >&2
  ((rc == 0)) && rm -f "$RUN_DIR/views-stale"
elif ! grep -q '\[seed\] loaded' "$RUN_DIR/seed.log" 2>/dev/null; then
  echo "views kept from the earlier run (make seed reloads the catalogue and rebuilds them)"
fi

postgres_kind=$(sed -n 's/^postgres=//p' "$RUN_DIR/infra.ready")
redis_kind=$(sed -n 's/^redis=//p' "$RUN_DIR/infra.ready")
cat <<EOT

Scaling Suite is running (logs in $RUN_DIR/, 'make stop' stops it):
  PostgreSQL  127.0.0.1:5432/${DATABASE} (${postgres_kind}; this shape's own database)
  Redis       127.0.0.1:6379, logical database ${REDIS_DB} (${redis_kind}; this shape's own)
  API         http://127.0.0.1:8080/api/catalog/products?limit=5   (the gateway: clients use only this port)
  Views       http://127.0.0.1:8080/api/views/products/{id}
  API docs    http://127.0.0.1:8080/api/docs/   (one OpenAPI for the whole API: /api/openapi)
  Dev key     -H 'X-API-Key: ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610'   (every scope; writes need it)
  Services    catalog :8081, aggregation :8082 (direct, for debugging: reads only; writes and admin calls need the gateway)
  Shards      catalog on ${SHARDS} shard(s), ${REPLICAS} replica(s) each$( [[ -f "$SHARDS_FILE" ]] && echo " ($SHARDS_FILE)")
  Health      http://127.0.0.1:9000/q/health (gateway), :9001 (catalog), :9002 (aggregation)
  Bound to    ${BIND} only (BIND=0.0.0.0 make run listens on every interface)
  Metrics     http://127.0.0.1:9000/q/metrics, :9001/q/metrics, :9002/q/metrics
EOT
