#!/usr/bin/env bash
# contract-fuzz.sh — property-based contract fuzzing of the API against openapi/openapi.json.
#
# Schemathesis (from PyPI, pinned below) generates requests from the committed contract and
# checks every response against it: no 5xx, every response has a documented status, content
# type and schema, and input that violates the contract is rejected. Usage:
#
#     cargo build -p opendetat          # the script runs target/debug/opendetat
#     scripts/contract-fuzz.sh [extra `schemathesis run` options]
#
# What it does:
#   1. Creates (or reuses) a Python venv in target/fuzz-venv holding schemathesis==$ST_VERSION.
#   2. Creates a fresh database opendetat_fuzz_<random> on the PostgreSQL server printed by
#      scripts/ensure-postgres.sh and runs `opendetat seed` on it (OPENDETAT_ENV=dev: the real
#      action plans plus the demo accounts, forums and comments).
#   3. Starts `opendetat serve` (dev mode, so that the demo accounts can sign in) on a free port
#      of 127.0.0.1, read from its `listening on http://ADDR` line.
#   4. Signs in as the demo admin (admin@demo.opendetat.fr). The token is given to schemathesis
#      for the `bearer` security scheme, so it is sent to every operation that declares it
#      (the protected routes are exercised past their 401) and left off, or spoiled, by the
#      ignored_auth check to verify that they do answer 401 without it.
#   5. Reads identifiers from the seeded API and writes target/fuzz/schemathesis.toml:
#      - half of the {id} path values are real ones (FR0041, forum slugs, comment ids...), so
#        operations on one resource get past their 404; the other half test the 404 path;
#      - 20 % of generated strings come from a list of hostile ones (NUL, LIKE wildcards,
#        quotes, markup, bidi and astral characters), so that class of bug is found every run;
#      - the checks below; warnings that mean a broken contract fail the run too.
#   6. Runs `schemathesis run` on the committed openapi/openapi.json (not the served copy: a
#      test already keeps the two identical) against http://127.0.0.1:PORT: phases examples,
#      coverage, fuzzing and stateful; positive and negative data; seed 20260101; at most
#      FUZZ_MAX_EXAMPLES cases per operation in the fuzzing phase; one worker. Checks:
#        not_a_server_error            no 5xx (500 and 503 are documented, but a defect here)
#        status_code_conformance       every status is one the operation documents
#        content_type_conformance      the Content-Type is the one documented for that status
#        response_headers_conformance  documented response headers are present and valid
#        response_schema_conformance   the body matches the documented schema
#        negative_data_rejection       input that violates the contract gets a 4xx
#        ignored_auth                  operations declaring `bearer` answer 401 without it
#        missing_required_header       a missing required header is rejected
#        use_after_free, ensure_resource_availability   (stateful) deleted is gone, created is there
#        allow_header_conformance, object_level_authorization
#        positive_data_acceptance      schema-valid input is never refused with 400/422: the
#                                      contract says everything the server checks
#        unsupported_method            an undocumented method on a known path gets 405 + Allow
#      (strict, the default; FUZZ_STRICT=0 leaves out the last two, for a quick look while a
#      contract change is under way). Rules between two fields of a request, which JSON Schema
#      cannot state, are in the fields' descriptions and taught to the generator by
#      scripts/fuzz_hooks.py; rules against stored data answer 409. The named exceptions:
#      positive cases send no `cursor` nor `since` (opaque values only the server makes); and
#      use_after_free is off for reads under forums, commitments and milestones, whose DELETE
#      archives a discussed record (200, still readable by design) instead of deleting it; the
#      two streams (`/subjects/{type}/{key}/stream`, `/me/stream`) are left out, their answer
#      being endless (tests/tests/api/streams.rs covers them).
#      Warnings that fail the run: unresolvable_reference (a $ref to a missing component: the
#      contract is broken), method_not_allowed (405 on a documented method); missing_auth is
#      shown only (see the [warnings] section below for why).
#   7. On exit (success, failure, error or Ctrl-C): stops the server and drops the database.
#
# Exit status: 0 when every check passed; 1 when schemathesis found a failure (or a failing
# warning, or crashed); 2 for a setup problem (no PostgreSQL or binary, pip failed, the server
# did not start, the admin could not sign in).
#
# A run takes about 1–2 minutes on 2 cores (debug build). Each failure is printed with a curl
# line to reproduce it (tokens and passwords shown as [Filtered]).
#
# Output, all under target/fuzz/ (FUZZ_OUT):
#   schemathesis.toml   the generated configuration (the token is read from the environment)
#   server.log          the server's log (RUST_LOG=warn,access=info unless RUST_LOG is set)
#   report/             JUnit XML and a VCR cassette of every request and response
#   hypothesis/         Hypothesis' example database; cache/ schemathesis' own. Failing examples
#                       found by one run are replayed first by the next, so a local rerun can
#                       differ from the first; `rm -rf target/fuzz` for a from-scratch run (what
#                       CI does, from a fresh clone). Same seed, same fresh state: same run.
#
# Environment (all optional):
#   FUZZ_MAX_EXAMPLES   cases per operation in the fuzzing phase (default 50)
#   FUZZ_SEED           the seed (default 20260101)
#   FUZZ_WORKERS        concurrent schemathesis workers (default 1: deterministic order, and
#                       more than one trips a CPython 3.11 bug, "SystemError: AST constructor
#                       recursion depth mismatch", in Hypothesis' threads)
#   FUZZ_PHASES         schemathesis phases (default examples,coverage,fuzzing,stateful)
#   FUZZ_MAX_TIME       time budget in seconds for the schemathesis run (default none)
#   FUZZ_STRICT=0       leave out positive_data_acceptance and unsupported_method (see above)
#   FUZZ_SCHEMA         the contract to test (default openapi/openapi.json)
#   FUZZ_OUT            output directory (default target/fuzz)
#   FUZZ_KEEP_DB=1      keep the database (its URL is printed) instead of dropping it
#   OPENDETAT_BIN       the server binary (default target/debug/opendetat)
#   PYTHON              the interpreter for the venv (default python3.11, else python3.12, ...)
#   PG_SERVER_URL, DATABASE_URL, OPENDETAT_PG_PORT   see scripts/ensure-postgres.sh
#   Extra arguments go to `schemathesis run`, e.g. --include-path-regex '/comments'.
#
# Needs: bash, curl, psql, Python >= 3.11 with venv; pip reaches PyPI once, to fill the venv.
# Traffic goes to 127.0.0.1 only (proxy variables are cleared).
set -euo pipefail

