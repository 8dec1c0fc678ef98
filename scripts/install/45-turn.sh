#!/usr/bin/env bash
# Turn-taking models: Silero VAD and Smart Turn v3.2 (ONNX, from PyPI wheels) into models/.
# Idempotent: files already in place with the right sha256 are left alone. Downloads go through
# pip into .cache/pip/ (gitignored, helpers in lib.sh); only package registries are contacted.
# They run on the ONNX Runtime installed by 40-piper.sh (voices/lib).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# STANDARDISTE_HOME: where models/, voices/ and .cache/ go (default: the source tree); set by
# `standardiste models install --dir DIR`, which runs these steps from the Debian package.
cd "${STANDARDISTE_HOME:-$HERE/../..}"

SILERO_PKG=silero-vad==6.2.3
SILERO_WHEEL=silero_vad-6.2.3-py3-none-any.whl
SILERO_WHEEL_SHA=7b7f5436cfcb02fae583a05b512ea96467fd449fe54cb49a5e4f06c51a1e43b8
SILERO_MEMBER=silero_vad/data/silero_vad.onnx
SILERO=silero_vad.onnx
SILERO_SHA=1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3

TURN_PKG=pipecat-ai==1.14.0
TURN_WHEEL=pipecat_ai-1.14.0-py3-none-any.whl
TURN_WHEEL_SHA=0352f504b44e78bdf524e45af4bc759601c835b9b7dc195efe5e03384b974a44
TURN_MEMBER=pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx
TURN=smart-turn-v3.2-cpu.onnx
TURN_SHA=2bb026316b14a660486a75b1733cd3fbab8c2fd0314dc9af7be49f8cca967e4f

. "$HERE/lib.sh"
mkdir -p models

echo "[1/2] Silero VAD ($SILERO_PKG, MIT) → models/$SILERO"
install_member "$SILERO_WHEEL" "$SILERO_WHEEL_SHA" "$SILERO_MEMBER" "models/$SILERO" "$SILERO_SHA" "$SILERO_PKG"

echo "[2/2] Smart Turn v3.2 end-of-turn model ($TURN_PKG, BSD-2-Clause) → models/$TURN"
install_member "$TURN_WHEEL" "$TURN_WHEEL_SHA" "$TURN_MEMBER" "models/$TURN" "$TURN_SHA" "$TURN_PKG"
