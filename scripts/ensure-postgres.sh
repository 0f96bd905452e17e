#!/usr/bin/env bash
# ensure-postgres.sh — make sure a PostgreSQL server is reachable, and print its URL.
#
# Prints ONE line on stdout: a server URL without a database name, e.g.
#     postgres://postgres@127.0.0.1:5432
# Callers append the database: "$(scripts/ensure-postgres.sh)/opendetat".
# Every human message goes to stderr, prefixed "ensure-postgres:".
#
# What it tries, in order:
#   a. PG_SERVER_URL if set (used as is), else DATABASE_URL if set (its database name is
#      stripped off). Checked with pg_isready when available; an unreachable URL is an error.
#   b. A server already accepting connections on 127.0.0.1:$OPENDETAT_PG_PROBE_PORT (5432).
#   c. A Debian cluster (pg_lsclusters) on that port, when running as root: started with
#      pg_ctlcluster, then waited for (30 s at most).
#      In b and c the URL is postgres://postgres@127.0.0.1:<port>. If psql shows that user
#      cannot log in without a password (Debian's default pg_hba.conf asks for one over TCP),
#      the script moves on to d (or fails, asking for PG_SERVER_URL, without server binaries).
#   d. A private cluster in <repo>/.pgdata, port $OPENDETAT_PG_PORT (54329), listening on
#      127.0.0.1 only, trust auth, superuser "postgres". Created on first use, reused
#      (and started if stopped) afterwards. Log: .pgdata/server.log.
#   e. No PostgreSQL server binaries anywhere: exit 1 and say what to install.
#
# Usage:
#   scripts/ensure-postgres.sh           ensure a server, print its URL
#   scripts/ensure-postgres.sh --stop    stop the private .pgdata cluster if it runs (make db-stop)
#   scripts/ensure-postgres.sh --help
#
# Environment:
#   PG_SERVER_URL            use this server, e.g. postgres://user:pass@host:5432 (step a)
#   DATABASE_URL             a full database URL; its server part is used (step a)
#   OPENDETAT_PG_PORT        port of the private cluster (default 54329)
#   OPENDETAT_PG_PROBE_PORT  port probed in steps b and c (default 5432). Set it to an unused
#                            port to force the private cluster, e.g. for testing this script.
#
# Data layout of the private cluster:
#   .pgdata/data/        the cluster (PGDATA)
#   .pgdata/run/         its unix socket
#   .pgdata/server.log   its log
# When running as root, PostgreSQL refuses to run as root: the cluster belongs to the OS user
# "postgres" (created if missing). If that user cannot reach the repository (e.g. a clone
# under /root), .pgdata becomes a symlink to /var/tmp/opendetat-pgdata-<hash>.
set -euo pipefail

log() { printf 'ensure-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PGDIR="$ROOT/.pgdata"
# .pgdata may be a symlink (see above): work on its target, which the "postgres" user can reach.
set_pgdir() {
  if [ -L "$PGDIR" ]; then
    local target
    target="$(readlink "$PGDIR")"
    mkdir -p "$target"   # /var/tmp may have been cleaned
    PGDIR="$(cd "$target" && pwd -P)"
  fi
  PGDATA_DIR="$PGDIR/data"
  PGLOG="$PGDIR/server.log"
}
set_pgdir
PRIVATE_PORT="${OPENDETAT_PG_PORT:-54329}"
PROBE_PORT="${OPENDETAT_PG_PROBE_PORT:-5432}"
PG_OS_USER=postgres
IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

case "$PRIVATE_PORT$PROBE_PORT" in
  *[!0-9]*) die "OPENDETAT_PG_PORT and OPENDETAT_PG_PROBE_PORT must be port numbers" ;;
esac

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

# Directories that may hold PostgreSQL server binaries, best first.
candidate_bindirs() {
  local d
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)" 2>/dev/null || command -v initdb)"
  fi
  # Debian/Ubuntu, newest major first; RHEL/PGDG; Homebrew (keg-only postgresql@NN).
  for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin \
           /opt/homebrew/opt/postgresql@*/bin /usr/local/opt/postgresql@*/bin \
           /opt/homebrew/opt/postgresql/bin /usr/local/opt/postgresql/bin; do
    if [ -d "$d" ]; then printf '%s\n' "$d"; fi
  done | sort -rV
}

