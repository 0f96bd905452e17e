#!/usr/bin/env bash
# soak.sh — ten minutes of mixed load on a real server: errors must be 0, RSS must stay flat.
#
# The ten-minute run is by hand, before a release, or after touching the pool, the middleware
# or anything that allocates per request; CI runs a ten-second one (`SOAK_SECONDS=10`), so the
# script cannot rot unseen:
#
#     cargo build --release -p opendetat          # else the debug build is used
#     SOAK_DATABASE_URL="$(scripts/ensure-postgres.sh)/opendetat_soak" scripts/soak.sh
#
# What it does:
#   1. `opendetat seed` on SOAK_DATABASE_URL (dev mode: creates the database if missing,
#      migrates, loads the action plans and demo data; idempotent). SOAK_SEED=0 skips this
#      (the database must then be migrated and hold at least one forum and one commitment).
#      Use a throwaway database: the soak posts comments into it.
#   2. Starts a real SMTP server (aiosmtpd, tests/smtp/sink.py, in the tests' venv) and
#      `target/release/opendetat serve` (else `target/debug/opendetat`) on a free port of
#      127.0.0.1, in production mode as deployed: a random JWT_SECRET, PUBLIC_URL, SMTP_URL to
#      the sink, RUST_LOG=warn; the posting limit is off (the soak measures stability, not limits).
#   3. Signs one soak account up the way a person does: sign-up (202), the confirmation link read
#      from the mail the sink received, `POST /auth/verify-email`, sign-in for its
#      `access_token`. Then SOAK_CONCURRENCY workers (default 4) loop with curl
#      for SOAK_SECONDS (default 600): each round reads GET /forums, GET /commitments,
#      GET /forums/{id}/comments and GET /commitments/{id} over one keep-alive connection,
#      then posts one comment (POST /forums/{id}/comments). Anything but 200 (reads) or 201
#      (posts), including curl failures (code 000), counts as an error.
#   4. Samples the server's VmRSS from /proc/<pid>/status every 10 s into rss.csv.
#   5. Stops the server with SIGTERM and prints: requests, errors by status, the RSS series, and
#      the RSS growth from the 60 s sample (after warm-up) to the last one.
#
# Exit status: 0 when there was no error and RSS grew by at most SOAK_MAX_GROWTH_KB
# (default 8192 KB) after warm-up; 1 otherwise (2 for a setup problem).
#
# Environment:
#   SOAK_DATABASE_URL    the database to use (required; DATABASE_URL is accepted too)
#   SOAK_SECONDS         load duration in seconds (default 600)
#   SOAK_CONCURRENCY     concurrent curl workers (default 4)
#   SOAK_POOL_SIZE       DATABASE_POOL_SIZE of the server (default 8)
#   SOAK_SEED            1 (default) to run `opendetat seed` first, 0 to skip it
#   SOAK_MAX_GROWTH_KB   allowed RSS growth after warm-up (default 8192)
#   SOAK_OUT             directory for rss.csv, errors.log and server.log (default target/soak)
#   OPENDETAT_BIN        the binary to run (default: release build, else debug build)
#
# Needs: bash, curl, Python >= 3.11 with venv (the SMTP sink), a Linux /proc. Traffic goes to
# 127.0.0.1 only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

DB_URL="${SOAK_DATABASE_URL:-${DATABASE_URL:-}}"
SECONDS_TOTAL="${SOAK_SECONDS:-600}"
CONCURRENCY="${SOAK_CONCURRENCY:-4}"
POOL_SIZE="${SOAK_POOL_SIZE:-8}"
MAX_GROWTH_KB="${SOAK_MAX_GROWTH_KB:-8192}"
OUT="${SOAK_OUT:-$TARGET/soak}"

log() { printf 'soak: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

[ -n "$DB_URL" ] || die "set SOAK_DATABASE_URL, e.g. SOAK_DATABASE_URL=\"\$(scripts/ensure-postgres.sh)/opendetat_soak\""
command -v curl >/dev/null || die "curl is needed"
[ -r /proc/self/status ] || die "a Linux /proc is needed to sample RSS"
for n in "$SECONDS_TOTAL" "$CONCURRENCY" "$POOL_SIZE" "$MAX_GROWTH_KB"; do
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -eq 0 ]; then
    die "SOAK_* numbers must be positive integers (got '$n')"
  fi
done

BIN="${OPENDETAT_BIN:-}"
if [ -z "$BIN" ]; then
  if [ -x "$TARGET/release/opendetat" ]; then BIN="$TARGET/release/opendetat"
  elif [ -x "$TARGET/debug/opendetat" ]; then BIN="$TARGET/debug/opendetat"; log "no release build: using the debug build (cargo build --release -p opendetat for real numbers)"
  else die "no opendetat binary: run cargo build --release -p opendetat"; fi
fi

mkdir -p "$OUT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/opendetat-soak.XXXXXX")"
SERVER_PID=""
BG_PIDS=()
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local p
  for p in "${BG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n=+/')"

