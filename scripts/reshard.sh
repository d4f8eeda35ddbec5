#!/usr/bin/env bash
# Moves one merchant's products, reviews and Idempotency-Key records to another catalog shard, online, through the
# gateway (docs/sharding.md): `make reshard MERCHANT=<id> TO=<shard>`. Prints the service's report; when the gateway
# answers an error, prints the problem's detail (and its field errors) and exits 1.
# DEV_KEY: an API key with scope admin (the Makefile passes the development key `make run` configures).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

[[ $# -eq 2 && -n "$1" && -n "$2" ]] || { echo "usage: make reshard MERCHANT=<merchant id> TO=<shard name>" >&2; exit 2; }
admin_post reshard "/api/catalog/admin/merchants/$1/move?to=$2"
