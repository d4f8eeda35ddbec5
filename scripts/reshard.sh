#!/usr/bin/env bash
# Moves one merchant's products, reviews and Idempotency-Key records to another catalog shard, online, through the
# gateway (docs/sharding.md): `make reshard MERCHANT=<id> TO=<shard>`. Prints the service's report; when the gateway
# answers an error, prints the problem's detail (and its field errors) and exits 1.
# DEV_KEY: an API key with scope admin (the Makefile passes the development key `make run` configures).
set -euo pipefail

[[ $# -eq 2 && -n "$1" && -n "$2" ]] || { echo "usage: make reshard MERCHANT=<merchant id> TO=<shard name>" >&2; exit 2; }
: "${DEV_KEY:?DEV_KEY: an API key with scope admin}"
url="${GATEWAY_URL:-http://127.0.0.1:8080}/api/catalog/admin/merchants/$1/move?to=$2"

body=$(mktemp)
trap 'rm -f "$body"' EXIT
status=$(curl -sS -o "$body" -w '%{http_code}' -X POST -H "X-API-Key: $DEV_KEY" "$url") ||
  { echo "reshard: no answer from $url (is the suite running? make run)" >&2; exit 1; }

if [[ $status == 2?? ]]; then
  cat "$body"
  echo
  exit 0
fi

# json_strings KEY: every string value of KEY in the (one-line) problem+json body, escapes left as they are.
json_strings() { grep -o "\"$1\":\"\\([^\"\\\\]\\|\\\\.\\)*\"" "$body" | sed "s/^\"$1\":\"//; s/\"\$//" || true; }
detail=$(json_strings detail | head -n 1)
echo "reshard: the gateway answered $status: ${detail:-$(cat "$body")}" >&2
while IFS=$'\t' read -r field message; do
  [[ $message == "$detail" ]] || echo "  $field: $message" >&2
done < <(paste <(json_strings field) <(json_strings message))
exit 1