# --- 0. Mail: a real SMTP server that keeps what it receives --------------------------------
SINK_PY="$("$ROOT/tests/smtp/venv.sh")" || die "could not make the SMTP sink's venv (tests/smtp/venv.sh)"
mkdir -p "$WORK/mail"
"$SINK_PY" "$ROOT/tests/smtp/sink.py" --dir "$WORK/mail" --until-killed >"$WORK/sink.out" 2>&1 &
BG_PIDS+=($!)
for ((i = 0; i < 100; i++)); do grep -q '^ready' "$WORK/sink.out" && break; sleep 0.1; done
SMTP_PORT="$(awk '/^ready/ { print $2 }' "$WORK/sink.out")"
[ -n "$SMTP_PORT" ] || die "the SMTP sink did not start: $(cat "$WORK/sink.out")"

# --- 1. Seed -------------------------------------------------------------------------------
if [ "${SOAK_SEED:-1}" != 0 ]; then
  log "seeding $(printf '%s' "$DB_URL" | sed -E 's#://([^:/@]+):[^@]*@#://\1:***@#')..."
  DATABASE_URL="$DB_URL" OPENDETAT_ENV=dev JWT_SECRET="$SECRET" RUST_LOG=warn "$BIN" seed >/dev/null \
    || die "opendetat seed failed"
fi

# --- 2. Server -----------------------------------------------------------------------------
DATABASE_URL="$DB_URL" BIND_ADDR=127.0.0.1:0 OPENDETAT_ENV=production JWT_SECRET="$SECRET" \
  PUBLIC_URL=http://soak.localhost SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" RATE_LIMIT_POSTING=off \
  RATE_LIMIT_API_ANONYMOUS=1000000000/1m RATE_LIMIT_API_AUTHENTICATED=1000000000/1m \
  JOB_POLL_MS=50 DATABASE_POOL_SIZE="$POOL_SIZE" STATIC_DIR="" RUST_LOG=warn TWO_FACTOR_ROLES=none \
  "$BIN" serve >"$WORK/stdout" 2>"$OUT/server.log" </dev/null &
SERVER_PID=$!
BASE=""
for ((i = 0; i < 600; i++)); do
  BASE="$(sed -n 's/^listening on //p' "$WORK/stdout" | head -n1)"
  [ -n "$BASE" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $OUT/server.log"
  sleep 0.1
done
[ -n "$BASE" ] || die "the server did not start within 60 s; see $OUT/server.log"
case "$BASE" in http://127.0.0.1:*) ;; *) die "unexpected address $BASE" ;; esac
API="$BASE/api/v1"
log "server pid $SERVER_PID on $BASE ($BIN)"

# --- 3. Account and targets ----------------------------------------------------------------
json_field() { # json_field NAME: the first "NAME": number or "string" value on stdin
  grep -oE "\"$1\":(\"[^\"]*\"|[0-9]+)" | head -n1 | sed -E "s/^\"$1\"://; s/^\"(.*)\"\$/\1/"
}
EMAIL="soak-$(date +%s)-$$@example.org"
PASSWORD="soak-password-long-enough"
status="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"display_name\":\"Soak\"}" "$API/auth/register")"
[ "$status" = 202 ] || die "sign-up answered $status (expected 202)"
# The confirmation mail, as the sink received it: its text part holds the link and its token.
CONFIRM=""
for ((i = 0; i < 200; i++)); do
  CONFIRM="$("$SINK_PY" - "$WORK/mail" "$EMAIL" <<'PY' 2>/dev/null || true
import email, pathlib, re, sys
from email import policy
folder = pathlib.Path(sys.argv[1]) / sys.argv[2].lower()
for path in sorted(folder.glob("*.eml")):
    text = email.message_from_bytes(path.read_bytes(), policy=policy.default).get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"jeton=([A-Za-z0-9_-]+)", text)
    if found:
        print(found.group(1))
        break
PY
)"
  [ -n "$CONFIRM" ] && break
  sleep 0.1
done
[ -n "$CONFIRM" ] || die "no confirmation mail reached the SMTP sink within 20 s"
status="$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"token\":\"$CONFIRM\"}" "$API/auth/verify-email")"
[ "$status" = 200 ] || die "confirming the address answered $status"
TOKEN="$(curl -sS --max-time 10 -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$API/auth/login" | json_field access_token)"
[ -n "$TOKEN" ] || die "could not sign the soak account in"
FORUM="$(curl -sS --max-time 10 "$API/forums?limit=1" | json_field id)"
COMMITMENT="$(curl -sS --max-time 10 "$API/commitments?limit=1" | json_field id)"
if [ -z "$FORUM" ] || [ -z "$COMMITMENT" ]; then
  die "the database needs a forum and a commitment (run with SOAK_SEED=1)"
