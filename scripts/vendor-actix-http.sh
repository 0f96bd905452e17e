#!/usr/bin/env bash
# Rebuilds vendor/actix-http from the crates.io release in Cargo's cache plus vendor/actix-http.patch.
#   scripts/vendor-actix-http.sh [version]     (default: the version vendored now)
# To move to a new release: `cargo update -p actix-http --precise X` is not possible while the
# patch is in place, so fetch the release first (`cargo fetch` in any project depending on it, or
# `cargo download`), then run this with the new version and check that the patch still applies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version="${1:-$(sed -n 's/^version = "\(.*\)"$/\1/p' vendor/actix-http/Cargo.toml | head -n1)}"
src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/actix-http-"$version" 2>/dev/null | head -n1 || true)
[ -n "$src" ] || { echo "actix-http $version is not in Cargo's cache: fetch it first (see the header of this script)" >&2; exit 1; }
rm -rf vendor/actix-http
mkdir -p vendor/actix-http
cp -r "$src/src" "$src/Cargo.toml" "$src/LICENSE-MIT" "$src/LICENSE-APACHE" vendor/actix-http/
# Examples, tests, benchmarks and dev-dependencies are not shipped here: the copy is built, never tested.
python3 - vendor/actix-http/Cargo.toml <<'PY'
import re, sys
path = sys.argv[1]
blocks = re.split(r'(?m)^(?=\[)', open(path).read())
kept = [b for b in blocks if not re.match(r'\[\[(example|test|bench)\]\]|\[dev-dependencies', b)]
open(path, 'w').write(re.sub(r'(?m)^readme = .*\n', '', ''.join(kept)))
PY
patch -d vendor/actix-http -p1 < vendor/actix-http.patch
echo "vendor/actix-http: actix-http $version with vendor/actix-http.patch applied"
