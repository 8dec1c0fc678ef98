#!/usr/bin/env bash
# One command for the whole test suite: install everything, check formatting and lints, build, then run every test (unit,
# real-model, real-peer end-to-end) inside a network namespace that has only loopback.
# Everything builds in the release profile: the same build the service and the install step use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
cargo fmt --check || { echo "error: code not formatted: run cargo fmt" >&2; exit 1; }
cargo clippy --release --locked --all-targets -- -D warnings
cargo build --release --locked --tests --bins
run_tests() { cargo test --release --locked --offline "$@"; }
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  export -f run_tests
  unshare -n bash -c 'ip link set lo up && run_tests "$@"' _ "$@"
else
  echo "warning: not root or no unshare: networked tests run on the host loopback" >&2
  run_tests "$@"
fi
