#!/usr/bin/env bash
# Installs what jobsift needs to build and test, from Debian's packages
# (clang-14, its runtime libraries and llvm-symbolizer for scripts/fuzz.sh).
# Idempotent: packages already present are skipped, and apt-get runs only
# when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  googletest libgtest-dev
  libsimdjson-dev
  libzip-dev libexpat1-dev
  zlib1g-dev libzstd-dev zstd
  libtomlplusplus-dev libcli11-dev
  libvectorscan-dev libopencc-dev ripgrep libxlsxwriter-dev
  python3 time
  clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