fi
log "load: $CONCURRENCY workers for $SECONDS_TOTAL s on forum $FORUM and commitment $COMMITMENT"

# --- 4. RSS sampler ------------------------------------------------------------------------
START=$(date +%s)
END=$((START + SECONDS_TOTAL))
echo "elapsed_s,rss_kb" >"$OUT/rss.csv"
(
  for ((n = 0; n <= SECONDS_TOTAL / 10 + 1; n++)); do
    rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || true)"
    [ -n "$rss" ] || break
    echo "$(($(date +%s) - START)),$rss" >>"$OUT/rss.csv"
    [ "$(date +%s)" -ge "$END" ] && break
    sleep 10
  done
) &
SAMPLER_PID=$!
BG_PIDS+=($!)

# --- 5. Workers ----------------------------------------------------------------------------
: >"$OUT/errors.log"
worker() {
  local w="$1" round=0 codes code i
  local max_rounds=$((SECONDS_TOTAL * 1000)) # a bound far above what curl can do
  while [ "$(date +%s)" -lt "$END" ] && [ "$round" -lt "$max_rounds" ]; do
    round=$((round + 1))
    # Four reads over one keep-alive connection; one status per line.
    codes="$(curl -s --max-time 10 -w '%{http_code}\n' \
      -o /dev/null "$API/forums" -o /dev/null "$API/commitments?limit=20" \
      -o /dev/null "$API/forums/$FORUM/comments?limit=20" \
      -o /dev/null "$API/commitments/$COMMITMENT" 2>/dev/null || true)"
    i=0
    for code in $codes; do
      i=$((i + 1))
      [ "$code" = 200 ] || echo "worker $w round $round read $i: $code" >>"$OUT/errors.log"
    done
    [ "$i" = 4 ] || echo "worker $w round $round reads: only $i answers" >>"$OUT/errors.log"
    code="$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"body\":\"Soak $w-$round : le fil tient-il la charge ?\"}" \
      "$API/forums/$FORUM/comments" 2>/dev/null || true)"
    [ "$code" = 201 ] || echo "worker $w round $round post: ${code:-000}" >>"$OUT/errors.log"
  done
  echo "$round" >"$WORK/rounds.$w"
}
WORKER_PIDS=()
for ((w = 1; w <= CONCURRENCY; w++)); do
  worker "$w" &
  WORKER_PIDS+=($!)
  BG_PIDS+=($!)
done
for p in "${WORKER_PIDS[@]}"; do wait "$p" || true; done
wait "$SAMPLER_PID" 2>/dev/null || true

# --- 6. Stop and report --------------------------------------------------------------------
kill -TERM "$SERVER_PID" 2>/dev/null || true
for ((i = 0; i < 300; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$SERVER_PID" 2>/dev/null; then
  log "the server did not stop within 30 s of SIGTERM"
  echo "server: no exit within 30 s of SIGTERM" >>"$OUT/errors.log"
fi
SERVER_PID=""

rounds=0
for f in "$WORK"/rounds.*; do [ -f "$f" ] && rounds=$((rounds + $(cat "$f"))); done
errors=$(wc -l <"$OUT/errors.log" | tr -d ' ')
elapsed=$(($(date +%s) - START))

echo "== soak: $elapsed s, $CONCURRENCY workers, $BIN"
echo "requests: $((rounds * 5)) ($rounds rounds of 4 reads + 1 post), ~$((rounds * 5 / (elapsed > 0 ? elapsed : 1))) req/s"
echo "errors: $errors"
if [ "$errors" -gt 0 ]; then
  echo "errors by kind:"
  sed -E 's/^worker [0-9]+ round [0-9]+ //; s/read [0-9]+:/read:/' "$OUT/errors.log" | sort | uniq -c | sort -rn | awk 'NR <= 20'
  echo "(all in $OUT/errors.log)"
fi
echo "RSS (KB) every 10 s — $OUT/rss.csv:"
column -t -s, "$OUT/rss.csv" 2>/dev/null || cat "$OUT/rss.csv"
# Growth after warm-up: from the first sample at >= 60 s (or the first one) to the last.
read -r base last peak < <(awk -F, 'NR > 1 { if (first == "" && $1 >= 60) first = $2; if (any == "") any = $2; last = $2; if ($2 > peak) peak = $2 }
  END { if (first == "") first = any; print first + 0, last + 0, peak + 0 }' "$OUT/rss.csv")
growth=$((last - base))
echo "RSS after warm-up: $base KB -> $last KB (growth $growth KB, peak $peak KB; allowed $MAX_GROWTH_KB KB)"

status=0
[ "$errors" -eq 0 ] || { echo "FAIL: $errors errors (must be 0)"; status=1; }
[ "$growth" -le "$MAX_GROWTH_KB" ] || { echo "FAIL: RSS grew by $growth KB after warm-up"; status=1; }
[ "$status" = 0 ] && echo "OK: no errors, RSS flat"
exit "$status"
