#!/usr/bin/env bash
# Puts every event of aggregation's dead-letter stream (<stream key>:dead) back into the stream, through the gateway
# (an admin path: the key needs scope admin), and removes the replayed entries: `make replay-dead`. Idempotent: an
# event applied before is dropped by its id. Prints {"replayed": n}; on an error, the problem's detail, and exits 1.
# DEV_KEY: an API key with scope admin (the Makefile passes the development key `make run` configures).
set -euo pipefail

: "${DEV_KEY:?DEV_KEY: an API key with scope admin}"
url="${GATEWAY_URL:-http://127.0.0.1:8080}/api/views/admin/dead-letters/replay"

body=$(mktemp)
trap 'rm -f "$body"' EXIT
status=$(curl -sS -o "$body" -w '%{http_code}' -X POST -H "X-API-Key: $DEV_KEY" "$url") ||
  { echo "replay-dead: no answer from $url (is the suite running? make run)" >&2; exit 1; }

if [[ $status == 2?? ]]; then
  cat "$body"
  echo
  exit 0
fi
detail=$(grep -o '"detail":"\([^"\\]\|\\.\)*"' "$body" | head -n 1 | sed 's/^"detail":"//; s/"$//' || true)
echo "replay-dead: the gateway answered $status: ${detail:-$(cat "$body")}" >&2
exit 1