ST_VERSION=4.32.5

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$ROOT/target/fuzz-venv"
OUT="${FUZZ_OUT:-$ROOT/target/fuzz}"
SCHEMA="${FUZZ_SCHEMA:-$ROOT/openapi/openapi.json}"
BIN="${OPENDETAT_BIN:-$TARGET/debug/opendetat}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-50}"
SEED="${FUZZ_SEED:-20260101}"
WORKERS="${FUZZ_WORKERS:-1}"
PHASES="${FUZZ_PHASES:-examples,coverage,fuzzing,stateful}"
MAX_TIME="${FUZZ_MAX_TIME:-}"
ADMIN_EMAIL=admin@demo.opendetat.fr
DEMO_PASSWORD=opendetat-demo-2026

log() { printf 'contract-fuzz: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 2; }

for n in "$MAX_EXAMPLES" "$SEED" "$WORKERS" ${MAX_TIME:+"$MAX_TIME"}; do
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -eq 0 ]; then
    die "FUZZ_* numbers must be positive integers (got '$n')"
  fi
done
[ -f "$SCHEMA" ] || die "$SCHEMA is missing"
[ -x "$BIN" ] || die "$BIN is missing: run \`cargo build -p opendetat\` first"
command -v curl >/dev/null || die "curl is needed"
command -v psql >/dev/null || die "psql is needed (apt-get install postgresql-client)"

# Only loopback traffic: no proxy may see (or swallow) the requests to the server.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

# --- 1. Schemathesis in a venv ------------------------------------------------------------
PY="$VENV/bin/python"
if ! "$PY" -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$ST_VERSION')" 2>/dev/null; then
  PYTHON="${PYTHON:-}"
  if [ -z "$PYTHON" ]; then
    for c in python3.11 python3.12 python3.13 python3.14 python3; do
      if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        PYTHON="$c"
        break
      fi
    done
  fi
  [ -n "$PYTHON" ] || die "schemathesis $ST_VERSION needs Python >= 3.11 (apt-get install python3 python3-venv)"
  if [ ! -x "$PY" ]; then
    log "creating a Python venv in target/fuzz-venv ($("$PYTHON" --version 2>&1))..."
    mkdir -p "$(dirname "$VENV")"
    "$PYTHON" -m venv "$VENV" || die "python -m venv failed (apt-get install python3-venv)"
  fi
  log "installing schemathesis==$ST_VERSION into target/fuzz-venv..."
  "$PY" -m pip install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION" >&2 \
    || die "pip install schemathesis==$ST_VERSION failed"
