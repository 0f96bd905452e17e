#!/usr/bin/env bash
# screen-reader-pass.sh — the screen-reader pass of the accessibility audit (issue 19): Orca reads
# the real app in Debian's Chromium, driven by the keyboard alone, and what Orca says is written
# down step by step.
#
# Starts the real server (target/debug/opendetat, the built web app in frontend/dist) on a fresh
# seeded database, then, in a D-Bus session of its own: a virtual X server (Xvfb), a window
# manager (openbox), the accessibility bus (AT-SPI), Orca and Chromium. Keys are sent by xdotool
# through the X server, so they take the real keyboard path and Orca hears them as a person's.
# Chromium's DevTools port is only read from (where the focus is, what the status region says),
# never used to act. Speech goes to speech-dispatcher (no sound needed); the transcript is Orca's
# own record of what it spoke ("SPEECH OUTPUT"), interleaved with the steps and keys.
#
# Not in CI: it needs an X server, Orca and minutes of a quiet machine. Run by hand:
#   apt-get install -y orca xvfb at-spi2-core dbus-x11 speech-dispatcher xdotool openbox chromium
#   cargo build -p opendetat && (cd frontend && npm run build)
#   scripts/screen-reader-pass.sh [OUT_DIR]     # default target/screen-reader
# Writes OUT_DIR/transcript.txt (steps, keys, speech), OUT_DIR/checks.txt (what the page said
# and where the focus was, step by step), screenshots, and the server's log.
# ORCA_DEBUG=1 also keeps Orca's full debug log (large; slows Orca down).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$root/target/screen-reader}")"
bin="${CARGO_TARGET_DIR:-$root/target}/debug/opendetat"
dist="$root/frontend/dist"

missing=()
for c in orca Xvfb xdotool dbus-run-session openbox xwd convert speech-dispatcher node psql; do
  command -v "$c" >/dev/null || missing+=("$c")
done
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[[ -x "$chromium" ]] || missing+=("$chromium")
if ((${#missing[@]})); then
  echo "screen-reader-pass: missing ${missing[*]}: apt-get install -y orca xvfb at-spi2-core dbus-x11 speech-dispatcher xdotool openbox x11-apps imagemagick chromium" >&2
  exit 1
fi
[[ -x "$bin" ]] || { echo "screen-reader-pass: $bin is missing: cargo build -p opendetat" >&2; exit 1; }
[[ -f "$dist/index.html" ]] || { echo "screen-reader-pass: $dist is missing: cd frontend && npm run build" >&2; exit 1; }
[[ -d "$root/frontend/node_modules/playwright-core" ]] || { echo "screen-reader-pass: run npm ci in frontend/ first" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d /tmp/opendetat-sr.XXXXXX)"

pg="$("$root/scripts/ensure-postgres.sh")"
db="opendetat_sr_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
export DATABASE_URL="$pg/$db" OPENDETAT_ENV=dev BIND_ADDR=127.0.0.1:0 STATIC_DIR="$dist" \
  MAIL_DIR="$work/mail" DATA_DIR="$work/data" RUST_LOG=warn JOB_POLL_MS=100
unset JWT_SECRET SMTP_URL

server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  psql "$pg/postgres" -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "screen-reader-pass: seeding $db" >&2
"$bin" seed >"$out/seed.log" 2>&1
"$bin" serve >"$work/server.out" 2>"$out/server.log" &
server_pid=$!
base=""
for _ in $(seq 1 300); do
  base="$(grep -o 'listening on http://[^ ]*' "$work/server.out" 2>/dev/null | head -1 | cut -d' ' -f3 || true)"
  [[ -n "$base" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$base" ]] || { echo "screen-reader-pass: the server did not start" >&2; exit 1; }
echo "screen-reader-pass: server on $base" >&2

# Orca's own versions, and the browser's, for the record.
{
  echo "orca $(orca --version 2>/dev/null)"
  "$chromium" --version 2>/dev/null
  dpkg-query -W -f='${Package} ${Version}\n' orca chromium speech-dispatcher at-spi2-core xvfb xdotool 2>/dev/null || true
  date -u +%FT%TZ
} >"$out/versions.txt"

BASE_URL="$base" OUT_DIR="$out" WORK_DIR="$work" CHROMIUM_PATH="$chromium" \
  dbus-run-session -- node "$root/scripts/screen-reader-pass.mjs"
echo "screen-reader-pass: transcript in $out/transcript.txt" >&2
