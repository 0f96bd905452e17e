#!/usr/bin/env bash
# bench/run.sh — the Open d'État benchmark (issue 4, part 2), one command:
#
#     bench/run.sh
#
# Builds the release server, makes sure the large database exists (seeding it with
# `opendetat seed --scale large` when it lacks the large data), starts the server in production
# mode on a free 127.0.0.1 port, signs up a member, then for each operation:
#   1. warms up, then loads the API with wrk at 32 connections for a fixed duration
#      (req/s, p50, p99, errors; the server's RSS sampled every 0.5 s; CPU split from /proc);
#   2. runs pgbench at the same concurrency for the same duration on bench/sql/<op>.sql, the
#      same SQL the API runs for that request: PostgreSQL's own throughput, the ceiling.
# Prints one table (API/ceiling per operation, p99, peak RSS, R1 busy vs small forum) and
# keeps it in bench/results/<UTC date and time>.md and .json; bench/README.md gets the latest
# table. Comments and the account the run created are deleted at the end.
# All traffic goes to 127.0.0.1; every step is bounded in time.
#
#     bench/run.sh --smoke
#
# Smoke run (CI): every operation for 1 s against the debug build, on a fresh database with the
# small seed (`opendetat seed`), no ceilings, no report; fails if a row errs or answers non-2xx.
#
# Environment (all optional):
#   BENCH_DURATION=15          seconds per measured run (API and pgbench each)
#   BENCH_WARMUP=3             seconds of load before each measured API run
#   BENCH_CONNECTIONS=32       connections (wrk) and clients (pgbench)
#   BENCH_POOL_SIZE=8          DATABASE_POOL_SIZE of the measured server (see bench/README.md)
#   BENCH_POOL_SWEEP=""        e.g. "4 8 16": first measure BENCH_SWEEP_OPS with each pool size
#   BENCH_SWEEP_OPS="R1 R2 W1" BENCH_SWEEP_DURATION=8
#   BENCH_OPS="R1 R1s R2 R3 R4 R5 R5o R6 R7 R8 W1 W1f S1"   which operations to run (R1s = R1 on the small forum;
#                              R5o = R5 for a word common in old comments only (BENCH_OLD_WORD);
#                              R6 = a held forum's 100 action items, as its page lists them;
#                              R7 = a member's unread notification count;
#                              R8 = the record of the institution with 40,000 questions;
#                              R9 = the first page of a plan's 5,000 proposals, as its summary
#                              page lists them; R9s = that page's counts (by state, by origin);
#                              R2c = R2 revalidated: If-None-Match with R2's current ETag
#                              (304s; target ≥ 2× R2's req/s);
#                              W2 = registrations (each by the next large member, for the next
#                              of the run's forums), followed by E1: the CSV export of a forum's
#                              10,000 registrations and the server's RSS while it streams;
#                              W3 = supports (each by the next large member, for the next of
#                              the run's 100 proposals: every pair once);
#                              L1 = 1,000 live streams (SSE) open on W1's forum: the server's RSS
#                              for them, the arrival of one post on each, and W1 again with
#                              them open (BENCH_L1_STREAMS=1000; `bench/streams.py` holds them;
#                              BENCH_L1_FORUM: the streams' forum, R1's busy one by default);
#                              W1f = W1 on the forum 10,000 members follow, followed by F1: one
#                              comment there with a job worker running, and the time until its
#                              10,000 notifications exist;
#                              U1 = a 20 MB document file uploaded (PUT /documents/{id}/file):
#                              the server's RSS sampled every 20 ms while it streams the file
#                              to the store, against the RSS just before (target < 10 MB);
#                              S1 = sign-in, also followed by bursts of 64 simultaneous sign-ins
#                              and `opendetat hash-bench`, its ceiling)
#   BENCH_DATABASE_URL         default <server from scripts/ensure-postgres.sh>/opendetat_bench
#   BENCH_PGBENCH_MODE=prepared  pgbench query protocol (simple | extended | prepared)
#   PGSSLMODE=disable          libpq's TLS mode for every connection of the run (the server's,
#                              pgbench's, psql's); see "PostgreSQL's transport" below
#   BENCH_IDLE_WAIT=30         before each measurement, wait up to this many seconds for the
#                              machine to be quiet (< 15 % busy over one second)
#   BENCH_SKIP_BUILD=1         use the existing target/release/opendetat
#   BENCH_UPDATE_README=0      leave bench/README.md alone
#   BENCH_KEEP_RAW=1           keep the raw outputs (wrk, pgbench, server log, RSS samples)
#   BENCH_BUSY_FORUM, BENCH_SMALL_FORUM, BENCH_WRITE_FORUM, BENCH_COMMITMENT, BENCH_ACTION_PLAN,
#   BENCH_POLICY_AREA, BENCH_SEARCH_WORD   what the operations read and write
set -euo pipefail
export LC_ALL=C

SMOKE=0
case "${1:-}" in
  --smoke) SMOKE=1 ;;
  "") ;;
  *) printf 'usage: bench/run.sh [--smoke]\n' >&2; exit 2 ;;
esac
if [ "$SMOKE" = 1 ]; then
  # Every row once, briefly: does each request still answer 2xx under load? Nothing measured.
  # Four connections: enough to run requests side by side, few enough that sign-ins (two
  # hashing slots) do not queue past their wait on a busy CI machine.
  BENCH_DURATION="${BENCH_DURATION:-1}" BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-4}"
  BENCH_WARMUP=0 BENCH_IDLE_WAIT=0 BENCH_UPDATE_README=0
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BENCH="$ROOT/bench"
cd "$ROOT"

DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-3}"
CONNS="${BENCH_CONNECTIONS:-32}"
POOL="${BENCH_POOL_SIZE:-8}"
OPS="${BENCH_OPS:-R1 R1s R2 R2c R3 R4 R5 R5o R6 R7 R8 R9 R9s W1 L1 W1f W2 W3 S1 E2 U1}"
# E2 (the open-data export) and L1 (live streams) are measured on their own, not by wrk: they
# are taken out of OPS, which the wrk loop, the SQL capture and the report read. BENCH_OPS=E2
# runs that row alone; BENCH_OPS=L1 measures W1's load without streams itself.
E2_ON=0
L1_ON=0
U1_ON=0
without_op() { OPS="$(printf '%s\n' $OPS | { grep -vx "$1" || true; } | tr '\n' ' ')"; OPS="${OPS% }"; }
if [[ " $OPS " == *" E2 "* ]]; then E2_ON=1; without_op E2; fi
if [[ " $OPS " == *" L1 "* ]]; then L1_ON=1; without_op L1; fi
if [[ " $OPS " == *" U1 "* ]]; then U1_ON=1; without_op U1; fi
L1_STREAMS="${BENCH_L1_STREAMS:-1000}"
SWEEP="${BENCH_POOL_SWEEP:-}"
SWEEP_OPS="${BENCH_SWEEP_OPS:-R1 R2 W1}"
SWEEP_DURATION="${BENCH_SWEEP_DURATION:-8}"
IDLE_WAIT="${BENCH_IDLE_WAIT:-30}"
PG_MODE="${BENCH_PGBENCH_MODE:-prepared}"
BUSY_FORUM="${BENCH_BUSY_FORUM:-forum-large-busy-0}"
SMALL_FORUM="${BENCH_SMALL_FORUM:-forum-large-small}"
WRITE_FORUM="${BENCH_WRITE_FORUM:-forum-large-busy-4}"
COMMITMENT="${BENCH_COMMITMENT:-FR0041}"
ACTION_PLAN="${BENCH_ACTION_PLAN:-fr-2018-2020}"
POLICY_AREA="${BENCH_POLICY_AREA:-E-Government}"
SEARCH_WORD="${BENCH_SEARCH_WORD:-transparence}"
OLD_WORD="${BENCH_OLD_WORD:-patrimoine}"
HELD_FORUM="${BENCH_HELD_FORUM:-forum-large-busy-1}"
FOLLOWED_FORUM="${BENCH_FOLLOWED_FORUM:-forum-large-busy-3}"
CO_CREATION_PLAN="${BENCH_CO_CREATION_PLAN:-plan-large-co-creation}"
BENCH_EMAIL_DOMAIN="bench.opendetat.test"

say() {
  if [ "$SMOKE" = 1 ]; then printf 'bench: [%3d s] %s\n' "$SECONDS" "$*" >&2; else printf 'bench: %s\n' "$*" >&2; fi
}
die() { say "error: $*"; exit 1; }

# Smoke: a few streams are enough to see that each one hears the post.
[ "$SMOKE" = 1 ] && L1_STREAMS="${BENCH_L1_STREAMS:-50}"
for n in DURATION WARMUP CONNS POOL SWEEP_DURATION IDLE_WAIT L1_STREAMS; do
  case "${!n}" in '' | *[!0-9]*) die "$n must be a whole number, not '${!n}'" ;; esac
done
case "$PG_MODE" in simple | extended | prepared) ;; *) die "BENCH_PGBENCH_MODE: simple, extended or prepared" ;; esac

STARTED_EPOCH="$(date +%s)"
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    say "installing wrk (Debian package)..."
    apt-get install -y -q wrk >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1; } \
      || die "could not install wrk; install it (apt-get install wrk) and run again"
  else
    die "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)"
  fi
fi
for t in cargo psql curl python3 timeout; do
  need "$t" || die "$t is missing (psql: apt-get install postgresql-client)"
done
[ "$SMOKE" = 1 ] || need pgbench || die "pgbench is missing (Debian: apt-get install postgresql-client)"

