#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, end-to-end,
# real datasets under ../shared).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)"