# Major version of the server binaries in $1 (e.g. "15"), or nothing.
bindir_version() {
  "$1/pg_ctl" --version 2>/dev/null | sed -nE 's/^[^0-9]*([0-9]+).*/\1/p' | head -n1
}

# find_bindir [major]: first directory with initdb + pg_ctl (of that major version if given).
find_bindir() {
  local want="${1:-}" d
  while IFS= read -r d; do
    if [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then continue; fi
    if [ -z "$want" ] || [ "$(bindir_version "$d")" = "$want" ]; then
      printf '%s\n' "$d"
      return 0
    fi
  done < <(candidate_bindirs | awk '!seen[$0]++')
  return 1
}

PG_ISREADY=""
find_pg_isready() {
  local c
  # Debian's /usr/bin/pg_isready is a wrapper that fails when no PostgreSQL is installed.
  while IFS= read -r c; do
    if [ -x "$c" ] && "$c" --version >/dev/null 2>&1; then PG_ISREADY="$c"; return 0; fi
  done < <(command -v pg_isready 2>/dev/null || true; candidate_bindirs | sed 's|$|/pg_isready|')
  return 1
}
find_pg_isready || true

# probe HOST PORT: 0 = accepting connections, 1 = rejecting (starting up), 2 = nothing there.
probe() {
  local host="$1" port="$2" rc=0
  if [ -n "$PG_ISREADY" ]; then
    "$PG_ISREADY" -q -h "$host" -p "$port" -t 3 >/dev/null 2>&1 || rc=$?
    case "$rc" in 0) return 0 ;; 1) return 1 ;; *) return 2 ;; esac
  fi
  # No pg_isready: a plain TCP connect tells at least that something listens.
  if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
  return 2
}

# wait_ready HOST PORT SECONDS
wait_ready() {
  local host="$1" port="$2" secs="$3" i
  for ((i = 0; i < secs * 2; i++)); do
    probe "$host" "$port" && return 0
    sleep 0.5
  done
  return 1
}

# can_login URL: 0 if "URL/postgres" lets us in without a password prompt (trust, or a password
# from PGPASSWORD / ~/.pgpass), or if psql is missing and we cannot tell; 1 otherwise.
can_login() {
  psql --version >/dev/null 2>&1 || return 0
  PGCONNECT_TIMEOUT=5 psql "$1/postgres" -w -Atqc 'select 1' >/dev/null 2>&1
}

# use_local_server URL WHAT: print URL and exit if we can log in. Otherwise explain, and return
# so that the caller falls back to a private cluster (or die when there are no binaries for it).
use_local_server() {
  local url="$1" what="$2"
  if can_login "$url"; then
    log "using $what already running on 127.0.0.1:$PROBE_PORT ($url)."
    printf '%s
' "$url"
    exit 0
  fi
  log "$what answers on 127.0.0.1:$PROBE_PORT but '$url/postgres' cannot log in without a password."
  if find_bindir >/dev/null; then
    log "using a private cluster in .pgdata instead (set PG_SERVER_URL=postgres://user:password@127.0.0.1:$PROBE_PORT to use that server)."
    return 0
  fi
  die "set PG_SERVER_URL=postgres://user:password@127.0.0.1:$PROBE_PORT (or PGPASSWORD) to use that server."
}

# Run a command as the OS user that owns the private cluster. Closes fd 9 (our lock): a server
# started from here must not inherit it, or it would hold the lock for its whole life.
as_pg() {
  if [ "$IS_ROOT" = 1 ]; then
    if command -v runuser >/dev/null 2>&1; then
      # From /: our working directory may be out of that user's reach.
      (cd / && runuser -u "$PG_OS_USER" -- "$@" 9>&-)
    else
      local q
      q="$(printf '%q ' "$@")"
      (cd / && su "$PG_OS_USER" -s /bin/sh -c "$q" 9>&-)
    fi
  else
    "$@" 9>&-
  fi
}

