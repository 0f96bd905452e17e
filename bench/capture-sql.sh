#!/usr/bin/env bash
# bench/capture-sql.sh — print the SQL the release server actually sends for each benchmark
# request, to check bench/sql/*.sql against the code (the ceiling is only meaningful for the
# SQL the API really runs).
#
#     bench/capture-sql.sh            # all operations
#     bench/capture-sql.sh R2 W1      # some
#
# How: starts target/release/opendetat (build it first) with `log_statement=all` set on its own
# connections only (libpq `options`), sends one request per operation, and prints the lines
# PostgreSQL logged for those connections. Needs to read the server log: found with
# pg_lsclusters (Debian), or .pgdata/server.log (private cluster), or BENCH_PG_LOG. Uses
# BENCH_DATABASE_URL like bench/run.sh (default <ensure-postgres>/opendetat_bench, which must
# hold the large seed). The W1 comment and the account it creates are deleted afterwards.
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
die() { printf 'capture-sql: error: %s\n' "$*" >&2; exit 1; }

BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/opendetat"
[ -x "$BIN" ] || die "build first: cargo build --release -p opendetat"
PG_SERVER="$(scripts/ensure-postgres.sh)"
DB_URL="${BENCH_DATABASE_URL:-$PG_SERVER/opendetat_bench}"
DB_NAME="${DB_URL%%\?*}"; DB_NAME="${DB_NAME##*/}"
PORT_PG="$(printf '%s' "$PG_SERVER" | sed -nE 's#.*:([0-9]+)$#\1#p')"

LOG="${BENCH_PG_LOG:-}"
if [ -z "$LOG" ] && command -v pg_lsclusters >/dev/null 2>&1; then
  LOG="$(pg_lsclusters -h 2>/dev/null | awk -v p="${PORT_PG:-5432}" '$3 == p { print $7; exit }')"
fi
if [ -z "$LOG" ] && [ -f "$ROOT/.pgdata/server.log" ]; then LOG="$ROOT/.pgdata/server.log"; fi
[ -n "$LOG" ] && [ -r "$LOG" ] || die "cannot find or read the PostgreSQL log; set BENCH_PG_LOG"

OPS=("$@")
[ "${#OPS[@]}" -gt 0 ] || OPS=(R1 R1s R2 R2c R3 R4 R5 R5o R6 R7 R8 R9 R9s W1 W1f W2 W3 S1)

q() { psql "$DB_URL" -w -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }
sep='?'; case "$DB_URL" in *\?*) sep='&' ;; esac
APP="bench-capture-$$"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
env -u DATABASE_READ_URL OPENDETAT_ENV=production JWT_SECRET="$SECRET" \
  DATABASE_URL="${DB_URL}${sep}application_name=$APP&options=-c%20log_statement%3Dall" \
  PUBLIC_URL="$BASE" SMTP_URL="smtp://127.0.0.1:9" JOB_WORKERS=0 \
  DATABASE_POOL_SIZE=1 BIND_ADDR="127.0.0.1:$PORT" RUST_LOG=warn STATIC_DIR=/nonexistent TWO_FACTOR_ROLES=none \
  RATE_LIMIT_SIGN_IN=1000000000/1m RATE_LIMIT_SIGN_UP=1000000000/1m \
  "$BIN" serve >/dev/null 2>&1 &
SERVER_PID=$!
EMAIL="bench-capture-$$@bench.opendetat.test"
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  q "SET session_replication_role = replica;
     DELETE FROM events WHERE type LIKE 'registration.%' AND actor_id IN (SELECT id FROM users WHERE email = '$EMAIL');
     DELETE FROM registrations WHERE user_id IN (SELECT id FROM users WHERE email = '$EMAIL');
     UPDATE proposals SET support_count = support_count - 1 WHERE id IN
       (SELECT proposal_id FROM proposal_supports WHERE user_id IN (SELECT id FROM users WHERE email = '$EMAIL'));
     DELETE FROM proposal_supports WHERE user_id IN (SELECT id FROM users WHERE email = '$EMAIL');
     DELETE FROM jobs WHERE kind = 'forum_reminders' AND payload->>'forum_id' IN
       (SELECT id::text FROM forums WHERE slug = 'bench-w2-capture');
     DELETE FROM jobs WHERE kind = 'notifications_fan_out' AND (payload->>'event_id')::int8 IN
       (SELECT id FROM events WHERE actor_id IN (SELECT id FROM users WHERE email = '$EMAIL'));
     DELETE FROM events WHERE actor_id IN (SELECT id FROM users WHERE email = '$EMAIL');
     DELETE FROM comments WHERE author_id IN (SELECT id FROM users WHERE email = '$EMAIL');
     DELETE FROM jobs WHERE kind = 'mail' AND payload->>'to' = '$EMAIL';
     DELETE FROM users WHERE email = '$EMAIL'" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -fsS -m 2 -o /dev/null "$BASE/readyz" 2>/dev/null && break
  sleep 0.5
done
# Sign-up answers 202 and mails a link; no worker runs here, so the address is confirmed in SQL.
curl -fsS -m 30 -o /dev/null -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"capture-password-1234\",\"display_name\":\"Capture\"}" \
  "$BASE/api/v1/auth/register"
q "UPDATE users SET email_verified_at = now() WHERE email = '$EMAIL'" >/dev/null
TOKEN="$(curl -sS -m 30 -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"capture-password-1234\"}" \
  "$BASE/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
# W2's and W3's members send tokens bench/run.sh signs with the run's secret, without a session:
# the same here, for the capture's account.
MEMBER_TOKEN="$(python3 bench/tokens.py "$SECRET" "$(q "SELECT id FROM users WHERE email = '$EMAIL'")" 1)"

