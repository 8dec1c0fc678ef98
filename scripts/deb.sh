#!/usr/bin/env bash
# Builds the Debian package from Cargo.toml's [package.metadata.deb] with cargo-deb (installed by
# scripts/install/70-cargo-deb.sh), from the release binary: target/debian/standardiste_*.deb.
# Usage: scripts/deb.sh [OUTPUT-DIR]   (extra cargo-deb flags in $CARGO_DEB_FLAGS, e.g. --fast)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-${CARGO_TARGET_DIR:-target}/debian}
deb=.cache/cargo-bin/bin/cargo-deb
[ -x "$deb" ] || bash scripts/install/70-cargo-deb.sh
[ -x "${CARGO_TARGET_DIR:-target}/release/standardiste" ] || cargo build --release --locked --bin standardiste
mkdir -p "$out"
# shellcheck disable=SC2086
"$deb" --no-build --locked --output "$out" ${CARGO_DEB_FLAGS:-}