# ---------------------------------------------------------------------------------------------
# Build, database
# ---------------------------------------------------------------------------------------------
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/opendetat"
if [ "$SMOKE" = 1 ]; then
  # The smoke checks that every row runs, not how fast: the debug build CI has already made.
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/opendetat"
  # (`--workspace --bins`, as `make test` builds it: the same features, so nothing is rebuilt.)
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then cargo build -q --workspace --bins >&2; fi
elif [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  say "building the release server (cargo build --release -p opendetat)..."
  cargo build --release -p opendetat >&2
fi
[ -x "$BIN" ] || die "no server binary at $BIN"

# PostgreSQL's transport: plain TCP on the loopback unless told otherwise. libpq's default
# (`prefer`) encrypts whenever the server offers TLS — Debian's cluster does, with its snakeoil
# certificate; the private cluster of ensure-postgres.sh and the compose file's `postgres:15`
# do not — so the same run measured different work on different machines (TLS was 6.5 % of
# the server's time on R9). The server, pgbench and psql all inherit this one setting, so API
# and ceiling always run over the same transport; the report says which.
export PGSSLMODE="${PGSSLMODE:-disable}"
PG_SERVER="$(scripts/ensure-postgres.sh)"
DB_URL="${BENCH_DATABASE_URL:-$PG_SERVER/opendetat_bench}"
[ "$SMOKE" = 1 ] && DB_URL="${BENCH_DATABASE_URL:-$PG_SERVER/opendetat_bench_smoke}"
DB_SHOWN="$(printf '%s' "$DB_URL" | sed -E 's#(://[^:/@]+):[^@]*@#\1:***@#')"
DB_NAME="${DB_URL%%\?*}"
DB_NAME="${DB_NAME##*/}"
q() { psql "$DB_URL" -w -X -q -v ON_ERROR_STOP=1 -At -c "$1"; }

large_users() {
  psql "$DB_URL" -w -X -q -At -c \
    "SELECT count(*) FROM users WHERE email LIKE '%@large.opendetat.test'" 2>/dev/null || echo 0
}
co_creation_plans() {
  psql "$DB_URL" -w -X -q -At -c \
    "SELECT count(*) FROM action_plans WHERE slug = '$CO_CREATION_PLAN'" 2>/dev/null || echo 0
}
drop_smoke_db() {
  psql "${DB_URL%/*}/postgres" -w -X -q -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null
}
if [ "$SMOKE" = 1 ]; then
  say "smoke: a fresh $DB_SHOWN with the small seed..."
  drop_smoke_db
  psql "${DB_URL%/*}/postgres" -w -X -q -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
  timeout 300 env -u DATABASE_READ_URL -u JWT_SECRET OPENDETAT_ENV=dev DATABASE_URL="$DB_URL" \
    RUST_LOG=warn "$BIN" seed >&2 || die "seeding the smoke database failed"
  # The small seed's counterparts of what the large seed names: the forums with the most and the
  # fewest comments, the one with the most action items, the most asked institution.
  pick() { q "$1" | head -n 1; }
  BUSY_FORUM="$(pick "SELECT f.slug FROM forums f LEFT JOIN comments c ON c.subject_id = f.subject_id
                     GROUP BY f.id ORDER BY count(c.id) DESC, f.id LIMIT 1")"
  SMALL_FORUM="$(pick "SELECT f.slug FROM forums f LEFT JOIN comments c ON c.subject_id = f.subject_id
                      GROUP BY f.id ORDER BY count(c.id), f.id LIMIT 1")"
  WRITE_FORUM="$SMALL_FORUM"
  FOLLOWED_FORUM="$BUSY_FORUM"
  HELD_FORUM="$(pick "SELECT f.slug FROM forums f LEFT JOIN action_items a ON a.forum_id = f.id
                     GROUP BY f.id ORDER BY count(a.id) DESC, f.id LIMIT 1")"
  BENCH_INSTITUTION="$(pick "SELECT i.slug FROM institutions i LEFT JOIN questions q ON q.institution_id = i.id
                            GROUP BY i.id ORDER BY count(q.id) DESC, i.id LIMIT 1")"
  # W2's members (1,000 consecutive accounts, addresses confirmed), who also follow W1f's forum,
  # so that F1 has notifications to wait for.
  q "INSERT INTO users (email, display_name, password_hash, role, email_verified_at)
     SELECT 'member-' || n || '@smoke.opendetat.test', 'Membre ' || n, '!', 'member', now()
     FROM generate_series(1, 1000) n;
     INSERT INTO follows (user_id, subject_id)
     SELECT u.id, f.subject_id FROM users u, forums f
      WHERE u.email LIKE '%@smoke.opendetat.test' AND f.slug = '$FOLLOWED_FORUM'" >/dev/null
  BENCH_REGISTERED_FORUM="$(pick "SELECT f.slug FROM forums f LEFT JOIN registrations r ON r.forum_id = f.id
                                 GROUP BY f.id ORDER BY count(r.id) DESC, f.id LIMIT 1")"
  # R9's plan being co-created, as the large seed makes it (the same script), with 300 proposals.
  CO_CREATION_PLAN=plan-smoke-co-creation
  sed -e "s/__PLAN__/$CO_CREATION_PLAN/g" -e 's/__PROPOSALS__/300/g' \
      -e 's/__MEMBERS__/%@smoke.opendetat.test/g' -e 's/__INSTITUTION__//g' \
      backend/src/seed_large/co_creation.sql \
    | psql "$DB_URL" -w -X -q -1 -v ON_ERROR_STOP=1 >/dev/null || die "loading the smoke's proposals failed"
elif [ "$(large_users)" = 0 ] || [ "$(co_creation_plans)" = 0 ]; then
  # (A large database seeded before a part was added gets that part from the same command.)
  say "$DB_SHOWN lacks (part of) the large dataset: running opendetat seed --scale large (takes a minute or two)..."
  seed_started="$(date +%s)"
  timeout 1200 env -u DATABASE_READ_URL -u JWT_SECRET OPENDETAT_ENV=dev DATABASE_URL="$DB_URL" \
    RUST_LOG=info "$BIN" seed --scale large >&2 || die "seeding the large dataset failed"
  say "seeded in $(($(date +%s) - seed_started)) s"
  [ "$(large_users)" != 0 ] && [ "$(co_creation_plans)" != 0 ] || die "the seed did not load the large dataset"
fi

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/opendetat-bench.XXXXXX")"
mkdir -p "$BENCH/results" "$RUN_DIR/no-static"
SERVER_PID=""
SAMPLER_PID=""

# What the run's posts left (comments, their events, fan-out jobs and notifications): deleted
# after each write operation, so that the next one starts from the same data, and at the end.
# The event log refuses DELETE through a trigger, which session_replication_role = replica (a
# superuser's setting, for this benchmark database only) switches off for this one session.
delete_bench_posts() {
  q "SET session_replication_role = replica;
     DELETE FROM notifications WHERE actor_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN');
     DELETE FROM jobs WHERE kind = 'notifications_fan_out' AND (payload->>'event_id')::int8 IN
       (SELECT id FROM events WHERE actor_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN'));
     DELETE FROM events WHERE actor_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN');
     DELETE FROM comments WHERE author_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN');" >/dev/null
}

# Everything the run made: its posts, then its accounts and their mails.
delete_bench_data() {
  delete_bench_posts 2>/dev/null || true
  w3_clear 2>/dev/null || true
  q "DELETE FROM jobs WHERE kind = 'mail' AND payload->>'to' LIKE 'bench-%@$BENCH_EMAIL_DOMAIN';
     DELETE FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN';" >/dev/null 2>&1 || true
}

stop_server() {
  if [ -n "$SAMPLER_PID" ]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

on_exit() {
  local rc=$?
  stop_server
  if [ "$SMOKE" = 1 ]; then drop_smoke_db 2>/dev/null || true; else delete_bench_data; fi
  if [ "$rc" != 0 ] && [ -f "$RUN_DIR/server.log" ]; then
    say "server log (last lines):"
    tail -n 20 "$RUN_DIR/server.log" >&2 || true
  fi
  if [ "${BENCH_KEEP_RAW:-0}" = 1 ]; then
    say "raw outputs kept in $RUN_DIR"
  else
    rm -rf "$RUN_DIR"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# R5o's word, common in old comments only: appended once (kept: the bench database is the
# benchmark's own) to one public comment in ten between the 10th and 40th percentiles of ids,
# about 32,000 comments of the large dataset, the newest 60 % of comments without it.
if [[ " $OPS " == *" R5o "* ]] \
  && [ "$(q "SELECT count(*) FROM (SELECT 1 FROM comments WHERE search_vector @@ plainto_tsquery('public.fr_unaccent', '$OLD_WORD') LIMIT 1) t")" = 0 ]; then
  say "R5o: appending \"$OLD_WORD\" to old comments (once)..."
  q "UPDATE comments SET body = body || ' $OLD_WORD',
            body_html = regexp_replace(body_html, '</p>\\s*\$', ' $OLD_WORD</p>')
      WHERE id % 10 = 0 AND NOT on_record AND deleted_at IS NULL AND hidden_at IS NULL
        AND id >  (SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY id) FROM comments)
        AND id <= (SELECT percentile_disc(0.4) WITHIN GROUP (ORDER BY id) FROM comments)" >/dev/null
fi

# A run interrupted earlier may have left its account and comments behind; and deleted rows
# left at the head of the recency index slow the scans that start there until vacuumed.
delete_bench_data
q "VACUUM (ANALYZE) comments" >/dev/null

# Do bench/sql/*.sql still hold what the server sends? (bench/capture-sql.sh reads the server's
# statements from the PostgreSQL log; skipped when that log cannot be read.)
SQL_CHECK="skipped"
SQL_DRIFT=""
if [ "$SMOKE" = 1 ]; then
  SQL_CHECK="skipped (smoke run)"
elif [ -z "$OPS" ]; then
  SQL_CHECK="skipped (no wrk row: E2 or L1 alone)"
elif ! BENCH_DATABASE_URL="$DB_URL" timeout 180 "$BENCH/capture-sql.sh" $OPS >"$RUN_DIR/capture.txt" 2>"$RUN_DIR/capture.err"; then
  # (An unreadable PostgreSQL log, an operation capture-sql.sh does not know, a time-out.)
  SQL_CHECK="skipped (bench/capture-sql.sh failed: $(grep -v '^ensure-postgres' "$RUN_DIR/capture.err" | tail -n 1 | cut -c1-160))"
else
  if python3 "$BENCH/report.py" check-sql "$RUN_DIR/capture.txt" "$BENCH/sql" >"$RUN_DIR/sql-check.txt"; then
    SQL_CHECK="ok: bench/sql matches the statements the server sent"
  else
    SQL_DRIFT="$(grep -E '^[A-Z0-9a-z]+: DIFFERS' "$RUN_DIR/sql-check.txt" | cut -d: -f1 | tr '\n' ' ')"
    SQL_CHECK="DIFFERS for ${SQL_DRIFT% }: the ceiling of those rows is not for the SQL the server runs"
    say "warning: bench/sql is out of step with the server for: $SQL_DRIFT (details below; update the files)"
    cat "$RUN_DIR/sql-check.txt" >&2
  fi
fi
say "SQL check: $SQL_CHECK"

# ---------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------
SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
  local pool="$1" port i
  port="$(free_port)"
  # A descriptor per connection: L1's streams with wrk's connections and the pool pass the
  # usual soft limit of 1,024. Raised for this shell, so for the server it starts.
  if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((L1_STREAMS + 1024)) ]; then
    ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n $((L1_STREAMS + 1024)) 2>/dev/null \
      || say "warning: ulimit -n is $(ulimit -n) (hard limit $(ulimit -Hn)): L1's streams may be refused"
  fi
  BASE="http://127.0.0.1:$port"
  # Sign-in's per-address budget is set so high that it refuses nothing (all the load comes from
  # one address) while its SQL still runs on every sign-in. No job worker runs (JOB_WORKERS=0):
  # the sign-up mails stay queued, never sent (SMTP_URL is never dialled), and are deleted with
  # the run's accounts; the posts' notification fan-out jobs (W1, W1f) stay queued too, and are
  # deleted with the run's events (F1 starts a worker of its own). L1's streams all come from
  # 127.0.0.1 too: the per-address cap of open streams is set above their number.
  env -u DATABASE_READ_URL OPENDETAT_ENV=production JWT_SECRET="$SECRET" DATABASE_URL="$DB_URL" \
    PUBLIC_URL="http://127.0.0.1:$port" SMTP_URL="smtp://127.0.0.1:9" JOB_WORKERS=0 \
    DATABASE_POOL_SIZE="$pool" BIND_ADDR="127.0.0.1:$port" RUST_LOG=warn \
    RATE_LIMIT_SIGN_IN="$SIGN_IN_LIMIT" RATE_LIMIT_SIGN_UP="$SIGN_IN_LIMIT" RATE_LIMIT_POSTING=100000000/1m \
    RATE_LIMIT_API_ANONYMOUS="${BENCH_API_LIMIT:-1000000000/1m}" RATE_LIMIT_API_AUTHENTICATED="${BENCH_API_LIMIT:-1000000000/1m}" \
    STREAM_MAX_PER_ADDRESS=$((L1_STREAMS + 100)) TWO_FACTOR_ROLES=none \
    STATIC_DIR="$RUN_DIR/no-static" "$BIN" serve >>"$RUN_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited at start-up (see its log below)"
    if curl -fsS -m 2 -o /dev/null "$BASE/readyz" 2>/dev/null; then break; fi
    [ "$i" = 120 ] && die "the server was not ready within 60 s"
    sleep 0.5
  done
  # RSS every 0.5 s: "<epoch seconds> <VmRSS kB>".
  (
    while kill -0 "$SERVER_PID" 2>/dev/null; do
      while read -r key value _; do
        if [ "$key" = "VmRSS:" ]; then echo "$EPOCHREALTIME $value"; fi
      done <"/proc/$SERVER_PID/status" 2>/dev/null || true
      sleep 0.5
    done
  ) >>"$RUN_DIR/rss.tsv" 2>/dev/null &
  SAMPLER_PID=$!
}

proc_status() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

TOKEN=""
USER_ID=""
SESSION_ID=""
USER_EMAIL=""
USER_PASSWORD=""
SIGN_IN_LIMIT="1000000000/1m"
sign_up() {
  local email password out
  email="bench-$STAMP-$$@$BENCH_EMAIL_DOMAIN"
  email="$(printf '%s' "$email" | tr 'A-Z' 'a-z')"
  password="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
  USER_EMAIL="$email"
  USER_PASSWORD="$password"
  curl -fsS -m 30 -o /dev/null -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\",\"display_name\":\"Banc d'essai\"}" \
    "$BASE/api/v1/auth/register" || die "sign-up failed"
  # The address is confirmed here instead of by the mail's link (no worker sends it).
  q "UPDATE users SET email_verified_at = now() WHERE email = '$email'" >/dev/null
  out="$(curl -sS -m 30 -X POST -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE/api/v1/auth/login")" \
    || die "sign-in failed"
  TOKEN="$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')" \
    || die "sign-in failed: $out"
  USER_ID="$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["id"])')"
  # The session the token carries (its account lookup asks whether the session is still on).
  SESSION_ID="$(q "SELECT max(id) FROM sessions WHERE user_id = $USER_ID")"
  # R7's member has notifications like the large seed's users: 300, 150 of them unread (more
  # than the count's cap of 100).
  q "INSERT INTO notifications (user_id, event_id, reason, created_at, read_at, mail)
     SELECT $USER_ID, -k, 'new_comment', now() - k * interval '1 hour',
            CASE WHEN k % 2 = 0 THEN now() END, 'digested' FROM generate_series(1, 300) k" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# What each operation requests, and the values its SQL script needs (as the API computes them)
# ---------------------------------------------------------------------------------------------
say "reading the ids the operations use from $DB_SHOWN..."
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
forum_id() { q "SELECT id FROM forums WHERE slug = '$1'"; }
page_parents() {
  q "SELECT coalesce(array_agg(id ORDER BY created_at DESC, id DESC) FILTER (WHERE reply_count > 0), '{}')
       FROM (SELECT id, reply_count, created_at FROM comments
              WHERE subject_id = (SELECT subject_id FROM forums WHERE id = $1) AND parent_id IS NULL
              ORDER BY created_at DESC, id DESC LIMIT 20) t"
}
BUSY_ID="$(forum_id "$BUSY_FORUM")"
SMALL_ID="$(forum_id "$SMALL_FORUM")"
[ -n "$BUSY_ID" ] && [ -n "$SMALL_ID" ] && [ -n "$(forum_id "$WRITE_FORUM")" ] \
  || die "forums $BUSY_FORUM, $SMALL_FORUM and $WRITE_FORUM must exist (large seed)"
subject_of() { q "SELECT subject_id FROM forums WHERE slug = '$1'"; }
BUSY_SUBJECT="$(subject_of "$BUSY_FORUM")"
SMALL_SUBJECT="$(subject_of "$SMALL_FORUM")"
WRITE_SUBJECT="$(subject_of "$WRITE_FORUM")"
BUSY_PARENTS="$(page_parents "$BUSY_ID")"
SMALL_PARENTS="$(page_parents "$SMALL_ID")"
read -r C_ID C_PLAN <<<"$(q "SELECT id || ' ' || action_plan_id FROM commitments WHERE code = '$COMMITMENT'")"
[ -n "${C_ID:-}" ] || die "commitment $COMMITMENT not found"
UPCOMING="$(q "SELECT coalesce(array_agg(id ORDER BY starts_at, id), '{}')
                 FROM (SELECT id, starts_at FROM forums WHERE ends_at >= '$NOW'
                        ORDER BY starts_at, id LIMIT 20) t")"
R3_FORMATS="$(q "SELECT coalesce(array_agg(DISTINCT format_version_id), '{}') FROM forums
                  WHERE id = ANY('$UPCOMING'::int8[]) AND format_version_id IS NOT NULL")"
PLAN_ID="$(q "SELECT id FROM action_plans WHERE slug = '$ACTION_PLAN'")"
[ -n "$PLAN_ID" ] || die "action plan $ACTION_PLAN not found"
R4_IDS="$(q "SELECT coalesce(array_agg(id ORDER BY code), '{}')
               FROM (SELECT id, code FROM commitments
                      WHERE action_plan_id = $PLAN_ID AND policy_areas @> ARRAY['$POLICY_AREA']
                      ORDER BY code LIMIT 20) t")"
# The search ranks search::COMMENT_CANDIDATES recent matches; the ids the hits are about come
# from the API's answer to the probe request (see probe).
CANDIDATES="$(sed -nE 's/^pub const COMMENT_CANDIDATES: i64 = ([0-9_]+);.*/\1/p' backend/src/resources/search/dto.rs | tr -d _)"
CANDIDATES="${CANDIDATES:-200}"
R5_FORUMS='{}'
# R6: the held forum, the ids of its first 100 action items and of the commitments they serve.
HELD_ID="$(q "SELECT id FROM forums WHERE slug = '$HELD_FORUM'")"
[ -n "$HELD_ID" ] || die "forum $HELD_FORUM not found"
R6_ITEMS="$(q "SELECT coalesce(array_agg(id ORDER BY due_on, id), '{}')
                FROM (SELECT id, due_on FROM action_items WHERE forum_id = $HELD_ID
                       ORDER BY due_on, id LIMIT 100) t")"
R6_COMMITMENTS="$(q "SELECT coalesce(array_agg(DISTINCT commitment_id), '{}') FROM action_items
                      WHERE id = ANY('$R6_ITEMS'::int8[]) AND commitment_id IS NOT NULL")"
R6_INSTITUTIONS="$(q "SELECT coalesce(array_agg(DISTINCT owner_institution_id), '{}') FROM action_items
                      WHERE id = ANY('$R6_ITEMS'::int8[]) AND owner_institution_id IS NOT NULL")"
[ "$R6_ITEMS" != '{}' ] || die "forum $HELD_FORUM has no action items (re-seed: opendetat seed --scale large)"
# R8: the institution with 40,000 questions (its record is read from maintained aggregates).
BUSY_INSTITUTION="${BENCH_INSTITUTION:-institution-large}"
R8_ID="$(q "SELECT id FROM institutions WHERE slug = '$BUSY_INSTITUTION'")"
[ -n "$R8_ID" ] || die "institution $BUSY_INSTITUTION not found (re-seed: opendetat seed --scale large)"
# R9: the plan being co-created, and what its first page of proposals (20, newest first) names,
# each list in the page's order, as queries::present collects them.
R9_PLAN_ID="$(q "SELECT id FROM action_plans WHERE slug = '$CO_CREATION_PLAN'")"
[ -n "$R9_PLAN_ID" ] || die "action plan $CO_CREATION_PLAN not found (re-seed: opendetat seed --scale large)"
r9_ids() {
  q "SELECT coalesce(array_agg($1 ORDER BY id DESC) FILTER (WHERE $1 IS NOT NULL), '{}')
       FROM (SELECT * FROM proposals WHERE action_plan_id = $R9_PLAN_ID ORDER BY id DESC LIMIT 20) t"
}
R9_PAGE="$(r9_ids id)"
R9_COMMITMENTS="$(r9_ids commitment_id)"
R9_FORUMS="$(r9_ids forum_id)"
R9_AUTHORS="$(r9_ids author_id)"
# (None of them was merged into another: the API skips that lookup, and so does its SQL.)
[ "$SMOKE" = 1 ] || [ "$(r9_ids merged_into_id)" = '{}' ] \
  || die "R9: the first page of $CO_CREATION_PLAN holds a merged proposal; bench/sql/r9_proposals_page.sql assumes none"
FOLLOWED_SUBJECT="$(subject_of "$FOLLOWED_FORUM")"
FOLLOWERS="$(q "SELECT count(*) FROM follows WHERE subject_id = '${FOLLOWED_SUBJECT:-0}'")"
[ -n "$FOLLOWED_SUBJECT" ] && { [ "$SMOKE" = 1 ] || [ "$FOLLOWERS" -ge 10000 ]; } \
  || die "forum $FOLLOWED_FORUM must have 10,000 followers (re-seed: opendetat seed --scale large)"
R5_COMMITMENTS='{}'
R5_MILESTONES='{}'
W1_BODY='Merci pour ce compte rendu ! **Quand** aura lieu le prochain atelier sur les données ouvertes ?'
W1_JSON="$(printf '{"body":"%s"}' "$W1_BODY")"
W1_HTML=""   # the API's rendering, read from its first answer
W1_EVENT=""  # the payload of the event the API wrote for its first answer

# S1's accounts: many people signing in, each with the same password as the run's member.
SIGN_IN_EMAILS=""
ETAG=""        # R2c: the tag its requests send (read by its probe)
sign_up_many() {
  local i email emails=""
  for i in $(seq 1 "$1"); do
    email="bench-$STAMP-$$-s$i@$BENCH_EMAIL_DOMAIN"
    curl -fsS -m 30 -o /dev/null -X POST -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$USER_PASSWORD\",\"display_name\":\"Banc d'essai $i\"}" \
      "$BASE/api/v1/auth/register" || die "sign-up of S1's account $i failed"
    emails="${emails:+$emails,}$email"
  done
  # An account signs in once its address is confirmed: here in SQL (no worker sends the mail).
  q "UPDATE users SET email_verified_at = now()
     WHERE lower(email) LIKE lower('bench-$STAMP-$$-s%@$BENCH_EMAIL_DOMAIN')" >/dev/null
  SIGN_IN_EMAILS="$emails"
}

# op_setup OP: sets METHOD, REQ_PATH, BODY, SQL_FILE, PGVARS (and SCRIPT) for one operation.
op_setup() {
  METHOD=GET
  BODY=""
  SCRIPT="$BENCH/wrk/report.lua"
  PAIR_TARGETS="" PAIR_PATH="" PAIR_TARGETS_FIRST=0   # W2's and W3's (member, target) pairs
  AUTH=""   # reads are anonymous: a token would add the AuthUser lookup to them
  case "$1" in
    R1)
      REQ_PATH="/api/v1/forums/$BUSY_FORUM/comments"
      SQL_FILE=r1_threads.sql
      PGVARS=(-D "slug=$BUSY_FORUM" -D "subject_id=$BUSY_SUBJECT" -D "parents=$BUSY_PARENTS") ;;
    R1s)
      REQ_PATH="/api/v1/forums/$SMALL_FORUM/comments"
      SQL_FILE=r1_threads.sql
      PGVARS=(-D "slug=$SMALL_FORUM" -D "subject_id=$SMALL_SUBJECT" -D "parents=$SMALL_PARENTS") ;;
    R2)
      REQ_PATH="/api/v1/commitments/$COMMITMENT"
      SQL_FILE=r2_commitment.sql
      PGVARS=(-D "code=$COMMITMENT" -D "plan_ids={$C_PLAN}" -D "commitment_ids={$C_ID}") ;;
    R2c)
      # R2 as a caching client sends it: the ETag of its last full answer in If-None-Match
      # (`wrk/revalidate.lua`; the probe gives the first one). Its SQL: the version read alone.
      REQ_PATH="/api/v1/commitments/$COMMITMENT"
      SCRIPT="$BENCH/wrk/revalidate.lua"
      SQL_FILE=r2c_version.sql
      PGVARS=() ;;
    R3)
      REQ_PATH="/api/v1/forums?when=upcoming"
      SQL_FILE=r3_forums_upcoming.sql
      PGVARS=(-D "now=$NOW" -D "forum_ids=$UPCOMING" -D "format_version_ids=$R3_FORMATS") ;;
    R4)
      REQ_PATH="/api/v1/commitments?action_plan=$ACTION_PLAN&policy_area=$POLICY_AREA"
      SQL_FILE=r4_commitments_filtered.sql
      PGVARS=(-D "plan_slug=$ACTION_PLAN" -D "policy_areas={\"$POLICY_AREA\"}" -D "plan_ids={$PLAN_ID}"
              -D "commitment_ids=$R4_IDS") ;;
    R5)
      REQ_PATH="/api/v1/search?q=$SEARCH_WORD&type=comment"
      SQL_FILE=r5_search.sql
      PGVARS=(-D "q=$SEARCH_WORD" -D "kind=comment" -D "candidates=$CANDIDATES"
              -D "forum_ids=$R5_FORUMS" -D "commitment_ids=$R5_COMMITMENTS") ;;
    R5o)
      REQ_PATH="/api/v1/search?q=$OLD_WORD&type=comment"
      SQL_FILE=r5o_search_old.sql
      PGVARS=(-D "q=$OLD_WORD" -D "kind=comment" -D "candidates=$CANDIDATES"
              -D "forum_ids=$R5_FORUMS") ;;
    R6)
      REQ_PATH="/api/v1/action-items?forum=$HELD_FORUM&limit=100"
      SQL_FILE=r6_action_items.sql
      PGVARS=(-D "slug=$HELD_FORUM" -D "forum_ids={$HELD_ID}"
              -D "item_ids=$R6_ITEMS" -D "commitment_ids=$R6_COMMITMENTS" -D "institution_ids=$R6_INSTITUTIONS"
              -D "not_closed={open,in_progress}") ;;
    R7)
      AUTH="$TOKEN"
      REQ_PATH="/api/v1/me/notifications/unread-count"
      SQL_FILE=r7_unread_count.sql
      PGVARS=(-D "user_id=$USER_ID" -D "sid=$SESSION_ID" -D "cap=101") ;;
    R8)
      REQ_PATH="/api/v1/institutions/$BUSY_INSTITUTION/record"
      SQL_FILE=r8_institution_record.sql
      PGVARS=(-D "slug=$BUSY_INSTITUTION" -D "institution_ids={$R8_ID}") ;;
    R9)
      REQ_PATH="/api/v1/action-plans/$CO_CREATION_PLAN/proposals?limit=20"
      SQL_FILE=r9_proposals_page.sql
      PGVARS=(-D "slug=$CO_CREATION_PLAN" -D "plan_id=$R9_PLAN_ID" -D "commitment_ids=$R9_COMMITMENTS"
              -D "forum_ids=$R9_FORUMS" -D "author_ids=$R9_AUTHORS" -D "page_ids=$R9_PAGE") ;;
    R9s)
      REQ_PATH="/api/v1/action-plans/$CO_CREATION_PLAN/proposals/summary"
      SQL_FILE=r9s_proposals_summary.sql
      PGVARS=(-D "slug=$CO_CREATION_PLAN" -D "plan_id=$R9_PLAN_ID") ;;
    W1 | W1f)
      # The same post, where nobody follows (W1) or where 10,000 members do (W1f).
      local forum="$WRITE_FORUM" subject="$WRITE_SUBJECT"
      [ "$1" = W1f ] && forum="$FOLLOWED_FORUM" subject="$FOLLOWED_SUBJECT"
      METHOD=POST
      BODY="$W1_JSON"
      AUTH="$TOKEN"
      REQ_PATH="/api/v1/forums/$forum/comments"
      SQL_FILE=w1_post_comment.sql
      PGVARS=(-D "user_id=$USER_ID" -D "sid=$SESSION_ID" -D "posting_key=posting:$USER_ID" -D "posting_interval=$(python3 -c 'print(60 / 100000000)')"
              -D "posting_window=60" -D "slug=$forum" -D "subject_id=$subject"
              -D "body=$W1_BODY" -D "body_html=$W1_HTML" -D "event_type=comment.created"
              -D "event_kind=comment" -D "audited=false" -D "payload=$W1_EVENT" -D "job_kinds={notifications_fan_out}") ;;
    S1)
      METHOD=POST
      [ -n "$SIGN_IN_EMAILS" ] || sign_up_many "$([ "$SMOKE" = 1 ] && echo 8 || echo 64)"
      BODY="$(printf '{"email":"%s","password":"%s"}' "$USER_EMAIL" "$USER_PASSWORD")"
      SCRIPT="$BENCH/wrk/signin.lua"
      REQ_PATH="/api/v1/auth/login"
      SQL_FILE=s1_sign_in.sql
      # The budget's interval and window as auth::ip_limit computes them from SIGN_IN_LIMIT.
      read -r S1_INTERVAL S1_WINDOW <<<"$(python3 -c '