ensure_pg_os_user() {
  [ "$IS_ROOT" = 1 ] || return 0
  id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
  log "no '$PG_OS_USER' OS user (PostgreSQL refuses to run as root): creating it as a system user."
  if command -v useradd >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      --user-group "$PG_OS_USER" >&2 \
      || useradd --system --no-create-home "$PG_OS_USER" >&2
  elif command -v adduser >/dev/null 2>&1; then
    adduser -S -D -H "$PG_OS_USER" >&2 2>/dev/null || adduser --system --no-create-home --group "$PG_OS_USER" >&2
  else
    die "cannot create the '$PG_OS_USER' OS user (no useradd/adduser); create it, or run as a normal user."
  fi
}

no_binaries() {
  log "error: no PostgreSQL server found on 127.0.0.1:$PROBE_PORT and no PostgreSQL server binaries (initdb, pg_ctl) installed."
  log "Do one of these:"
  log "  - install PostgreSQL:  sudo apt-get install postgresql     (Debian/Ubuntu)"
  log "                         brew install postgresql@15          (macOS)"
  log "    then run this again (it starts a server, or a private one in .pgdata);"
  log "  - point to a server:   export PG_SERVER_URL=postgres://user:password@host:5432"
  log "                         (or DATABASE_URL=postgres://user:password@host:5432/opendetat);"
  log "  - or run everything in containers: JWT_SECRET=... docker compose up"
  exit 1
}

# The major version the private cluster was created with, if any.
cluster_version() { cat "$PGDATA_DIR/PG_VERSION" 2>/dev/null || true; }

# Bin dir matching the existing private cluster (or newest when none), or die.
private_bindir() {
  local v bindir
  v="$(cluster_version)"
  if [ -n "$v" ]; then
    bindir="$(find_bindir "$v")" || {
      if find_bindir >/dev/null; then
        die ".pgdata holds a PostgreSQL $v cluster but the installed server is $(bindir_version "$(find_bindir)"). Install PostgreSQL $v, or delete it: make db-stop; rm -rf .pgdata"
      fi
      no_binaries
    }
  else
    bindir="$(find_bindir)" || no_binaries
  fi
  printf '%s\n' "$bindir"
}

# Port a running private cluster listens on (line 4 of postmaster.pid).
running_port() { sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true; }

private_running() {
  local bindir="$1"
  [ -f "$PGDATA_DIR/postmaster.pid" ] || return 1
  as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

# --------------------------------------------------------------------------------------------
# --stop / --help
# --------------------------------------------------------------------------------------------
case "${1:-}" in
  --help | -h)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 0
    ;;
  --stop)
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
      log "no private cluster in .pgdata: nothing to stop."
      exit 0
    fi
    bindir="$(private_bindir)"
    if private_running "$bindir"; then
      as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
      log "stopped the private PostgreSQL cluster in .pgdata."
    else
      log "the private PostgreSQL cluster in .pgdata is not running."
    fi
    exit 0
    ;;
  "") ;;
  *) die "unknown argument '$1' (try --help)" ;;
esac

# --------------------------------------------------------------------------------------------
# a. An explicit server: PG_SERVER_URL, else DATABASE_URL minus its database name.
# --------------------------------------------------------------------------------------------
explicit=""
if [ -n "${PG_SERVER_URL:-}" ]; then
  explicit="${PG_SERVER_URL%/}"
  source_var=PG_SERVER_URL
elif [ -n "${DATABASE_URL:-}" ]; then
  url="${DATABASE_URL%%\?*}"
  if [ "$url" != "$DATABASE_URL" ]; then
    log "warning: the query part of DATABASE_URL (?${DATABASE_URL#*\?}) is dropped from the server URL."
  fi
  case "$url" in
    *://*/*) explicit="${url%/*}" ;;   # strip the database name (last path segment)
    *) explicit="$url" ;;              # no database name in it
  esac
  source_var=DATABASE_URL
