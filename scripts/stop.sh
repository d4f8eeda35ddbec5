#!/usr/bin/env bash
# Stops what scripts/run.sh started: the processes named in .run/*.pid, services first, embedded
# databases last. The machine's own PostgreSQL and Redis never have a pid file here, so they are untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN_DIR=.run

# stop_pid NAME: TERM, then KILL after 10 s; only a Java process, in case the pid was reused since.
stop_pid() {
  local pid_file="$RUN_DIR/$1.pid" pid
  [[ -s "$pid_file" ]] || { rm -f "$pid_file"; return 0; }
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null && [[ "$(ps -o comm= -p "$pid" 2>/dev/null)" == java ]]; then
    echo "stopping $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$1 still running after 10 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pid_file"
}

shopt -s nullglob
for pid_file in "$RUN_DIR"/*.pid; do
  name=$(basename "$pid_file" .pid)
  [[ "$name" == infra ]] || stop_pid "$name"
done
# Last, so the services shut down cleanly while their database is still there.
stop_pid infra
rm -f "$RUN_DIR/infra.ready"
echo "stopped"
