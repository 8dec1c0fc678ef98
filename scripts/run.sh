#!/usr/bin/env bash
# One command for a newcomer: install everything, build, and start the service on the embedded
# defaults (bundled sample town, Pico French voice, Whisper base). Extra arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
cargo build --release --locked
# The web side on loopback: the "Appeler la mairie" page is printed at start-up.
exec ./target/release/standardiste serve --http 127.0.0.1:8080 "$@"