import sys
n, period = sys.argv[1].split("/")
secs = float(period[:-1]) * {"s": 1, "m": 60, "h": 3600}[period[-1]]
interval = secs / int(n)
print(repr(interval), repr(interval * int(n)))' "$SIGN_IN_LIMIT")"
      PGVARS=(-D "bucket=sign_in:127.0.0.1" -D "interval=$S1_INTERVAL" -D "burst_window=$S1_WINDOW"
              -D "email=$USER_EMAIL" -D "pair_key=account:bench|127.0.0.1" -D "account_key=account:bench"
              -D "keys={account:bench,account:bench|127.0.0.1}" -D "user_id=$USER_ID"
              -D "expires_at=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)" -D "device=wrk" -D "family=ipv4" -D "f=f") ;;
    W2)
      METHOD=POST
      BODY='{}'
      AUTH="$TOKEN"
      SCRIPT="$BENCH/wrk/pairs.lua"
      PAIR_TARGETS="$W2_API_FORUMS" PAIR_PATH="/api/v1/forums/{}/registrations" PAIR_TARGETS_FIRST=0
      REQ_PATH="/api/v1/forums/bench-w2-api-1/registrations"
      SQL_FILE=w2_register.sql
      PGVARS=(-D "first_user=$W2_FIRST_USER" -D "users=$W2_USERS" -D "forums=$W2_FORUMS"
              -D "starts_at=$W2_STARTS_AT" -D "reminder_at=$W2_REMINDER_AT" -D "payload=$W2_PAYLOAD"
              -D "event_payload=$W2_EVENT" -D "now=$NOW" -D "cancelled=cancelled" -D "registered=registered"
              -D "f=f" -D "queued=queued" -D "event_type=registration.created" -D "event_kind=registration"
              -D "mail_kind=mail" -D "reminders_kind=forum_reminders" -D 'when_format=DD/MM/YYYY "à" HH24:MI') ;;
    W3)
      # The probe: the run's member supports the first of the API's proposals; wrk's requests
      # go to all of them (`wrk/pairs.lua`).
      METHOD=POST
      AUTH="$TOKEN"
      SCRIPT="$BENCH/wrk/pairs.lua"
      PAIR_TARGETS="$W3_API_PROPOSALS" PAIR_PATH="/api/v1/proposals/{}/supports" PAIR_TARGETS_FIRST=1
      REQ_PATH="/api/v1/proposals/${W3_API_PROPOSALS%%,*}/supports"
      SQL_FILE=w3_support.sql
      PGVARS=(-D "first_user=$W2_FIRST_USER" -D "users=$W2_USERS" -D "first_proposal=$W3_FIRST_PG"
              -D "proposals=$W3_PROPOSALS" -D "plan_id=$W3_PLAN_ID" -D "event_type=proposal.supported"
              -D "event_kind=proposal" -D "f=f" -D "payload={}") ;;
    *) die "unknown operation $1 (R1 R1s R2 R2c R3 R4 R5 R5o R6 R7 R8 R9 R9s W1 L1 W1f W2 W3 S1 E2 U1)" ;;
  esac
}

