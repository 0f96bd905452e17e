#!/usr/bin/env bash
# print-schema.sh — regenerate backend/src/db/schema.rs from the migrations: a scratch database
# on the PostgreSQL server scripts/ensure-postgres.sh finds, migrated with the Diesel CLI, then
# `diesel print-schema` (which applies backend/src/db/schema.patch, see diesel.toml), then the
# scratch database is dropped. Needs the Diesel CLI:
#     cargo install diesel_cli --no-default-features --features postgres   (~90 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v diesel >/dev/null || { echo "print-schema: no diesel CLI (cargo install diesel_cli --no-default-features --features postgres)" >&2; exit 2; }
server=$(scripts/ensure-postgres.sh)
db="opendetat_schema_$$"
url="$server/$db"
trap 'psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
psql "$server/postgres" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db"
diesel migration run --database-url "$url" >/dev/null
# print-schema writes `file` of diesel.toml; its standard output is the same text.
diesel print-schema --database-url "$url" > backend/src/db/schema.rs
echo "print-schema: backend/src/db/schema.rs written"
