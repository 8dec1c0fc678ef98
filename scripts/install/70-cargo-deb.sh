#!/usr/bin/env bash
# cargo-deb (crates.io, pinned) into .cache/cargo-bin: builds the Debian package (scripts/deb.sh).
# Idempotent: an installed cargo-deb of the pinned version is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=3.8.0
ROOT=.cache/cargo-bin
if "$ROOT/bin/cargo-deb" --version 2>/dev/null | grep -qF "$VERSION"; then
  echo "cargo-deb $VERSION present"
  exit 0
fi
echo "building cargo-deb $VERSION from crates.io into $ROOT (once)"
cargo install cargo-deb --version "$VERSION" --locked --root "$ROOT" --quiet \
  || { echo "error: cannot install cargo-deb from crates.io: is it reachable?" >&2; exit 1; }
"$ROOT/bin/cargo-deb" --version