# probe OP: one request; must answer 2xx.
probe() {
  local code
  local -a args=(-sS -m 60 -o "$RUN_DIR/$1.sample.json" -w '%{http_code}' -X "$METHOD")
  if [ -n "$BODY" ]; then args+=(-H 'Content-Type: application/json' --data-binary "$BODY"); fi
  if [ -n "$AUTH" ]; then args+=(-H "Authorization: Bearer $AUTH"); fi
  code="$(curl "${args[@]}" "$BASE$REQ_PATH")" || code=000
  if [ "$1" = R2c ]; then
    # The tag of the answer wrk's requests get (the same Accept as `wrk/report.lua`'s).
    ETAG="$(curl -sS -m 60 -o /dev/null -D - -H 'Accept: application/json' "$BASE$REQ_PATH" \
      | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')"
    [ -n "$ETAG" ] || code=000
  fi
  case "$code" in
    2??) ;;
    *) die "$1: $METHOD $REQ_PATH answered $code: $(head -c 300 "$RUN_DIR/$1.sample.json" 2>/dev/null)" ;;
  esac
  if [ "$1" = R5 ] || [ "$1" = R5o ]; then
    read -r R5_FORUMS R5_COMMITMENTS R5_MILESTONES <<<"$(python3 -c '
import json, sys
items = json.load(open(sys.argv[1]))["items"]
ids = {k: [] for k in ("forum", "commitment", "milestone")}
for it in items:
    t = it.get("target") or {}
    if t.get("type") in ids:
        ids[t["type"]].append(str(t["id"]))
