#!/usr/bin/env bash
# Benchmark-only dependencies (not part of scripts/install.sh): a Python venv with faster-whisper,
# used by `standardiste bench asr --compare-faster-whisper` as the CTranslate2 reference.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.cache/bench-venv
FW_VERSION=1.2.1
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import faster_whisper, sys; sys.exit(faster_whisper.__version__ != '$FW_VERSION')" 2>/dev/null; then
  echo "$VENV: faster-whisper $FW_VERSION present"
  exit 0
fi
python3 -m venv "$VENV" || { echo "error: python3 -m venv failed (apt package python3-venv)" >&2; exit 1; }
"$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar on "faster-whisper==$FW_VERSION" \
  || { echo "error: cannot install faster-whisper from PyPI: is https://pypi.org reachable?" >&2; exit 1; }
"$VENV/bin/python" -c "import faster_whisper, ctranslate2; print('faster-whisper', faster_whisper.__version__, 'ctranslate2', ctranslate2.__version__)"
