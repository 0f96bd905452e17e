#!/usr/bin/env bash
# Makes (once) the Python venv of the tests' SMTP server, target/smtp-venv, with aiosmtpd from
# PyPI, and prints its interpreter. Needs Python >= 3.8 with venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
AIOSMTPD_VERSION=1.4.6
VENV="${CARGO_TARGET_DIR:-target}/smtp-venv"
if ! "$VENV/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
  PY=""
  for p in python3.13 python3.12 python3.11 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import venv, ensurepip' 2>/dev/null; then PY="$p"; break; fi
  done
  [ -n "$PY" ] || { echo "smtp venv: no python3 with venv (install python3-venv)" >&2; exit 2; }
  rm -rf "$VENV"
  "$PY" -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION" >&2
fi
echo "$(cd "$VENV" && pwd)/bin/python"
