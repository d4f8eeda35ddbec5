#!/usr/bin/env bash
# bench/profile.sh OUT NAME SECONDS CONNS PIDS URL SCRIPT [ARGS...]
# Where a running service spends its CPU under one wrk load (2 threads, CONNS connections, SECONDS): first the
# CPU time per request of PIDS, user and system apart (/proc/<pid>/stat, no profiler attached); then, when PIDS is
# one JVM, the same load again under a JFR recording (Java execution samples every 1 ms), summarized by
# bench/profiles.py. Appends one JSON line per part to OUT. bench.sh calls it after the scenarios; it works
# on any running service too (nginx: PIDS are its workers).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1 NAME=$2 SECONDS_EACH=$3 CONNS=$4 PIDS=$5 URL=$6 SCRIPT=$7
shift 7
HZ=$(getconf CLK_TCK)
WORK=bench/.work
mkdir -p "$WORK"

ticks() { # user and system ticks summed over the pids
  local user=0 system=0 pid fields
  for pid in $PIDS; do
    read -r -a fields <"/proc/$pid/stat"
    user=$((user + fields[13])) system=$((system + fields[14]))
  done
  echo "$user $system"
}

load() { # prints the number of requests wrk completed
  wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --timeout 5s -s "bench/lua/$SCRIPT" "$URL" -- "$@" |
    sed -n 's/^JSON //p' | jq .requests
}

read -r user0 system0 < <(ticks)
requests=$(load "$@")
read -r user1 system1 < <(ticks)
jq -nc --arg n "$NAME" --argjson r "$requests" --argjson s "$SECONDS_EACH" \
  --argjson u "$(((user1 - user0) * 1000000 / HZ))" --argjson y "$(((system1 - system0) * 1000000 / HZ))" \
  '{kind: "cpu", name: $n, requests: $r, seconds: $s, user_us: ($u / ([$r, 1] | max)), system_us: ($y / ([$r, 1] | max))}' >>"$OUT"

[[ $PIDS =~ ^[0-9]+$ ]] && jcmd "$PIDS" VM.version >/dev/null 2>&1 || exit 0
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
sed '/name="jdk.ExecutionSample"/,/<\/event>/s|\(<setting name="period"[^>]*>\)[^<]*<|\11 ms<|' \
  "$java_home/lib/jfr/profile.jfc" >"$WORK/sampling.jfc"
jfr_file=$PWD/$WORK/profile-$NAME.jfr
rm -f "$jfr_file"
jcmd "$PIDS" JFR.start name=bench settings="$PWD/$WORK/sampling.jfc" >/dev/null
load "$@" >/dev/null
jcmd "$PIDS" JFR.stop name=bench filename="$jfr_file" >/dev/null
jfr print --events jdk.ExecutionSample --stack-depth 300 "$jfr_file" | python3 bench/profiles.py "$NAME" >>"$OUT"
