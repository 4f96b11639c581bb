#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, end-to-end,
# real datasets under ../shared). With --sanitize, the same tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer (Debug, in build-asan/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--sanitize" ]; then
  bash scripts/setup.sh
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJOBSIFT_SANITIZE=ON -DJOBSIFT_BUILD_TESTS=ON \
    -DJOBSIFT_BUILD_BENCH=OFF -DJOBSIFT_BUILD_PYTHON=OFF > build-asan.log 2>&1 || { cat build-asan.log; exit 1; }
  cmake --build build-asan -j "$(nproc)" >> build-asan.log 2>&1 || { tail -50 build-asan.log; exit 1; }
  cd build-asan
  ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)"
  exit 0
fi
bash scripts/build.sh
real="${JOBSIFT_REAL_DATA:-../shared/data/real}"
if [ ! -d "$real" ]; then
  echo "test: $real is not beside this checkout: the tests that read the real datasets are skipped" \
       "(ctest lists them at the end); set JOBSIFT_REAL_DATA to run them"
fi
cd build
ctest --output-on-failure -j "$(nproc)"