fi
if [ -n "$explicit" ]; then
  if [ -n "$PG_ISREADY" ]; then
    rc=0
    "$PG_ISREADY" -q -d "$explicit/postgres" -t 10 >/dev/null 2>&1 || rc=$?
    if [ "$rc" = 1 ]; then
      log "the server of $source_var is starting up; waiting..."
      for ((i = 0; i < 60 && rc == 1; i++)); do
        sleep 0.5
        rc=0; "$PG_ISREADY" -q -d "$explicit/postgres" -t 3 >/dev/null 2>&1 || rc=$?
      done
    fi
    [ "$rc" = 0 ] || die "$source_var is set but its server is not reachable (pg_isready -d '$explicit/postgres' exited $rc)."
  fi
  log "using the server from $source_var."
  printf '%s\n' "$explicit"
  exit 0
fi

URL_PROBE="postgres://postgres@127.0.0.1:$PROBE_PORT"

# --------------------------------------------------------------------------------------------
# b. Something already accepts connections on 127.0.0.1:$PROBE_PORT.
# --------------------------------------------------------------------------------------------
skip_system_cluster=0
rc=0; probe 127.0.0.1 "$PROBE_PORT" || rc=$?
if [ "$rc" = 1 ]; then
  log "the server on 127.0.0.1:$PROBE_PORT is starting up; waiting..."
  wait_ready 127.0.0.1 "$PROBE_PORT" 30 && rc=0
fi
if [ "$rc" = 0 ]; then
  use_local_server "$URL_PROBE" "a PostgreSQL server"
  skip_system_cluster=1
fi

# --------------------------------------------------------------------------------------------
# c. A Debian cluster on that port, stopped: start it (root only).
# --------------------------------------------------------------------------------------------
if [ "$skip_system_cluster" = 0 ] && command -v pg_lsclusters >/dev/null 2>&1; then
  cluster="$(pg_lsclusters -h 2>/dev/null | awk -v p="$PROBE_PORT" '$3 == p { print $1, $2, $4; exit }')"
  if [ -n "$cluster" ]; then
    read -r c_ver c_name c_status <<<"$cluster"
    if [ "$IS_ROOT" = 1 ]; then
      log "starting the system PostgreSQL cluster $c_ver/$c_name (port $PROBE_PORT, status: $c_status)..."
      if pg_ctlcluster --skip-systemctl-redirect "$c_ver" "$c_name" start >&2 \
        || [ "$c_status" = online ]; then
        if wait_ready 127.0.0.1 "$PROBE_PORT" 30; then
          log "started the system PostgreSQL cluster $c_ver/$c_name on port $PROBE_PORT."
          use_local_server "$URL_PROBE" "cluster $c_ver/$c_name"
        else
          log "warning: cluster $c_ver/$c_name did not accept connections on 127.0.0.1:$PROBE_PORT within 30 s;"
          log "falling back to a private cluster in .pgdata."
        fi
      else
        log "warning: could not start cluster $c_ver/$c_name (see /var/log/postgresql/postgresql-$c_ver-$c_name.log);"
        log "falling back to a private cluster in .pgdata."
      fi
    else
      log "the system cluster $c_ver/$c_name on port $PROBE_PORT is $c_status; start it with"
      log "  sudo pg_ctlcluster $c_ver $c_name start"
      log "or let this script use a private cluster in .pgdata (doing that now)."
    fi
  fi
fi

# --------------------------------------------------------------------------------------------
# d. A private cluster in .pgdata.
# --------------------------------------------------------------------------------------------
bindir="$(private_bindir)"
ensure_pg_os_user

# As root, the cluster belongs to $PG_OS_USER, who must be able to reach it. A clone under
# /root (mode 700) is out of its reach: keep the data under /var/tmp, linked from .pgdata.
if [ "$IS_ROOT" = 1 ] && [ ! -e "$PGDIR" ] && ! as_pg test -x "$ROOT" 2>/dev/null; then
  hash="$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
  target="/var/tmp/opendetat-pgdata-$hash"
  log "user '$PG_OS_USER' cannot reach $ROOT: keeping the cluster in $target (linked as .pgdata)."
  mkdir -p "$target"
  ln -s "$target" "$PGDIR"
  set_pgdir
fi
mkdir -p "$PGDIR"

# One invocation at a time past this point (two `make` targets started together).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$PGDIR/.lock"
  flock -w 120 9 || die "timed out waiting for another ensure-postgres.sh (lock $PGDIR/.lock)."