request() {
  case "$1" in
    R1) curl -sS -o /dev/null "$BASE/api/v1/forums/forum-large-busy-0/comments" ;;
    R1s) curl -sS -o /dev/null "$BASE/api/v1/forums/forum-large-small/comments" ;;
    R2) curl -sS -o /dev/null "$BASE/api/v1/commitments/FR0041" ;;
    R2c) curl -sS -o /dev/null -H 'Accept: application/json' -H "If-None-Match: $ETAG" "$BASE/api/v1/commitments/FR0041" ;;
    R3) curl -sS -o /dev/null "$BASE/api/v1/forums?when=upcoming" ;;
    R4) curl -sS -o /dev/null "$BASE/api/v1/commitments?action_plan=fr-2018-2020&policy_area=E-Government" ;;
    R5) curl -sS -o /dev/null "$BASE/api/v1/search?q=transparence&type=comment" ;;
    R5o) curl -sS -o /dev/null "$BASE/api/v1/search?q=patrimoine&type=comment" ;;
    R6) curl -sS -o /dev/null "$BASE/api/v1/action-items?forum=forum-large-busy-1&limit=100" ;;
    R7) curl -sS -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me/notifications/unread-count" ;;
    R8) curl -sS -o /dev/null "$BASE/api/v1/institutions/institution-large/record" ;;
    R9) curl -sS -o /dev/null "$BASE/api/v1/action-plans/plan-large-co-creation/proposals?limit=20" ;;
    R9s) curl -sS -o /dev/null "$BASE/api/v1/action-plans/plan-large-co-creation/proposals/summary" ;;
    W1) curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \
          -H "Authorization: Bearer $TOKEN" -d '{"body":"Capture de la requête."}' \
          "$BASE/api/v1/forums/forum-large-busy-4/comments" ;;
    W1f) curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \
          -H "Authorization: Bearer $TOKEN" -d '{"body":"Capture de la requête."}' \
          "$BASE/api/v1/forums/forum-large-busy-3/comments" ;;
    W2) curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \
          -H "Authorization: Bearer $MEMBER_TOKEN" -d '{}' "$BASE/api/v1/forums/bench-w2-capture/registrations" ;;
    W3) curl -sS -o /dev/null -X POST -H "Authorization: Bearer $MEMBER_TOKEN" \
          "$BASE/api/v1/proposals/$W3_PROPOSAL/supports" ;;
    S1) curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \
          -d "{\"email\":\"$EMAIL\",\"password\":\"capture-password-1234\"}" \
          "$BASE/api/v1/auth/login" ;;
    *) die "unknown operation $1" ;;
  esac
}

# W2 registers for an open forum of its own (a year ahead, no one registered).
q "INSERT INTO forums (slug, title, theme, description, starts_at, ends_at, location, capacity, status)
   SELECT 'bench-w2-capture', 'Forum du banc d''essai', 'Banc d''essai', '', now() + interval '1 year',
          now() + interval '1 year 2 hours', 'Paris', 100000, 'open'
   WHERE NOT EXISTS (SELECT 1 FROM forums WHERE slug = 'bench-w2-capture');
   INSERT INTO jobs (kind, payload, run_at) SELECT 'forum_reminders', jsonb_build_object('forum_id', id), starts_at - interval '48 hours'
     FROM forums WHERE slug = 'bench-w2-capture'" >/dev/null  # as after a first registration
# W3 supports a proposal of the run's plan in preparation (bench/run.sh's, made here if missing).
W3_PROPOSAL="$(q "INSERT INTO action_plans (slug, country, title, period_start, period_end, status)
   SELECT 'bench-w3', 'France', 'Plan du banc d''essai', 2027, 2029, 'in_preparation'
    WHERE NOT EXISTS (SELECT 1 FROM action_plans WHERE slug = 'bench-w3');
   INSERT INTO proposals (action_plan_id, title, problem, problem_html, solution, solution_html, origin)
   SELECT id, 'Banc d''essai W3 capture', 'Un problème.', '<p>Un problème.</p>', 'Une solution.', '<p>Une solution.</p>', 'online'
     FROM action_plans WHERE slug = 'bench-w3'
      AND NOT EXISTS (SELECT 1 FROM proposals WHERE title = 'Banc d''essai W3 capture');
   SELECT id FROM proposals WHERE title = 'Banc d''essai W3 capture'" | tail -n 1)"
request R2  # first use of the pooled connection: its set-up statements are not of interest
sleep 0.3
for op in "${OPS[@]}"; do
  if [ "$op" = R2c ]; then
    # R2's current tag, read before the window opens (as wrk/revalidate.lua holds it).
    ETAG="$(curl -sS -o /dev/null -D - -H 'Accept: application/json' "$BASE/api/v1/commitments/FR0041" \
      | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
    sleep 0.3
  fi
  pids="$(q "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE application_name = '$APP'")"
  from=$(($(stat -c %s "$LOG") + 1))
  request "$op"
  sleep 0.5
  echo "=== $op"
  tail -c +"$from" "$LOG" | awk -v pids=" $pids " -v db="@$DB_NAME " '
    /^[0-9]{4}-[0-9]{2}-[0-9]{2} / {
      keep = 0
      if (match($0, /\[[0-9]+\]/)) {
        pid = substr($0, RSTART + 1, RLENGTH - 2)
        keep = index(pids, " " pid " ") > 0 && index($0, db) > 0
      }
    }
    keep { sub(/^.*(LOG|DETAIL):  /, ""); print }'
done
