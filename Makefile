# Open d'État — developer entry points. `make` (or `make help`) lists them.
#
# PostgreSQL comes from scripts/ensure-postgres.sh: PG_SERVER_URL or DATABASE_URL if set, else
# a server on 127.0.0.1:5432, else a private cluster in .pgdata (port 54329, `make db-stop`).
# Recipes are single shell commands (backslash-continued), so this works with GNU make 3.81 too.

SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run dev test openapi db db-stop clean-db fmt lint

help: ## List the targets
	@echo "Open d'État — make targets:"
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z_-]+:.*## / { printf "  %-10s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

run: ## Build (optimised) and start the product with demo data on http://localhost:8080
	@scripts/run.sh release

dev: ## Same as run with a debug build (faster to compile, slower to serve)
	@scripts/run.sh dev

test: ## Run every test: Rust unit + HTTP tests, contract fuzzing, web app unit + browser tests
	@set -eu; \
	PG=$$(scripts/ensure-postgres.sh); \
	cargo build --workspace --bins; \
	SMTP_PY=$$(tests/smtp/venv.sh); \
	SMTP_DIR=$$(mktemp -d); \
	"$$SMTP_PY" tests/smtp/sink.py --dir "$$SMTP_DIR/mail" --until-killed > "$$SMTP_DIR/out" 2>&1 & SMTP_PID=$$!; \
	trap 'kill $$SMTP_PID 2>/dev/null; rm -rf "$$SMTP_DIR"' EXIT; \
	for _ in $$(seq 100); do grep -q '^ready' "$$SMTP_DIR/out" && break; sleep 0.1; done; \
	SMTP_PORT=$$(awk '/^ready/ { print $$2 }' "$$SMTP_DIR/out"); \
	[ -n "$$SMTP_PORT" ] || { cat "$$SMTP_DIR/out"; echo "the SMTP sink did not start" >&2; exit 1; }; \
	export TEST_SMTP_URL="smtp://127.0.0.1:$$SMTP_PORT" TEST_SMTP_DIR="$$SMTP_DIR/mail" SMTP_SINK_PYTHON="$$SMTP_PY"; \
	echo "==> mail goes to aiosmtpd on $$TEST_SMTP_URL"; \
	if [ "$${USE_NEXTEST:-1}" != 0 ] && cargo nextest --version >/dev/null 2>&1; then \
	  TEST_PG_URL="$$PG" cargo nextest run --workspace --no-fail-fast --no-tests=warn; \
	else \
	  TEST_PG_URL="$$PG" cargo test --workspace --no-fail-fast; \
	fi; \
	PG_SERVER_URL="$$PG" scripts/contract-fuzz.sh; \
	if [ -f frontend/package.json ]; then (cd frontend && npm ci && PG_SERVER_URL="$$PG" npm test); fi

openapi: ## Regenerate the committed contract openapi/openapi.json
	@set -eu; \
	mkdir -p openapi; \
	if cargo run -q -p opendetat -- openapi > openapi/openapi.json.tmp; then \
	  mv openapi/openapi.json.tmp openapi/openapi.json; \
	else \
	  rm -f openapi/openapi.json.tmp; exit 1; \
	fi

db: ## Make sure PostgreSQL runs and print its server URL
	@scripts/ensure-postgres.sh

db-stop: ## Stop the private PostgreSQL cluster in .pgdata (if running)
	@scripts/ensure-postgres.sh --stop

clean-db: ## Drop test databases left behind (opendetat_test_*, opendetat_tpl_*)
	@set -eu; \
	PG=$$(scripts/ensure-postgres.sh); \
	DBS=$$(psql "$$PG/postgres" -v ON_ERROR_STOP=1 -Atc \
	  "select datname from pg_database where datname like 'opendetat\_test\_%' or datname like 'opendetat\_tpl\_%'"); \
	n=0; \
	for db in $$DBS; do \
	  psql "$$PG/postgres" -v ON_ERROR_STOP=1 -q \
	    -c "ALTER DATABASE \"$$db\" IS_TEMPLATE false" \
	    -c "DROP DATABASE \"$$db\" WITH (FORCE)"; \
	  echo "dropped $$db"; n=$$((n + 1)); \
	done; \
	echo "$$n test database(s) dropped"

fmt: ## Format the Rust code and the web app
	@set -eu; \
	cargo fmt --all; \
	if [ -d frontend/node_modules ]; then (cd frontend && npm run --silent format); fi

lint: ## Check the shape and the habits: formatting, Clippy (warnings are errors), the layers, the web app's ESLint and format
	@set -eu; \
	echo "==> cargo fmt --check"; cargo fmt --all --check; \
	echo "==> clippy"; cargo clippy --workspace --all-targets -- -D warnings; \
	echo "==> layers"; python3 scripts/check-layers.py; \
	if [ -d frontend/node_modules ]; then (cd frontend && npm run --silent lint && npm run --silent format:check); \
	else echo "(the web app's ESLint and format check run in its npm test, after npm ci)"; fi
