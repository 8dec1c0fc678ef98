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
# With no arguments the suite runs in two lanes at once: the tests against real peers (SIPp, baresip,
# Kamailio, PostgreSQL), which mostly wait on the wire, beside the rest, which mostly compute
# (Whisper, the evaluation sets). Each lane's binaries run one after the other. Arguments (a test
# filter, --test NAME) run one plain `cargo test` with them.
PEER_TESTS="kamailio_cluster call_sipp call_bridge call_baresip call_towns sip_sipp sip_torture media_sipp_pcaps
  store_backends store_cli package_deb doctor_cli asr_cli answer_cli"
# Run last, alone: headless Chromium's real-time audio (its fake microphone) garbles the caller's
# words when two lanes of Whisper share the machine's two cores.
ALONE_TESTS="web_call"
run_suite() {
  if [ "$#" -gt 0 ]; then
    run_tests "$@"
    return
  fi
  local peers=() rest=() alone=() name
  for name in $PEER_TESTS; do peers+=(--test "$name"); done
  for name in $ALONE_TESTS; do alone+=(--test "$name"); done
  for f in tests/*.rs; do
    name=$(basename "$f" .rs)
    case " $(echo $PEER_TESTS $ALONE_TESTS) " in *" $name "*) ;; *) rest+=(--test "$name") ;; esac
  done
  local log=target/test-peers.log
  run_tests "${peers[@]}" >"$log" 2>&1 &
  local pid=$!
  local rc=0
  run_tests --lib --bins "${rest[@]}" || rc=$?
  run_tests --doc || rc=$?
  wait "$pid" || rc=$?
  echo "==> the tests against real peers (run beside the others), from $log:"
  cat "$log"
  run_tests "${alone[@]}" || rc=$?
  return "$rc"
}
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  export -f run_tests run_suite
  export PEER_TESTS ALONE_TESTS
  unshare -n bash -c 'ip link set lo up && run_suite "$@"' _ "$@"
else
  echo "warning: not root or no unshare: networked tests run on the host loopback" >&2
  run_suite "$@"
fi