fi
ST="$VENV/bin/schemathesis"

# --- 2. Database ----------------------------------------------------------------------------
PG="$("$ROOT/scripts/ensure-postgres.sh")" || die "no PostgreSQL server (scripts/ensure-postgres.sh failed)"
PG="${PG%/}"
DB="opendetat_fuzz_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
DB_URL="$PG/$DB"
SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"

mkdir -p "$OUT"
WORK="$(mktemp -d "$OUT/run.XXXXXX")"   # not in /tmp: nothing else may clean it up under us
SERVER_PID=""
DB_CREATED=0
# shellcheck disable=SC2317 # invoked by the EXIT trap
cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$DB_CREATED" = 1 ]; then
    if [ "${FUZZ_KEEP_DB:-0}" = 1 ]; then
      log "kept the database $DB (FUZZ_KEEP_DB=1): $DB_URL"
    else
      psql "$PG/postgres" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" \
        >/dev/null 2>&1 || log "warning: could not drop the database $DB"
    fi
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

psql "$PG/postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$DB\"" >/dev/null \
  || die "could not create the database $DB"
DB_CREATED=1
log "seeding the database $DB..."
DATABASE_URL="$DB_URL" OPENDETAT_ENV=dev JWT_SECRET="$SECRET" RUST_LOG=warn \
  "$BIN" seed >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "opendetat seed failed"; }