print(" ".join("{" + ",".join(ids[k]) + "}" for k in ("forum", "commitment", "milestone")))
'  "$RUN_DIR/$1.sample.json")"
    op_setup "$1"
  fi
  if [ "$1" = W2 ] && [ -z "$W2_PAYLOAD" ]; then
    W2_PAYLOAD="$(q "SELECT payload FROM jobs WHERE kind = 'mail' AND payload->>'to' = '$USER_EMAIL'
                     AND payload->>'template' = 'registration_confirmed' ORDER BY id DESC LIMIT 1")"
    W2_EVENT="$(q "SELECT payload FROM events WHERE type = 'registration.created' AND actor_id = $USER_ID
                   ORDER BY id DESC LIMIT 1")"
    op_setup W2
  fi
  if { [ "$1" = W1 ] || [ "$1" = W1f ]; } && [ -z "$W1_HTML" ]; then
    W1_HTML="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["body_html"], end="")' \
      "$RUN_DIR/$1.sample.json")"
    W1_EVENT="$(q "SELECT payload FROM events WHERE type = 'comment.created' AND actor_id = $USER_ID
                   ORDER BY id DESC LIMIT 1")"
    op_setup "$1"
  fi
}

# load SECONDS OUT_JSON: wrk at $CONNS connections on the current operation (its CPU time in
# OUT_JSON minus .json plus .cpu).
load() {
  local secs="$1" out="$2"
  WRK_METHOD="$METHOD" WRK_BODY="$BODY" WRK_TOKEN="$AUTH" WRK_OUT="$out" WRK_ETAG="$ETAG" \
    WRK_TOKENS_FILE="$RUN_DIR/w2-tokens.txt" WRK_TARGETS="$PAIR_TARGETS" WRK_PATH="$PAIR_PATH" \
    WRK_TARGETS_FIRST="$PAIR_TARGETS_FIRST" WRK_OFFSET="$W2_OFFSET" \
    WRK_EMAILS="$SIGN_IN_EMAILS" WRK_PASSWORD="$USER_PASSWORD" WRK_REPORT_LUA="$BENCH/wrk/report.lua" \
    python3 "$BENCH/report.py" timed "${out%.json}.cpu" timeout $((secs + 60)) wrk -t 2 -c "$CONNS" -d "${secs}s" --timeout 30s \
    -s "$SCRIPT" "$BASE$REQ_PATH" >"${out%.json}.txt" 2>&1 \
    || say "warning: wrk exited with an error (see ${out%.json}.txt)"
}

# ---------------------------------------------------------------------------------------------
# Optional pool-size sweep (API only)
# ---------------------------------------------------------------------------------------------
if [ -n "$SWEEP" ]; then
  for p in $SWEEP; do
    case "$p" in '' | *[!0-9]*) die "BENCH_POOL_SWEEP: whole numbers, e.g. \"4 8 16\"" ;; esac
    say "pool sweep: DATABASE_POOL_SIZE=$p"
    start_server "$p"
    [ -n "$TOKEN" ] || sign_up
    for op in $SWEEP_OPS; do
      op_setup "$op"
      probe "$op"
      load 2 "$RUN_DIR/sweep-warm.json"
      load "$SWEEP_DURATION" "$RUN_DIR/sweep-$p-$op.json"
      python3 "$BENCH/report.py" sweep-row "$p" "$op" "$RUN_DIR/sweep-$p-$op.json" >>"$RUN_DIR/sweep.jsonl"
      say "  $op: $(tail -n 1 "$RUN_DIR/sweep.jsonl")"
    done
    stop_server
  done
  : >"$RUN_DIR/rss.tsv"
  # The sweep's W1 posts (tens of thousands, none containing the search word) would sit at the
  # head of the recency index that R5 walks, and make the measured run search through them.
  q "DELETE FROM comments WHERE author_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@$BENCH_EMAIL_DOMAIN')" >/dev/null
  q "VACUUM (ANALYZE) comments" >/dev/null
fi

