#!/usr/bin/env bash
# bench/cpu.sh ROUNDS SECONDS CONNS NAME=PIDS|URL|SCRIPT|ARGS ...
# CPU time per request of running processes, for A/B comparisons of two builds on this noisy machine: each round
# runs wrk on every variant in turn; per run it reads the variant's processes' user + system ticks from
# /proc/<pid>/stat before and after, and prints req/s and CPU µs per request; then the medians.
# PIDS: space-separated pids (nginx: its workers); ARGS: the Lua script's arguments, comma-separated (empty kept).
# Example: bench/cpu.sh 5 8 32 "old=4242|http://127.0.0.1:18080|product.lua|bench/.work/ids.txt,/api/catalog/products/,,KEY"
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1 SECONDS_EACH=$2 CONNS=$3
shift 3
HZ=$(getconf CLK_TCK)

ticks() { # total user + system ticks of the pids
  local total=0 pid fields
  for pid in $1; do
    read -r -a fields <"/proc/$pid/stat"
    total=$((total + fields[13] + fields[14]))
  done
  echo "$total"
}

declare -A RPS CPU
for round in $(seq "$ROUNDS"); do
  for spec in "$@"; do
    name=${spec%%=*}
    IFS='|' read -r pids url script args <<<"${spec#*=}"
    IFS=',' read -r -a argv <<<"$args"
    before=$(ticks "$pids")
    json=$(wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --timeout 5s -s "bench/lua/$script" "$url" -- "${argv[@]}" |
      sed -n 's/^JSON //p')
    after=$(ticks "$pids")
    requests=$(jq .requests <<<"$json")
    rps=$(jq '.rps | floor' <<<"$json")
    # one decimal: a gateway hit is 15-30 µs, where whole µs would round its ratios by up to 3 %
    us=$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t * 1e6 / hz / (n > 0 ? n : 1)}')
    echo "round $round $name: $rps req/s, $us µs CPU per request"
    RPS[$name]+="$rps "
    CPU[$name]+="$us "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for spec in "$@"; do
  name=${spec%%=*}
  echo "$name: median $(median "${RPS[$name]}") req/s, $(median "${CPU[$name]}") µs CPU per request (${CPU[$name]% })"
done
