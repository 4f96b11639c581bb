#!/usr/bin/env bash
# Installs what jobsift needs to build and test: Debian's packages (among
# them cpp-httplib for jobsift serve, clang-14, its runtime libraries and llvm-symbolizer for
# scripts/fuzz.sh; pybind11, pandas, pytest, dask and distributed for
# /usr/bin/python3, which the Python module is built for), then the npm packages of web/ (Apache ECharts, embedded
# in report.html at build time, and playwright-core, which drives Chromium in
# the browser test). Idempotent: packages already present are skipped,
# apt-get runs only when something is missing, and npm ci only when
# web/package-lock.json changed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  googletest libgtest-dev
  libsimdjson-dev
  libzip-dev libexpat1-dev
  zlib1g-dev libzstd-dev zstd
  libtomlplusplus-dev
  libvectorscan-dev libopencc-dev ripgrep libxlsxwriter-dev
  libcpp-httplib-dev
  python3 time
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pandas python3-pytest
  python3-dask python3-distributed python3-matplotlib
  chromium fonts-noto-cjk
  clang-14 libclang-rt-14-dev llvm-14
)
# Node and npm: Debian's, unless a node is already there (e.g. NodeSource's,
# which brings its own npm and conflicts with Debian's npm package).
if ! command -v node > /dev/null; then packages+=(nodejs); fi
if ! command -v npm > /dev/null; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
else
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, exactly as web/package-lock.json pins them. The stamp holds
# the lock file's checksum: a changed lock installs again. Never
# `npx playwright install`: the browser is Debian's chromium.
web="$(cd "$(dirname "$0")/.." && pwd)/web"
stamp="$web/node_modules/.jobsift-lock-sha256"
want="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "setup: web/node_modules up to date"
else
  echo "setup: npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