fi

if [ "$IS_ROOT" = 1 ]; then
  chown "$PG_OS_USER:" "$PGDIR" "$PGDIR/.lock" 2>/dev/null || chown "$PG_OS_USER" "$PGDIR"
fi
chmod 700 "$PGDIR"

# Unix socket: inside .pgdata unless the path is too long for a socket (107 bytes max).
SOCKDIR="$PGDIR/run"
if [ "${#SOCKDIR}" -gt 90 ]; then
  SOCKDIR="/tmp/opendetat-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
fi
as_pg mkdir -p "$SOCKDIR"

if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  if [ -e "$PGDATA_DIR" ] && [ -n "$(ls -A "$PGDATA_DIR" 2>/dev/null)" ]; then
    die "$PGDATA_DIR exists but holds no cluster; remove it (rm -rf .pgdata) and run again."
  fi
  log "creating a private PostgreSQL $(bindir_version "$bindir") cluster in .pgdata (first run only)..."
  initdb_ok=0
  for locale_opt in --locale=C.UTF-8 --no-locale; do
    if as_pg "$bindir/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 "$locale_opt" \
         >"$PGDIR/initdb.log" 2>&1; then
      initdb_ok=1
      break
    fi
    as_pg rm -rf "$PGDATA_DIR"
  done
  if [ "$initdb_ok" != 1 ]; then
    cat "$PGDIR/initdb.log" >&2
    die "initdb failed (log above, also in .pgdata/initdb.log)."
  fi
  # Settings live in an include file rewritten at every start (port and socket may change).
  # shellcheck disable=SC2016 # $1 is expanded by the inner sh
  as_pg sh -c 'cat >> "$1"' sh "$PGDATA_DIR/postgresql.conf" <<'EOF'

# --- Open d'État private development cluster (scripts/ensure-postgres.sh) ---
# Disposable dev/test data: durability traded for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
include_if_exists = 'opendetat-local.conf'
EOF
fi

if private_running "$bindir"; then
  port="$(running_port)"
  [ -n "$port" ] || port="$PRIVATE_PORT"
  if [ "$port" != "$PRIVATE_PORT" ]; then
    log "note: the private cluster already runs on port $port (OPENDETAT_PG_PORT=$PRIVATE_PORT applies after make db-stop)."
  fi
  if ! wait_ready 127.0.0.1 "$port" 30; then
    die "the private cluster runs but does not accept connections on 127.0.0.1:$port (see .pgdata/server.log)."
  fi
  log "using the private PostgreSQL cluster in .pgdata (port $port); stop it with \`make db-stop\`."
  printf 'postgres://postgres@127.0.0.1:%s\n' "$port"
  exit 0
fi

rc=0; probe 127.0.0.1 "$PRIVATE_PORT" || rc=$?
if [ "$rc" != 2 ]; then
  die "port $PRIVATE_PORT is already taken by another program; choose another with OPENDETAT_PG_PORT=..."
fi

# shellcheck disable=SC2016 # $1 is expanded by the inner sh
as_pg sh -c 'cat > "$1"' sh "$PGDATA_DIR/opendetat-local.conf" <<EOF
# Written by scripts/ensure-postgres.sh at every start; edits are lost.
listen_addresses = '127.0.0.1'
port = $PRIVATE_PORT
unix_socket_directories = '$SOCKDIR'
EOF

if ! as_pg "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -w -t 30 start >/dev/null 2>&1; then
  log "PostgreSQL did not start; last lines of .pgdata/server.log:"
  tail -n 20 "$PGLOG" >&2 2>/dev/null || true
  die "could not start the private cluster in .pgdata (port $PRIVATE_PORT)."
fi
wait_ready 127.0.0.1 "$PRIVATE_PORT" 30 \
  || die "the private cluster started but does not accept connections on 127.0.0.1:$PRIVATE_PORT."

log "started a private PostgreSQL cluster in .pgdata (port $PRIVATE_PORT); stop it with \`make db-stop\`."
printf 'postgres://postgres@127.0.0.1:%s\n' "$PRIVATE_PORT"
