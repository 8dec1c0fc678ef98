#!/usr/bin/env bash
# Browser test tools: node and npm (Debian's, when missing), playwright-core and axe-core from npm into tests/browser/node_modules.
set -euo pipefail
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing node and npm (apt)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
[ -x /usr/lib/chromium/chromium ] || { echo "error: /usr/lib/chromium/chromium missing: run scripts/install/10-apt.sh" >&2; exit 1; }
cd tests/browser
if cmp -s package-lock.json node_modules/.installed-lock 2>/dev/null; then
  echo "  playwright-core and axe-core present"
  exit 0
fi
# The lock file pins versions and integrity hashes; npm ci installs exactly those (registry: npmjs).
npm ci --no-audit --no-fund --loglevel=error || { echo "error: npm ci failed in tests/browser: is the npm registry reachable?" >&2; exit 1; }
cp package-lock.json node_modules/.installed-lock
echo "  installed: $(node -p 'require("playwright-core/package.json").version') playwright-core, $(node -p 'require("axe-core/package.json").version') axe-core"