# ---------------------------------------------------------------------------------------------
# W2's data: forums of its own (10 for the API, 10 for pgbench, open, a year ahead, 100,000
# seats), emptied before it runs; the large seed's members, their addresses confirmed, each
# with a token signed here with the run's secret (as /auth/login would give); a sequence for
# pgbench's pairs.
# ---------------------------------------------------------------------------------------------
W2_USERS=10000
W2_MEMBERS="%@large.opendetat.test"
if [ "$SMOKE" = 1 ]; then W2_USERS=1000 W2_MEMBERS="%@smoke.opendetat.test"; fi
W2_FORUMS=10
W2_OFFSET=0
W2_API_FORUMS="$(seq -s, -f 'bench-w2-api-%g' 1 "$W2_FORUMS")"
W2_FIRST_USER=""
W2_STARTS_AT=""
W2_REMINDER_AT=""
W2_PAYLOAD=""
W2_EVENT=""
w2_clear() {
  q "SET session_replication_role = replica;
     DELETE FROM events WHERE type LIKE 'registration.%' AND subject_ref IN
       (SELECT r.id FROM registrations r JOIN forums f ON f.id = r.forum_id WHERE f.slug LIKE 'bench-w2-%');
     DELETE FROM jobs WHERE kind = 'mail' AND payload->'forum'->>'url' LIKE '%/forums/bench-w2-%';
     DELETE FROM registrations WHERE forum_id IN (SELECT id FROM forums WHERE slug LIKE 'bench-w2-%');
     DELETE FROM jobs WHERE kind = 'forum_reminders' AND payload->>'forum_id' IN
       (SELECT id::text FROM forums WHERE slug LIKE 'bench-w2-%' AND slug <> 'bench-w2-capture');" >/dev/null
}
if [[ " $OPS " == *" W2 "* ]]; then
  say "W2: preparing its forums, members and tokens..."
  q "INSERT INTO forums (slug, title, theme, description, starts_at, ends_at, location, capacity, status)
     SELECT 'bench-w2-' || k || '-' || n, 'Forum du banc d''essai ' || n, 'Banc d''essai', '',
            date_trunc('day', now()) + interval '1 year', date_trunc('day', now()) + interval '1 year 2 hours',
            'Paris', 100000, 'open'
     FROM unnest(ARRAY['api', 'pg']) k, generate_series(1, $W2_FORUMS) n
     ON CONFLICT (slug) DO NOTHING;
     UPDATE forums SET starts_at = date_trunc('day', now()) + interval '1 year',
                       ends_at = date_trunc('day', now()) + interval '1 year 2 hours', status = 'open'
      WHERE slug ~ '^bench-w2-(api|pg)-';
     CREATE SEQUENCE IF NOT EXISTS bench_w2_seq;
     SELECT setval('bench_w2_seq', 1, false);" >/dev/null
  w2_clear
  read -r W2_STARTS_AT W2_REMINDER_AT <<<"$(q "SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || ' ' ||
                                                   to_char((starts_at - interval '48 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
                                              FROM forums WHERE slug = 'bench-w2-pg-1'")"
fi

# ---------------------------------------------------------------------------------------------
# W3's data: a plan of its own in preparation (R9's plan keeps its first page) with 100
# proposals for the API and 100 for pgbench (consecutive ids), their supports removed before
# it runs and after; the same members and tokens as W2; a sequence for pgbench's pairs.
# ---------------------------------------------------------------------------------------------
W3_PROPOSALS=100
W3_API_PROPOSALS=""
W3_FIRST_PG=""
W3_PLAN_ID=""
w3_clear() {
  q "SET session_replication_role = replica;
     DELETE FROM events WHERE type = 'proposal.supported' AND subject_ref IN
       (SELECT p.id FROM proposals p JOIN action_plans a ON a.id = p.action_plan_id WHERE a.slug = 'bench-w3');
     DELETE FROM proposal_supports WHERE proposal_id IN
       (SELECT p.id FROM proposals p JOIN action_plans a ON a.id = p.action_plan_id WHERE a.slug = 'bench-w3');
     UPDATE proposals SET support_count = 0
      WHERE support_count <> 0 AND action_plan_id = (SELECT id FROM action_plans WHERE slug = 'bench-w3');" >/dev/null
}
if [[ " $OPS " == *" W3 "* ]]; then
  say "W3: preparing its plan and proposals..."
  q "INSERT INTO action_plans (slug, country, title, period_start, period_end, status)
     SELECT 'bench-w3', 'France', 'Plan du banc d''essai', 2027, 2029, 'in_preparation'
      WHERE NOT EXISTS (SELECT 1 FROM action_plans WHERE slug = 'bench-w3');
     INSERT INTO proposals (action_plan_id, title, problem, problem_html, solution, solution_html, origin)
     SELECT a.id, 'Banc d''essai W3 ' || k || ' ' || n, 'Un problème.', '<p>Un problème.</p>',
            'Une solution.', '<p>Une solution.</p>', 'online'
       FROM action_plans a, unnest(ARRAY['api', 'pg']) k, generate_series(1, $W3_PROPOSALS) n
      WHERE a.slug = 'bench-w3'
        AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.action_plan_id = a.id AND p.title LIKE 'Banc d''essai W3 api %')
      ORDER BY k, n;
     CREATE SEQUENCE IF NOT EXISTS bench_w3_seq;
     SELECT setval('bench_w3_seq', 1, false);" >/dev/null
  w3_clear
  W3_API_PROPOSALS="$(q "SELECT string_agg(id::text, ',' ORDER BY id) FROM proposals
                          WHERE title LIKE 'Banc d''essai W3 api %'")"
  W3_FIRST_PG="$(q "SELECT min(id) FROM proposals WHERE title LIKE 'Banc d''essai W3 pg %'")"
  W3_PLAN_ID="$(q "SELECT id FROM action_plans WHERE slug = 'bench-w3'")"
  [ "$(q "SELECT max(id) - min(id) + 1 FROM proposals WHERE title LIKE 'Banc d''essai W3 pg %'")" = "$W3_PROPOSALS" ] \
    || die "W3: its pgbench proposals must be $W3_PROPOSALS with consecutive ids"
fi

# W2's and W3's members: the large seed's (the smoke's), addresses confirmed, each with a token
# signed here with the run's secret (as /auth/login would give).
if [[ " $OPS " == *" W2 "* ]] || [[ " $OPS " == *" W3 "* ]]; then
  q "UPDATE users SET email_verified_at = created_at
      WHERE email LIKE '$W2_MEMBERS' AND email_verified_at IS NULL" >/dev/null
  W2_FIRST_USER="$(q "SELECT min(id) FROM users WHERE email LIKE '$W2_MEMBERS'")"
  [ "$(q "SELECT max(id) - min(id) + 1 FROM users WHERE email LIKE '$W2_MEMBERS'")" = "$W2_USERS" ] \
    || die "W2, W3: the members ($W2_MEMBERS) must be $W2_USERS with consecutive ids"
  python3 "$BENCH/tokens.py" "$SECRET" "$W2_FIRST_USER" "$W2_USERS" >"$RUN_DIR/w2-tokens.txt"
fi

# ---------------------------------------------------------------------------------------------
# The measured run
# ---------------------------------------------------------------------------------------------
say "starting the server (production, pool $POOL, RUST_LOG=warn)..."
start_server "$POOL"
RSS_AT_START="$(proc_status "$SERVER_PID" VmRSS)"
[ -n "$TOKEN" ] || sign_up
RSS_AFTER_SIGNUP="$(proc_status "$SERVER_PID" VmRSS)"
HWM_AFTER_SIGNUP="$(proc_status "$SERVER_PID" VmHWM)"

for op in $OPS; do
  op_setup "$op"
  if [ "$SMOKE" = 1 ]; then
    say "$op: $METHOD $REQ_PATH — ${DURATION}s"
  else
    say "$op: $METHOD $REQ_PATH — warm-up ${WARMUP}s, API ${DURATION}s, then pgbench ${DURATION}s"
  fi
  probe "$op"
  if [ "$SMOKE" = 1 ]; then
    # wrk straight, without the CPU accounting: judged all together after the loop.
    WRK_METHOD="$METHOD" WRK_BODY="$BODY" WRK_TOKEN="$AUTH" WRK_OUT="$RUN_DIR/$op.wrk.json" WRK_ETAG="$ETAG" \
      WRK_TOKENS_FILE="$RUN_DIR/w2-tokens.txt" WRK_TARGETS="$PAIR_TARGETS" WRK_PATH="$PAIR_PATH" \
      WRK_TARGETS_FIRST="$PAIR_TARGETS_FIRST" WRK_OFFSET=20000 \
      WRK_EMAILS="$SIGN_IN_EMAILS" WRK_PASSWORD="$USER_PASSWORD" WRK_REPORT_LUA="$BENCH/wrk/report.lua" \
      timeout $((DURATION + 60)) wrk -t 1 -c "$CONNS" -d "${DURATION}s" --timeout 30s \
      -s "$SCRIPT" "$BASE$REQ_PATH" >"$RUN_DIR/$op.wrk.txt" 2>&1 || say "warning: wrk exited with an error"
    case "$op" in
      W1 | W1f) delete_bench_posts ;;
      W2) w2_clear ;;
      W3) w3_clear ;;
    esac
    continue
  fi
  busy_before="$(python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15)"
  [ "$busy_before" -lt 15 ] || say "  the machine is busy (${busy_before} % over 1 s) with other work: measuring anyway"
  W2_OFFSET=0
  [ "$WARMUP" -gt 0 ] && load "$WARMUP" "$RUN_DIR/$op.warmup.json"
  # W2's and W3's measured runs start past any pair the warm-up may have used.
  W2_OFFSET=20000
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  cpu_before="$(python3 "$BENCH/report.py" cpu "$SERVER_PID" "$DB_NAME")"
  t0="$EPOCHREALTIME"
  load "$DURATION" "$RUN_DIR/$op.wrk.json"
  t1="$EPOCHREALTIME"
  cpu_after="$(python3 "$BENCH/report.py" cpu "$SERVER_PID" "$DB_NAME")"
  max_rss="$(python3 "$BENCH/report.py" rss "$RUN_DIR" "$t0" "$t1")"
  python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
  pg_cpu_before="$(python3 "$BENCH/report.py" cpu "$SERVER_PID" "$DB_NAME")"
  rm -f "$RUN_DIR/$op.pgcpu.json"
  python3 "$BENCH/report.py" cpu-later "$(awk -v d="$DURATION" 'BEGIN { print (d > 2 ? d - 0.7 : d * 0.6) }')" \
    "$SERVER_PID" "$DB_NAME" "$RUN_DIR/$op.pgcpu.json" &
  pgcpu_pid=$!
  python3 "$BENCH/report.py" timed "$RUN_DIR/$op.pgbench.cpu" \
    timeout $((DURATION * 4 + 60)) pgbench -n -c "$CONNS" -j 2 -T "$DURATION" -M "$PG_MODE" \
    -l --log-prefix="$RUN_DIR/$op.pglog" \
    -f "$BENCH/sql/$SQL_FILE" "${PGVARS[@]}" "$DB_URL" >"$RUN_DIR/$op.pgbench.txt" 2>&1 \
    || say "warning: pgbench for $op exited with an error (see the table)"
  wait "$pgcpu_pid" 2>/dev/null || true
  pg_cpu_after="$(cat "$RUN_DIR/$op.pgcpu.json" 2>/dev/null || echo null)"
  if [ "$op" = S1 ]; then
    # Sign-in's own ceiling: argon2id hashes per second on this machine, one thread per slot
    # of the server's hasher; then bursts of simultaneous sign-ins and the memory they take.
    python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
    timeout 120 env -u JWT_SECRET OPENDETAT_ENV=dev RUST_LOG=error "$BIN" hash-bench "$DURATION" \
      >"$RUN_DIR/S1.hashes.json" 2>/dev/null || say "warning: opendetat hash-bench failed"
    timeout 300 python3 "$BENCH/signin_burst.py" "$BASE" "$SERVER_PID" 3 64 >"$RUN_DIR/S1.burst.json" \
      || say "warning: the sign-in bursts failed"
    say "  hashing ceiling: $(cat "$RUN_DIR/S1.hashes.json" 2>/dev/null); bursts: $(head -c 400 "$RUN_DIR/S1.burst.json" 2>/dev/null)"
  fi
  printf '{"request":"%s %s","sql":"bench/sql/%s","busy_before_pct":%s,"load_before":"%s","max_rss_kb":%s,"cpu_before":%s,"cpu_after":%s,"wrk_cpu_s":%s,"pg_cpu_before":%s,"pg_cpu_after":%s,"pgbench_cpu_s":%s}\n' \
    "$METHOD" "$REQ_PATH" "$SQL_FILE" "$busy_before" "$load_before" "${max_rss:-0}" "$cpu_before" "$cpu_after" \
    "$(cat "$RUN_DIR/$op.wrk.cpu" 2>/dev/null || echo 0)" "$pg_cpu_before" "$pg_cpu_after" \
    "$(cat "$RUN_DIR/$op.pgbench.cpu" 2>/dev/null || echo 0)" >"$RUN_DIR/$op.extra.json"
  say "  API: $(python3 "$BENCH/report.py" json "$RUN_DIR/$op.wrk.json" requests 2>/dev/null || echo '?') requests;" \
      "ceiling: $(grep -E '^tps' "$RUN_DIR/$op.pgbench.txt" | head -n 1 || echo 'no tps')"
  # Tens of thousands of posts, events and jobs later, the next write would start on larger
  # tables than this one did (W1f after W1 measured ~15 % slower, in the API and its ceiling
  # alike): both start from the same data.
  case "$op" in
    W1 | W1f) delete_bench_posts && q "VACUUM (ANALYZE) comments, events, jobs" >/dev/null ;;
    W2) w2_clear ;;
    W3) w3_clear && q "VACUUM (ANALYZE) proposals, proposal_supports" >/dev/null ;;
  esac
done

