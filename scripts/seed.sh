#!/usr/bin/env bash
# Loads the demo catalogue into the catalog of the suite `make run` started (its shape: .run/run.env), then makes
# everything that was derived from the old catalogue agree with the new one:
#  - catalog's cached entries: the seeder bumps every product's cache generation (CacheReset) and publishes purges;
#  - the views: rebuilt from catalog's snapshot through the gateway (the seeder writes no events). If the suite is
#    not running, .run/views-stale makes the next `make run` rebuild them.
# scripts/seed.sh [--if-empty]   (run.sh uses --if-empty: load only an empty catalogue)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source scripts/lib.sh

RUN_DIR=.run
SEED_CP_FILE=demo-data/target/classpath.txt
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/scaling_suite
SHARDS_FILE=
REDIS=127.0.0.1:6379/0
# shellcheck disable=SC1091
[[ -f "$RUN_DIR/run.env" ]] && source "$RUN_DIR/run.env"
JDBC_URL=${DATABASE_URL:-$JDBC_URL}
mkdir -p "$RUN_DIR"
[[ -s "$SEED_CP_FILE" ]] || { echo "seed: $SEED_CP_FILE missing: run 'make build' first" >&2; exit 1; }

seed_args=(--jdbc-url "$JDBC_URL" --user postgres --redis "$REDIS" --key-prefix catalog)
[[ -n "$SHARDS_FILE" ]] && seed_args+=(--shards-file "$SHARDS_FILE")
# The seeder reports on stderr: tee both streams, or seed.log stays empty and the check below never sees a load.
java -cp "demo-data/target/classes:$(cat "$SEED_CP_FILE")" io.scalingsuite.demodata.Seeder "${seed_args[@]}" "$@" \
  2>&1 | tee "$RUN_DIR/seed.log"
grep -q '\[seed\] loaded' "$RUN_DIR/seed.log" || exit 0
touch "$RUN_DIR/views-stale"

# Through the gateway (scripts/lib.sh): not running, the next `make run` rebuilds them (.run/views-stale).
rc=0
rebuild_views || rc=$?
if ((rc == 2)); then
  echo "seed: the views were not rebuilt (suite not running?): the next 'make run' rebuilds them" >&2
  exit 0
fi
((rc == 0)) && rm -f "$RUN_DIR/views-stale"
exit "$rc"
