#!/usr/bin/env bash
# first-run-check.sh — what a newcomer's first command does, checked end to end in CI: `make dev`
# (the README's run command with the debug build CI has already made) on a throwaway database,
# until the product answers: the web app's page, the API, the documentation, a page the app
# does not have (404); then it is stopped. `make run` differs only in the build profile, which
# CI does not spend minutes compiling.
#
#     scripts/first-run-check.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${FIRST_RUN_PORT:-18080}"
PG="$(scripts/ensure-postgres.sh)"
DB="opendetat_first_run_$$"
OUT="$(mktemp -d)"
pid=""
cleanup() {
  [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  sleep 1
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$OUT"
}
trap cleanup EXIT

set -m
DATABASE_URL="$PG/$DB" BIND_ADDR="127.0.0.1:$PORT" DATA_DIR="$OUT/data" MAIL_DIR="$OUT/mail" make dev >"$OUT/log" 2>&1 &
pid=$!
set +m
for ((i = 0; i < 600; i++)); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$OUT/log"; echo "first-run-check: make dev stopped" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null || { tail -50 "$OUT/log"; echo "first-run-check: not ready in 5 min" >&2; exit 1; }
check() { # check PATH STATUS
  local got
  got="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$1")"
  [ "$got" = "$2" ] || { tail -30 "$OUT/log"; echo "first-run-check: GET $1 answered $got, expected $2" >&2; exit 1; }
  echo "    GET $1 → $got"
}
check / 200
check /forums 200
check /api/v1/commitments/FR0041 200
check /api/docs/ 200
check /api/openapi.json 200
check /assets/nope.js 404
check /nimporte/quoi 404
grep -q "Open d'État" "$OUT/log" || true
echo "first-run-check: OK (make dev served the product with its demo data)"