# L1: live streams. BENCH_L1_STREAMS (1,000) Server-Sent Events streams open on one forum, as
# the open pages of a busy discussion hold them (all from 127.0.0.1, anonymous): the server's
# RSS before they open and once every one has had its `ready`; one comment posted there by the
# run's member, and on each stream the time from just before the POST to its `comment.created`
# (`bench/streams.py` opens the streams, posts and times, in one process); then W1's load again,
# as long and with as many connections, with the streams open, against W1's req/s without them. No ceiling: PostgreSQL's work per post is W1's.
# `report.py l1` judges the targets: RSS growth < 20 MB, p99 < 1 s, W1 with ≥ W1 without ÷ 1.2.
if [ "$L1_ON" = 1 ]; then
  # The streams (and the timed post) on R1's busy forum, not W1's: the target asks what open
  # streams cost the writes of others. BENCH_L1_FORUM="$BENCH_WRITE_FORUM" sends every W1 post
  # to every stream instead (~900,000 messages a second: see bench/README.md, "Live streams").
  L1_FORUM="${BENCH_L1_FORUM:-$BUSY_FORUM}"
  L1_SUBJECT="$(subject_of "$L1_FORUM")"
  [ -n "$L1_SUBJECT" ] || die "L1: forum $L1_FORUM not found"
  op_setup W1
  L1_BASELINE=W1.wrk.json
  if [ ! -f "$RUN_DIR/W1.wrk.json" ]; then
    # W1 is not in BENCH_OPS: its rate without streams is measured here, as its row would be.
    L1_BASELINE=L1.base.wrk.json
    probe W1
    say "L1: W1 without streams first (W1 is not in BENCH_OPS) — ${DURATION}s"
    [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
    [ "$WARMUP" -gt 0 ] && load "$WARMUP" "$RUN_DIR/L1.base.warmup.json"
    load "$DURATION" "$RUN_DIR/L1.base.wrk.json"
    delete_bench_posts && q "VACUUM (ANALYZE) comments, events, jobs" >/dev/null
  fi
  say "L1: $L1_STREAMS streams on GET /api/v1/subjects/forum/$L1_FORUM/stream, one post, then W1 (${DURATION}s) with them open"
  [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
  rm -f "$RUN_DIR/L1.ready" "$RUN_DIR/L1.go" "$RUN_DIR/L1.stop" "$RUN_DIR/L1.streams.json"
  l1_rss_before="$(proc_status "$SERVER_PID" VmRSS)"
  l1_rss_open=0 l1_rss_peak=0 l1_cpu_before=null l1_cpu_after=null l1_client_s=0 l1_wrk_s=0
  # The client bounds each of its waits; the streams stay open at most this long.
  l1_hold=$((2 * (WARMUP + DURATION + IDLE_WAIT) + 120))
  STREAMS_TOKEN="$TOKEN" timeout $((l1_hold + 400)) python3 "$BENCH/streams.py" "$BASE" \
    "/api/v1/subjects/forum/$L1_FORUM/stream" "/api/v1/forums/$L1_FORUM/comments" "$RUN_DIR/L1.streams.json" \
    --streams "$L1_STREAMS" --ready "$RUN_DIR/L1.ready" --go "$RUN_DIR/L1.go" --stop "$RUN_DIR/L1.stop" \
    --open-timeout 120 --go-timeout 120 --deliver-timeout "$([ "$SMOKE" = 1 ] && echo 10 || echo 30)" \
    --hold-max "$l1_hold" 2>"$RUN_DIR/L1.streams.err" &
  l1_pid=$!
  # l1_wait FILE SECONDS: until the client writes FILE (true), exits or SECONDS pass (false).
  l1_wait() {
    local i
    for i in $(seq 1 $(($2 * 10))); do
      [ -f "$1" ] && return 0
      kill -0 "$l1_pid" 2>/dev/null || break
      sleep 0.1
    done
    [ -f "$1" ]
  }
  if l1_wait "$RUN_DIR/L1.ready" 150; then
    # A second to settle: the RSS the open streams hold, not their start-up's.
    sleep 1
    l1_rss_open="$(proc_status "$SERVER_PID" VmRSS)"
    say "  $(cat "$RUN_DIR/L1.ready"); server RSS $((l1_rss_before / 1024)) MB before, $((l1_rss_open / 1024)) MB with them"
    touch "$RUN_DIR/L1.go"
    l1_wait "$RUN_DIR/L1.streams.json" 60 || true
    say "  the post: $(cat "$RUN_DIR/L1.streams.json" 2>/dev/null || echo 'no result')"
    l1_client="$(python3 "$BENCH/report.py" json "$RUN_DIR/L1.ready" pid)"
    if [ "$(python3 "$BENCH/report.py" json "$RUN_DIR/L1.ready" ready)" -gt 0 ] && kill -0 "$l1_pid" 2>/dev/null; then
      [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
      [ "$WARMUP" -gt 0 ] && load "$WARMUP" "$RUN_DIR/L1.w1.warmup.json"
      # The client's CPU counts with wrk's: both are the load generator.
      c0="$(python3 "$BENCH/report.py" ticks "$l1_client")"
      l1_cpu_before="$(python3 "$BENCH/report.py" cpu "$SERVER_PID" "$DB_NAME")"
      t0="$EPOCHREALTIME"
      load "$DURATION" "$RUN_DIR/L1.w1.wrk.json"
      t1="$EPOCHREALTIME"
      l1_cpu_after="$(python3 "$BENCH/report.py" cpu "$SERVER_PID" "$DB_NAME")"
      c1="$(python3 "$BENCH/report.py" ticks "$l1_client")"
      l1_client_s="$(python3 -c "import os; print(round(($c1 - $c0) / os.sysconf('SC_CLK_TCK'), 2))")"
      l1_wrk_s="$(cat "$RUN_DIR/L1.w1.wrk.cpu" 2>/dev/null || echo 0)"
      l1_rss_peak="$(python3 "$BENCH/report.py" rss "$RUN_DIR" "$t0" "$t1")"
      # What the streams are still sending when the load stops is counted too, for a moment.
      sleep 2
    fi
  else
    say "  the streams did not all open: $(tail -n 3 "$RUN_DIR/L1.streams.err" 2>/dev/null)"
  fi
  touch "$RUN_DIR/L1.stop"
  wait "$l1_pid" 2>/dev/null || say "warning: bench/streams.py exited with an error: $(tail -n 3 "$RUN_DIR/L1.streams.err" 2>/dev/null)"
  sleep 1
  l1_rss_closed="$(proc_status "$SERVER_PID" VmRSS)"
  # The posts the streams heard while held open (W1's, after the measured one): each one a
  # message on every stream.
  l1_comment="$(python3 "$BENCH/report.py" json "$RUN_DIR/L1.streams.json" comment_id 2>/dev/null || true)"
  case "$l1_comment" in '' | *[!0-9]*) l1_comment=0 ;; esac
  l1_posts="$(q "SELECT count(*) FROM comments WHERE author_id = $USER_ID AND subject_id = '$L1_SUBJECT' AND id > $l1_comment")"
  printf '{"forum":"%s","w1_forum":"%s","baseline":"%s","rss_before_kb":%s,"rss_open_kb":%s,"rss_peak_w1_kb":%s,"rss_closed_kb":%s,"held_posts":%s,"cpu_before":%s,"cpu_after":%s,"wrk_cpu_s":%s,"client_cpu_s":%s}\n' \
    "$L1_FORUM" "$WRITE_FORUM" "$L1_BASELINE" "$l1_rss_before" "$l1_rss_open" "${l1_rss_peak:-0}" "$l1_rss_closed" "$l1_posts" \
    "$l1_cpu_before" "$l1_cpu_after" "$l1_wrk_s" "$l1_client_s" >"$RUN_DIR/L1.extra.json"
  delete_bench_posts && q "VACUUM (ANALYZE) comments, events, jobs" >/dev/null
  python3 "$BENCH/report.py" l1 "$RUN_DIR" >/dev/null || say "warning: could not assemble L1's result"
  say "L1: $(python3 "$BENCH/report.py" l1-line "$RUN_DIR" 2>/dev/null || echo 'no result')"
  if [ "$SMOKE" = 1 ]; then
    # No speed targets here: every stream opens, hears the post within 10 s, and W1 still
    # answers 2xx with them open.
    python3 - "$RUN_DIR/L1.json" >>"$RUN_DIR/smoke.txt" <<'PY'
import json, sys
try:
    l = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("L1 FAILED: no result from bench/streams.py")
    sys.exit()
w = l.get("w1_streams") or {}
ok = l["streams"] > 0 and l["ready"] == l["streams"] and l.get("received") == l["streams"] \
    and l.get("max_s") is not None and l["max_s"] <= 10 and w.get("requests", 0) > 0 and not w.get("failed_requests")
print(f"{'L1 ok' if ok else 'L1 FAILED'}: {l['ready']} of {l['streams']} streams ready, the post reached "
      f"{l.get('received')} (max {l.get('max_s')} s); W1 with them: {w.get('requests', 0)} requests, "
      f"{w.get('failed_requests', '?')} failed")
PY
  fi
fi

# F1: with a job worker running (`opendetat worker`, one thread), one comment on the forum
# 10,000 members follow, and the time until every follower has its notification. The load
# runs' fan-out jobs (no worker ran them) are deleted first: only this one is waiting.
if [[ " $OPS " == *" W1f "* ]]; then
  q "DELETE FROM jobs WHERE kind = 'notifications_fan_out' AND state = 'queued'" >/dev/null
  env -u DATABASE_READ_URL OPENDETAT_ENV=production JWT_SECRET="$SECRET" DATABASE_URL="$DB_URL" \
    PUBLIC_URL="$BASE" SMTP_URL="smtp://127.0.0.1:9" JOB_WORKERS=1 JOB_POLL_MS=50 RUST_LOG=warn \
    "$BIN" worker >>"$RUN_DIR/worker.log" 2>&1 &
  WORKER_PID=$!
  sleep 2
  t0="$EPOCHREALTIME"
  c_id="$(curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    --data-binary '{"body":"F1 : une nouvelle pour toutes les personnes qui suivent ce forum."}' \
    "$BASE/api/v1/forums/$FOLLOWED_FORUM/comments" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" \
    || die "F1: posting failed"
  notified=0
  for _ in $(seq 1 600); do
    notified="$(q "SELECT count(*) FROM notifications WHERE comment_id = $c_id")"
    [ "$notified" -ge "$FOLLOWERS" ] && break
    sleep 0.05
  done
  t1="$EPOCHREALTIME"
  kill "$WORKER_PID" 2>/dev/null || true
  wait "$WORKER_PID" 2>/dev/null || true
  printf '{"followers":%s,"notifications":%s,"seconds":%s}\n' "$FOLLOWERS" "$notified" \
    "$(python3 -c "print(round($t1 - $t0, 3))")" >"$RUN_DIR/F1.json"
  say "F1: $(cat "$RUN_DIR/F1.json")"
  [ "$SMOKE" = 0 ] || [ "$notified" -ge "$FOLLOWERS" ] || echo "F1 FAILED: $notified of $FOLLOWERS notifications" >>"$RUN_DIR/smoke.txt"
fi

# E1: the CSV export of the forum the large seed's 10,000 members registered for, streamed by
# the server (by the run's member, made an organiser for it): its size, time, and the server's
# RSS sampled every 20 ms while it streams, against the RSS just before.
if [[ " $OPS " == *" W2 "* ]]; then
  q "UPDATE users SET role = 'admin' WHERE id = $USER_ID" >/dev/null
  E1_FORUM="${BENCH_REGISTERED_FORUM:-forum-large-busy-2}"
  e1_rows="$(q "SELECT count(*) FROM registrations WHERE forum_id = (SELECT id FROM forums WHERE slug = '$E1_FORUM')")"
  [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
  rss_before="$(proc_status "$SERVER_PID" VmRSS)"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do
      awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null
      sleep 0.02
    done ) >"$RUN_DIR/e1-rss.txt" &
  e1_sampler=$!
  t0="$EPOCHREALTIME"
  e1_bytes="$(curl -fsS -m 120 -o "$RUN_DIR/e1.csv" -w '%{size_download}' -H "Authorization: Bearer $TOKEN" \
    "$BASE/api/v1/forums/$E1_FORUM/registrations/export")" || die "E1: the export failed"
  t1="$EPOCHREALTIME"
  sleep 0.1
  kill "$e1_sampler" 2>/dev/null || true
  wait "$e1_sampler" 2>/dev/null || true
  q "UPDATE users SET role = 'member' WHERE id = $USER_ID" >/dev/null
  rss_peak="$(sort -n "$RUN_DIR/e1-rss.txt" | tail -n 1)"
  printf '{"forum":"%s","registrations":%s,"csv_lines":%s,"bytes":%s,"seconds":%s,"rss_before_kb":%s,"rss_peak_kb":%s}\n' \
    "$E1_FORUM" "$e1_rows" "$(($(wc -l <"$RUN_DIR/e1.csv") - 1))" "$e1_bytes" "$(python3 -c "print(round($t1 - $t0, 3))")" \
    "$rss_before" "${rss_peak:-$rss_before}" >"$RUN_DIR/E1.json"
  say "E1: $(cat "$RUN_DIR/E1.json")"
fi

# E2: the public comments export (open data, issue 22): the large seed's 1,000,000 comments
# streamed by the server as CSV, anonymously, with its RSS sampled every 20 ms against the RSS
# just before; then PostgreSQL's own COPY of the same rows and columns (the ceiling: the same
# scan and joins without the server's batches, JSON and HTTP). Target: RSS growth < 10 MB,
# rate >= 50 % of COPY's.
E2_SQL="SELECT c.id, s.kind, s.ref_id, c.parent_id, u.display_name, c.body, c.on_record, c.useful_count,
  c.agree_count, c.disagree_count, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
  to_char(c.edited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')
  FROM comments c JOIN subjects s ON s.id = c.subject_id JOIN users u ON u.id = c.author_id
  WHERE c.deleted_at IS NULL AND c.hidden_at IS NULL ORDER BY c.id"
csv_rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$1"; }
if [ "$E2_ON" = 1 ]; then
  e2_rows="$(q "SELECT count(*) FROM comments WHERE deleted_at IS NULL AND hidden_at IS NULL")"
  [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
  say "E2: GET /api/v1/open-data/comments.csv ($e2_rows public comments), then COPY of the same rows"
  rss_before="$(proc_status "$SERVER_PID" VmRSS)"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do
      awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null
      sleep 0.02
    done ) >"$RUN_DIR/e2-rss.txt" &
  e2_sampler=$!
  t0="$EPOCHREALTIME"
  e2_bytes="$(curl -fsS -m 900 -o "$RUN_DIR/e2.csv" -w '%{size_download}' "$BASE/api/v1/open-data/comments.csv")" \
    || die "E2: the export failed"
  t1="$EPOCHREALTIME"
  sleep 0.1
  kill "$e2_sampler" 2>/dev/null || true
  wait "$e2_sampler" 2>/dev/null || true
  rss_peak="$(sort -n "$RUN_DIR/e2-rss.txt" | tail -n 1)"
  c0="$EPOCHREALTIME"
  psql "$DB_URL" -w -X -q -v ON_ERROR_STOP=1 -c "COPY ($E2_SQL) TO STDOUT WITH (FORMAT csv, HEADER)" >"$RUN_DIR/e2-copy.csv" \
    || die "E2: COPY failed"
  c1="$EPOCHREALTIME"
  printf '{"rows":%s,"csv_rows":%s,"bytes":%s,"seconds":%s,"copy_rows":%s,"copy_bytes":%s,"copy_seconds":%s,"rss_before_kb":%s,"rss_peak_kb":%s,"loadavg":"%s"}\n' \
    "$e2_rows" "$(csv_rows "$RUN_DIR/e2.csv")" "$e2_bytes" "$(python3 -c "print(round($t1 - $t0, 3))")" \
    "$(csv_rows "$RUN_DIR/e2-copy.csv")" "$(wc -c <"$RUN_DIR/e2-copy.csv")" "$(python3 -c "print(round($c1 - $c0, 3))")" \
    "$rss_before" "${rss_peak:-$rss_before}" "$(cut -d' ' -f1-3 /proc/loadavg)" >"$RUN_DIR/E2.json"
  rm -f "$RUN_DIR/e2.csv" "$RUN_DIR/e2-copy.csv"
  say "E2: $(cat "$RUN_DIR/E2.json")"
  if [ "$SMOKE" = 1 ]; then
    python3 - "$RUN_DIR/E2.json" >>"$RUN_DIR/smoke.txt" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
ok = "ok" if e["csv_rows"] == e["rows"] == e["copy_rows"] and e["rows"] > 0 else "FAILED"
print(f"E2 {ok}: {e['csv_rows']} of {e['rows']} public comments exported ({e['copy_rows']} by COPY)")
PY
  fi
fi

# U1: a 20 MB file uploaded to a document (issue 25): streamed to the store as it arrives, so
# the server's RSS, sampled every 20 ms while it receives, grows by less than 10 MB.
if [ "$U1_ON" = 1 ]; then
  [ -n "$TOKEN" ] || sign_up
  q "UPDATE users SET role = 'admin' WHERE id = $USER_ID" >/dev/null
  u1_doc="$(curl -fsS -m 30 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d '{"title":"Banc d'"'"'essai U1","level":"expert"}' "$BASE/api/v1/forums/$WRITE_FORUM/documents" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" || die "U1: the document could not be made"
  python3 -c 'import sys; f = open(sys.argv[1], "wb"); f.write(b"%PDF-1.7\n"); f.write(b"\0" * (20_000_000 - 9))' "$RUN_DIR/u1.pdf"
  [ "$SMOKE" = 1 ] || python3 "$BENCH/report.py" wait-idle "$IDLE_WAIT" 15 >/dev/null
  rss_before="$(proc_status "$SERVER_PID" VmRSS)"
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do
      awk '$1 == "VmRSS:" { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null
      sleep 0.02
    done ) >"$RUN_DIR/u1-rss.txt" &
  u1_sampler=$!
  t0="$EPOCHREALTIME"
  u1_code="$(curl -sS -m 300 -o "$RUN_DIR/u1.json" -w '%{http_code}' -X PUT -T "$RUN_DIR/u1.pdf" \
    -H 'Content-Type: application/octet-stream' -H "Authorization: Bearer $TOKEN" \
    "$BASE/api/v1/documents/$u1_doc/file?filename=u1.pdf")" || u1_code=000
  t1="$EPOCHREALTIME"
  sleep 0.1
  kill "$u1_sampler" 2>/dev/null || true
  wait "$u1_sampler" 2>/dev/null || true
  q "UPDATE users SET role = 'member' WHERE id = $USER_ID" >/dev/null
  [ "$u1_code" = 200 ] || die "U1: the upload answered $u1_code: $(head -c 300 "$RUN_DIR/u1.json")"
  rss_peak="$(sort -n "$RUN_DIR/u1-rss.txt" | tail -n 1)"
  printf '{"bytes":%s,"seconds":%s,"rss_before_kb":%s,"rss_peak_kb":%s}\n' \
    "$(wc -c <"$RUN_DIR/u1.pdf")" "$(python3 -c "print(round($t1 - $t0, 3))")" "$rss_before" "${rss_peak:-$rss_before}" \
    >"$RUN_DIR/U1.json"
  rm -f "$RUN_DIR/u1.pdf"
  say "U1: $(cat "$RUN_DIR/U1.json")"
  if [ "$SMOKE" = 1 ]; then echo "U1 ok: a 20 MB file uploaded" >>"$RUN_DIR/smoke.txt"; fi
fi

VMHWM="$(proc_status "$SERVER_PID" VmHWM)"
VMRSS_END="$(proc_status "$SERVER_PID" VmRSS)"
stop_server
if [ "$SMOKE" = 1 ]; then
  python3 - "$RUN_DIR" $OPS >>"$RUN_DIR/smoke.txt" <<'PY'
import json, os, sys
run_dir, ops = sys.argv[1], sys.argv[2:]
for op in ops:
    try:
        w = json.load(open(os.path.join(run_dir, f"{op}.wrk.json")))
    except (OSError, ValueError):
        print(f"{op} FAILED: no result from wrk")
        continue
    e = w["errors"]
    ok = "ok" if w["requests"] > 0 and sum(e.values()) == 0 else "FAILED"
    print(f"{op} {ok}: {w['requests']} requests, {e['status']} non-2xx, "
          f"{e['connect'] + e['read'] + e['write'] + e['timeout']} socket errors/timeouts, "
          f"p99 {w['latency_us']['p99'] / 1000:.1f} ms")
PY
  echo
  cat "$RUN_DIR/smoke.txt"
  ELAPSED=$(($(date +%s) - STARTED_EPOCH))
  if grep -q FAILED "$RUN_DIR/smoke.txt"; then
    die "smoke run failed (${ELAPSED} s)"
  fi
  say "smoke run passed: every row answered 2xx (${ELAPSED} s)"
  exit 0
fi
say "deleting the run's account and comments..."
delete_bench_data
q "VACUUM (ANALYZE) comments" >/dev/null 2>&1 || true

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
git_commit() {
  local head
  # In a worktree .git is a file naming the real directory: git itself knows.
  if git -C "$ROOT" rev-parse HEAD 2>/dev/null; then return 0; fi
  head="$(cat "$ROOT/.git/HEAD" 2>/dev/null || true)"
  case "$head" in
    ref:*) cat "$ROOT/.git/${head#ref: }" 2>/dev/null || grep " ${head#ref: }\$" "$ROOT/.git/packed-refs" 2>/dev/null | cut -d' ' -f1 ;;
    *) printf '%s\n' "$head" ;;
  esac
}
ELAPSED=$(($(date +%s) - STARTED_EPOCH))
python3 - "$RUN_DIR/meta.json" <<EOF
import json, os, sys
meta = {
    "started_at": "$STARTED_AT",
    "elapsed_s": $ELAPSED,
    "command": "bench/run.sh",
    "ops": "$OPS".split(),
    "duration_s": $DURATION, "warmup_s": $WARMUP, "connections": $CONNS,
    "pool_size": $POOL, "pool_sweep_sizes": "$SWEEP".split(),
    "pgbench_mode": "$PG_MODE",
    "cpus": os.cpu_count(),
    "load_generator": "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), 2 threads, --timeout 30s",
    "postgres_version": "$(q 'SHOW server_version' 2>/dev/null || echo '?')",
    "postgres_tls": "$(q 'SELECT coalesce((SELECT CASE WHEN ssl THEN version END FROM pg_stat_ssl WHERE pid = pg_backend_pid()), '"'"'none'"'"')' 2>/dev/null || echo '?')",
    "database": "$DB_SHOWN",
    "commit": "$(git_commit | head -c 40)",
    "server_rss_at_start_kb": int("${RSS_AT_START:-0}" or 0),
    "server_rss_after_signup_kb": int("${RSS_AFTER_SIGNUP:-0}" or 0),
    "server_vmhwm_after_signup_kb": int("${HWM_AFTER_SIGNUP:-0}" or 0),
    "server_vmrss_end_kb": int("${VMRSS_END:-0}" or 0),
    "server_vmhwm_kb": int("${VMHWM:-0}" or 0),
    "loadavg_at_start": "$(cut -d' ' -f1-3 /proc/loadavg)",
    "sql_check": "$SQL_CHECK",
    "sql_drift_ops": "$SQL_DRIFT".split(),
}
json.dump(meta, open(sys.argv[1], "w"), indent=2)
EOF

