#!/usr/bin/env bash
# Puts every event of aggregation's dead-letter stream (<stream key>:dead) back into the stream, through the gateway
# (an admin path: the key needs scope admin), and removes the replayed entries: `make replay-dead`. Idempotent: an
# event applied before is dropped by its id. Prints {"replayed": n}; on an error, the problem's detail, and exits 1.
# DEV_KEY: an API key with scope admin (the Makefile passes the development key `make run` configures).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

admin_post replay-dead /api/views/admin/dead-letters/replay
