#!/usr/bin/env bash
# Makes (once) the tests' Python venv, target/smtp-venv, and prints its interpreter: aiosmtpd
# (the SMTP server mail goes to), icalendar (the parser that reads back the calendars the
# server writes), feedparser (the one that reads back its Atom feeds), frictionless (the
# validator of the open-data package and its CSV files), rdflib (which reads the DCAT
# catalogue as RDF), standardwebhooks (the official library webhook deliveries are verified
# with, tests/webhooks/receiver.py) and pyotp (the authenticator app of the two-factor tests),
# moto (an S3-compatible server, for the documents' object store: tests/src/s3.rs),
# all from PyPI. Needs Python >= 3.8
# with venv. oidc-provider-mock is the identity provider of the sign-in tests
# (tests/oidc/provider.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
AIOSMTPD_VERSION=1.4.6
ICALENDAR_VERSION=7.3.2
FEEDPARSER_VERSION=6.0.14
FRICTIONLESS_VERSION=5.21.0
RDFLIB_VERSION=7.6.0
STANDARDWEBHOOKS_VERSION=1.3.0
PYOTP_VERSION=2.9.0
OIDC_PROVIDER_MOCK_VERSION=0.3.4
MOTO_VERSION=5.1.18
VENV="${CARGO_TARGET_DIR:-target}/smtp-venv"
if ! "$VENV/bin/python" -c "import aiosmtpd, icalendar, feedparser, frictionless, rdflib, standardwebhooks, pyotp, oidc_provider_mock, moto, importlib.metadata as m, sys; sys.exit(moto.__version__ != '$MOTO_VERSION' or m.version('oidc-provider-mock') != '$OIDC_PROVIDER_MOCK_VERSION' or m.version('pyotp') != '$PYOTP_VERSION' or m.version('standardwebhooks') != '$STANDARDWEBHOOKS_VERSION' or aiosmtpd.__version__ != '$AIOSMTPD_VERSION' or icalendar.__version__ != '$ICALENDAR_VERSION' or feedparser.__version__ != '$FEEDPARSER_VERSION' or frictionless.__version__ != '$FRICTIONLESS_VERSION' or rdflib.__version__ != '$RDFLIB_VERSION')" 2>/dev/null; then
  PY=""
  for p in python3.13 python3.12 python3.11 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import venv, ensurepip' 2>/dev/null; then PY="$p"; break; fi
  done
  [ -n "$PY" ] || { echo "smtp venv: no python3 with venv (install python3-venv)" >&2; exit 2; }
  rm -rf "$VENV"
  "$PY" -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION" "icalendar==$ICALENDAR_VERSION" "feedparser==$FEEDPARSER_VERSION" "frictionless==$FRICTIONLESS_VERSION" "rdflib==$RDFLIB_VERSION" "standardwebhooks==$STANDARDWEBHOOKS_VERSION" "pyotp==$PYOTP_VERSION" "oidc-provider-mock==$OIDC_PROVIDER_MOCK_VERSION" "moto[server]==$MOTO_VERSION" >&2
fi
echo "$(cd "$VENV" && pwd)/bin/python"
