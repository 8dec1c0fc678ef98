#!/usr/bin/env bash
# Installs everything standardiste needs on a fresh Debian machine: system packages, the Whisper
# model (converted to ggml), ONNX Runtime and the Piper voice, French test speech. Idempotent: a
# second run checks checksums and does nothing else. Each step is one script in scripts/install/.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=(scripts/install/[0-9]*.sh)
i=0
for step in "${steps[@]}"; do
  i=$((i + 1))
  printf '\n==> [%d/%d] %s\n' "$i" "${#steps[@]}" "$(sed -n 2p "$step" | sed 's/^# *//')"
  bash "$step"
done
printf '\n==> install complete\n'
