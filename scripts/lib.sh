# Shared by the scripts in this folder (sourced, not run): admin calls through the gateway, the view rebuild and a
# service's environment.
# GATEWAY_URL: the gateway (default the one `make run` starts).

GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
# The development key `make run` configures (every scope): aggregation refuses an unsigned rebuild.
DEV_KEY_HEADER='X-API-Key: ss-dev-7f3c9a2e41b84d06a5e1c8b9d2f4e610'

# admin_post NAME PATH: POST PATH through the gateway with DEV_KEY (scope admin). On a 2xx prints the body and
# returns 0; otherwise prints "NAME: ..." with the problem's detail (and its field errors) on stderr, returns 1.
admin_post() {
  local name=$1 url="$GATEWAY_URL$2" body status detail field message
  : "${DEV_KEY:?DEV_KEY: an API key with scope admin}"
  body=$(mktemp)
  status=$(curl -sS -o "$body" -w '%{http_code}' -X POST -H "X-API-Key: $DEV_KEY" "$url") ||
    { rm -f "$body"; echo "$name: no answer from $url (is the suite running? make run)" >&2; return 1; }
  if [[ $status == 2?? ]]; then
    cat "$body"
    echo
    rm -f "$body"
    return 0
  fi
  detail=$(json_strings detail "$body" | head -n 1)
  echo "$name: the gateway answered $status: ${detail:-$(cat "$body")}" >&2
  while IFS=$'\t' read -r field message; do
    [[ -z $field || $message == "$detail" ]] || echo "  $field: $message" >&2
  done < <(paste <(json_strings field "$body") <(json_strings message "$body"))
  rm -f "$body"
  return 1
}

# json_strings KEY FILE: every string value of KEY in the (one-line) JSON in FILE, escapes left as they are.
json_strings() { grep -o "\"$1\":\"\\([^\"\\\\]\\|\\\\.\\)*\"" "$2" | sed "s/^\"$1\":\"//; s/\"\$//" || true; }

# rebuild_views: starts aggregation's rebuild from catalog's snapshot through the gateway and waits (at most
# REBUILD_WAIT_S, default 5 minutes) until it is done or failed. Prints the outcome; returns 0 only when done, 2
# when it could not start.
rebuild_views() {
  local url="$GATEWAY_URL/api/views/admin/rebuild" state=unknown
  curl -fsS -o /dev/null -X POST -H "$DEV_KEY_HEADER" "$url" 2>/dev/null || return 2
  for _ in $(seq "${REBUILD_WAIT_S:-300}"); do
    state=$(curl -fsS -H "$DEV_KEY_HEADER" "$url" | sed -n 's/.*"state":"\([a-z]*\)".*/\1/p')
    [[ "$state" == done || "$state" == failed ]] && break
    sleep 1
  done
  echo "views rebuilt from catalog's snapshot: ${state:-unknown}"
  [[ "$state" == done ]]
}

# service_env JDBC_URL REDIS_DB HTTP_PORT MANAGEMENT_PORT BIND KEYS: the environment `make run` starts a service
# with, one NAME=VALUE per line (scripts/run.sh; bench/drain.sh restarts aggregation with the same).
service_env() {
  printf '%s\n' "QUARKUS_DATASOURCE_JDBC_URL=$1" QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    "QUARKUS_REDIS_HOSTS=redis://127.0.0.1:6379/$2" "QUARKUS_HTTP_PORT=$3" "QUARKUS_MANAGEMENT_PORT=$4" \
    "QUARKUS_HTTP_HOST=$5" "QUARKUS_MANAGEMENT_HOST=$5" "SUITE_INTERNAL_AUTH_KEYS=$6"
}
