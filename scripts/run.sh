#!/usr/bin/env bash
# run.sh — build and start the whole product with demo data (what `make run` and `make dev` do).
#
#     scripts/run.sh [release|dev]      (default release)
#
# 1. Finds PostgreSQL (scripts/ensure-postgres.sh says which server it uses, or starts one).
# 2. Builds the web app (npm ci, vite build), when frontend/ is there.
# 3. Builds the server: `--profile serve` for `release` (optimised, without the benchmark's
#    slower settings: see the README's "Building" for the numbers) or the debug build for `dev`.
#    A first build takes minutes on 2 cores; the last crate (opendetat itself) is long and
#    silent, so this prints how long it has been building every 30 s.
# 4. `opendetat seed` (migrates, loads the action plans and demo data; idempotent), then serves
#    on BIND_ADDR (default 127.0.0.1:8080) until Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MODE="${1:-release}"
case "$MODE" in
  release) PROFILE=serve; BIN_DIR=serve ;;
  dev) PROFILE=dev; BIN_DIR=debug ;;
  *) echo "usage: scripts/run.sh [release|dev]" >&2; exit 2 ;;
esac
say() { printf '==> %s\n' "$*"; }

PG="$(scripts/ensure-postgres.sh)"

if [ -f frontend/package.json ]; then
  say "web app: npm ci and vite build (about a minute the first time)"
  (cd frontend && npm ci --no-audit --no-fund && npm run build)
fi

TARGET="${CARGO_TARGET_DIR:-target}"
if [ -x "$TARGET/$BIN_DIR/opendetat" ]; then
  say "server: cargo build --profile $PROFILE (incremental: seconds to a minute)"
else
  say "server: cargo build --profile $PROFILE — the first build takes several minutes on 2 cores (see the README's \"Building\"); progress every 30 s"
fi
started=$SECONDS
cargo build --profile "$PROFILE" -p opendetat &
build=$!
# A heartbeat while the build runs: cargo's last step (linking opendetat) prints nothing for minutes.
(
  while kill -0 "$build" 2>/dev/null; do
    sleep 30
    kill -0 "$build" 2>/dev/null && printf '    … still building (%d min %02d s)\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
  done
) &
heartbeat=$!
status=0
wait "$build" || status=$?
kill "$heartbeat" 2>/dev/null || true
[ "$status" = 0 ] || exit "$status"
say "server built in $((SECONDS - started)) s"

BIN="$TARGET/$BIN_DIR/opendetat"
export DATABASE_URL="${DATABASE_URL:-$PG/opendetat}"
say "database: $(printf '%s' "$DATABASE_URL" | sed -E 's#://([^:/@]+):[^@]*@#://\1:***@#') (seeding: migrations, action plans, demo data)"
"$BIN" seed
say "Open d'État on http://${BIND_ADDR:-localhost:8080} (Ctrl-C to stop)"
exec "$BIN" serve