# --- 3. Server ------------------------------------------------------------------------------
# The per-address limits would turn most of the run's thousands of sign-ins into 429s (which
# the contract documents): lifted, so that sign-in and sign-up are fuzzed for real.
DATABASE_URL="$DB_URL" BIND_ADDR=127.0.0.1:0 OPENDETAT_ENV=dev JWT_SECRET="$SECRET" \
  STATIC_DIR="" RUST_LOG="${RUST_LOG:-warn,access=info}" \
  RATE_LIMIT_SIGN_IN=1000000/1m RATE_LIMIT_SIGN_UP=1000000/1m RATE_LIMIT_POSTING=1000000/1m \
  RATE_LIMIT_API_ANONYMOUS=1000000000/1m RATE_LIMIT_API_AUTHENTICATED=1000000000/1m \
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
[[ "$BASE" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || die "unexpected server address '$BASE'"
log "server pid $SERVER_PID on $BASE"

# --- 4. Admin token -------------------------------------------------------------------------
LOGIN="$(curl -sS --max-time 10 -H 'Content-Type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$DEMO_PASSWORD\"}" \
  "$BASE/api/v1/auth/login")" || die "cannot reach $BASE"
TOKEN="$(printf '%s' "$LOGIN" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null)" \
  || die "could not sign in as $ADMIN_EMAIL: $LOGIN"
[ -n "$TOKEN" ] || die "empty token from /auth/login"

# --- 5. Configuration ----------------------------------------------------------------------
# Known identifiers from the seed, so that operations on one resource get past their 404 half
# of the time (the other half, schemathesis' own values test the 404 path). Written with the
# run's settings to $OUT/schemathesis.toml; the token stays in the environment (${FUZZ_TOKEN}).
rm -rf "$OUT/report"
mkdir -p "$OUT/report" "$OUT/hypothesis"
# Every check schemathesis has (strict: `FUZZ_STRICT=0` leaves out the two that judge
# validation rather than answers, for a quick look while a contract change is under way).
CHECKS=(
  not_a_server_error status_code_conformance content_type_conformance
  response_headers_conformance response_schema_conformance negative_data_rejection
  missing_required_header ignored_auth use_after_free ensure_resource_availability
  allow_header_conformance object_level_authorization
)
if [ "${FUZZ_STRICT:-1}" = 1 ]; then CHECKS+=(positive_data_acceptance unsupported_method); fi

FUZZ_API="$BASE/api/v1" FUZZ_TOKEN="$TOKEN" FUZZ_CHECKS="${CHECKS[*]}" \
FUZZ_MAX_EXAMPLES="$MAX_EXAMPLES" FUZZ_SEED="$SEED" FUZZ_WORKERS="$WORKERS" \
FUZZ_DB_DIR="$OUT/hypothesis" FUZZ_CACHE_DIR="$OUT/cache" FUZZ_REPORT_DIR="$OUT/report" \
  "$PY" - >"$OUT/schemathesis.toml" <<'PY' || die "could not read the seed's identifiers from the API"
import json, os, urllib.request

api, token = os.environ["FUZZ_API"], os.environ["FUZZ_TOKEN"]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only


def items(path):
    req = urllib.request.Request(api + path, headers={"Authorization": "Bearer " + token})
    with opener.open(req, timeout=10) as resp:
        return json.load(resp)["items"]


plans = items("/action-plans?limit=100")
commitments = items("/commitments?limit=100")
forums = items("/forums?limit=100")
milestones = items("/milestones?limit=100")
users = items("/admin/users?limit=100")
formats = items("/formats?limit=100")
action_items = items("/action-items?limit=100")
cycles = items("/cycles?limit=100")
institutions = items("/institutions?limit=100")
questions = items("/questions?limit=100")
comments = [c["id"] for f in forums for c in items(f"/forums/{f['id']}/comments?mode=flat&limit=100")]
dictionaries = {
    # Keys of routes whose {id} is a string (an id or a slug/code) are given as strings.
    "action_plan_ids": [str(p["id"]) for p in plans] + [p["slug"] for p in plans],
    # FR0041 and its neighbours, by id and by code.
    "commitment_ids": [str(c["id"]) for c in commitments if c["code"] in ("FR0041", "FR0030", "FR0001")]
    + [c["code"] for c in commitments[-12:]],
    "forum_ids": [str(f["id"]) for f in forums] + [f["slug"] for f in forums],
    "milestone_ids": [m["id"] for m in milestones],
    "comment_ids": comments,
    "user_ids": [u["id"] for u in users],
    "format_ids": [str(f["id"]) for f in formats] + [f["slug"] for f in formats],
    "action_item_ids": [a["id"] for a in action_items],
    "cycle_ids": [str(c["id"]) for c in cycles] + [c["slug"] for c in cycles],
    "question_ids": [q["id"] for q in questions],
    "institution_ids": [str(i["id"]) for i in institutions] + [i["slug"] for i in institutions],
    "format_versions": sorted({v for f in formats for v in range(1, f["latest_version"] + 1)}),
}
for name, values in dictionaries.items():
    if not values:
        raise SystemExit(f"the seed has no {name}")
# Strings that break naive code (NUL, which PostgreSQL text cannot hold; LIKE wildcards; quotes;
# markup; bidi and astral characters), mixed into 20 % of every string schemathesis generates,
# in parameters and bodies alike, so that this class of bug is found on every run, not by luck.
hostile = ["\u0000", "a\u0000b", "%", "_", "\\", "'", "<script>alert(1)</script>", "\u202e",
           "\U0001F600", " "]
# Path prefix -> dictionary for its {id}.
routes = {
    "/api/v1/action-plans/{id}": "action_plan_ids",
    "/api/v1/commitments/{id}": "commitment_ids",
    "/api/v1/forums/{id}": "forum_ids",
    "/api/v1/milestones/{id}": "milestone_ids",
    "/api/v1/comments/{id}": "comment_ids",
    "/api/v1/users/{id}": "user_ids",
    "/api/v1/admin/users/{id}": "user_ids",
    "/api/v1/formats/{id}": "format_ids",
    "/api/v1/action-items/{id}": "action_item_ids",
    "/api/v1/cycles/{id}": "cycle_ids",
    "/api/v1/institutions/{id}": "institution_ids",
    "/api/v1/questions/{id}": "question_ids",
}
WARNINGS = ["missing_auth", "missing_test_data", "base_url_mismatch", "validation_mismatch",
            "missing_deserializer", "unused_openapi_auth", "unsupported_regex", "method_not_allowed",
            "constants_extraction", "unmatched_filter", "unresolvable_reference", "rate_limited",
            "timeout_units"]


def q(value):  # JSON strings are valid TOML basic strings (non-ASCII kept as UTF-8)
    return json.dumps(value, ensure_ascii=False)
out = [
    "# Written by scripts/contract-fuzz.sh for one run; edits are lost.",
    f"seed = {int(os.environ['FUZZ_SEED'])}",
    f"workers = {int(os.environ['FUZZ_WORKERS'])}",
    "max-redirects = 0",
    # Every failing case of an operation is reported, not only its first one.
    "continue-on-failure = true",
    "request-timeout = 30",
    "color = false",
    "",
    "[auth.openapi.bearer]",
    'bearer = "${FUZZ_TOKEN}"',
    "",
    "[generation]",
    'mode = "all"',
    f"max-examples = {int(os.environ['FUZZ_MAX_EXAMPLES'])}",
    f"database = {q(os.environ['FUZZ_DB_DIR'])}",
    "",
    "[cache]",
    f"directory = {q(os.environ['FUZZ_CACHE_DIR'])}",
    "",
    "[reports]",
    f"directory = {q(os.environ['FUZZ_REPORT_DIR'])}",
    "",
    "[warnings]",
    # A contract whose $refs do not resolve is broken; 405 on a documented method is a routing
    # bug. missing_auth ("an operation answered only 401/403") is shown, not fatal: Schemathesis
    # judges it per phase, and its stateful phase can reach an operation only through the
    # auth-less and spoiled variants of ignored_auth (seen on DELETE /forums/{id}, whose calls
    # with the admin token were accepted in the other phases of the same run). A valid token
    # refused would show as 401s in every phase and fails tests/tests/api/permissions.rs.
    'fail-on = ["unresolvable_reference", "method_not_allowed"]',
    # dictionary_mismatch only says that hostile strings are negative data for enums and dates.
    "display = " + q([w for w in WARNINGS if w != "dictionary_mismatch"]),
    "",
    "[checks]",
    "enabled = false",
]
for check in os.environ["FUZZ_CHECKS"].split():
    out += [f"{check}.enabled = true"]
    if check == "negative_data_rejection":
        # Schemathesis's list, plus 413: a body past the contract's maxLength can also pass
        # the server's 64 KiB body limit, and then "too large" is the right refusal.
        out += [f"{check}.expected-statuses = " + q(
            ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"])]
out += ["", "[phases.fuzzing.extra-data-sources]", "responses = true", ""]
out += ["[generation.dictionaries]", 'string = { dictionary = "hostile_strings", probability = 0.2 }', ""]
out += ["[dictionaries.hostile_strings]", f"values = {q(hostile)}", ""]
for name, values in dictionaries.items():
    out += [f"[dictionaries.{name}]", f"values = {q(values)}", ""]
# Records a DELETE archives instead (a forum, commitment or milestone that people discussed:
# the answer is 200 with the archived record, which stays readable at its address). For reads
# under them, use_after_free would count that by-design 200 as a use after a delete; it is the
# one check turned off, there only. (Deleting one without contributions answers 204, and its
# 404 afterwards is tested in tests/tests/api.)
ARCHIVING = {"/api/v1/forums/{id}", "/api/v1/commitments/{id}", "/api/v1/milestones/{id}"}
for path, name in routes.items():
    regex = "^" + path.replace("{", "\\{").replace("}", "\\}")
    out += [
        "[[operations]]",
        f"include-path-regex = {q(regex)}",
        f'parameters = {{ "path.id" = {{ dictionary = {q(name)}, probability = 0.5 }} }}',
    ]
    if path in ARCHIVING:
        out += ["checks.use_after_free.enabled = false"]
    if name == "format_ids":
        out[-1] = (f'parameters = {{ "path.id" = {{ dictionary = {q(name)}, probability = 0.5 }}, '
                   f'"path.version" = {{ dictionary = "format_versions", probability = 0.5 }} }}')
    out += [""]
print("\n".join(out))
PY

# --- 6. Schemathesis ------------------------------------------------------------------------
REPORTS=junit,vcr
args=(
  --config-file "$OUT/schemathesis.toml"
  run "$SCHEMA"
  --url "$BASE"
  --phases "$PHASES"
  --report "$REPORTS"
  --no-color
  # Streams (`text/event-stream`) never end: a generated request that opens one would wait for
  # ever (heartbeats keep the read timeout from firing). Their refusals are tested in
  # tests/tests/api/streams.rs instead.
  --exclude-path-regex '/stream$'
)
[ -z "$MAX_TIME" ] || args+=(--max-time "$MAX_TIME")

log "schemathesis $ST_VERSION on $SCHEMA (seed $SEED, $MAX_EXAMPLES examples/operation, $WORKERS worker(s))"
log "checks: ${CHECKS[*]}"
START=$(date +%s)
rc=0
# From $OUT, so that anything Hypothesis writes relative to the working directory lands there.
(cd "$OUT" && FUZZ_TOKEN="$TOKEN" PYTHONPATH="$ROOT/scripts" SCHEMATHESIS_HOOKS=fuzz_hooks \
  "$ST" "${args[@]}" "$@") || rc=$?
log "schemathesis exited $rc after $(($(date +%s) - START)) s; server log: $OUT/server.log"
if [ "$rc" != 0 ]; then
  log "FAILED: the API does not match its contract (failures above, each with a curl line;"
  log "every request is in $OUT/report; replay with: FUZZ_SEED=$SEED scripts/contract-fuzz.sh)"
  exit 1
fi
log "OK: every response matched the contract"