TABLE="$(python3 "$BENCH/report.py" render "$RUN_DIR")"
cp "$RUN_DIR/result.json" "$BENCH/results/$STAMP.json"
{
  echo "# Benchmark run $STARTED_AT"
  echo
  echo "Command: \`bench/run.sh\` (BENCH_DURATION=$DURATION, BENCH_POOL_SIZE=$POOL${SWEEP:+, BENCH_POOL_SWEEP=\"$SWEEP\"})," \
       "database \`$DB_SHOWN\`, commit \`$(git_commit | head -c 12)\`."
  echo
  cat "$RUN_DIR/table.md"
  echo
  echo "Server RSS: $((RSS_AT_START / 1024)) MB after start, $((RSS_AFTER_SIGNUP / 1024)) MB after the sign-up" \
       "(VmHWM $((HWM_AFTER_SIGNUP / 1024)) MB then: an argon2id hash takes 12 MiB while it runs)," \
       "$((VMRSS_END / 1024)) MB at the end. Machine load average at start: $(python3 "$BENCH/report.py" json "$RUN_DIR/meta.json" loadavg_at_start)."
} >"$BENCH/results/$STAMP.md"

if [ "${BENCH_UPDATE_README:-1}" = 1 ] && [ -f "$BENCH/README.md" ]; then
  python3 - "$BENCH/README.md" "$BENCH/results/$STAMP.md" <<'EOF' || say "warning: could not update bench/README.md"
import re, sys
readme, result = sys.argv[1], open(sys.argv[2]).read()
text = open(readme).read()
start, end = "<!-- bench-results:start -->", "<!-- bench-results:end -->"
if start in text and end in text:
    body = result.split("\n", 2)[2] if result.startswith("# ") else result
    head = result.splitlines()[0].lstrip("# ").strip()
    new = f"{start}\nLatest run ({head.replace('Benchmark run ', '')}, file `bench/results/{sys.argv[2].rsplit('/', 1)[1]}`):\n\n{body.strip()}\n{end}"
    text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: new, text, flags=re.S)
    open(readme, "w").write(text)
EOF
fi

echo
echo "$TABLE"
echo
say "results: bench/results/$STAMP.md and bench/results/$STAMP.json (run took ${ELAPSED} s)"
