#!/usr/bin/env bash
# One command for a newcomer: install everything, build, and start the service on the embedded
# defaults (bundled sample town, Pico French voice, Whisper base). Extra arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
cargo build --release --locked
exec ./target/release/standardiste serve "$@"
