#!/usr/bin/env bash
# Configures and builds jobsift into build/ (Release, tests included).
# The CLI ends up at build/bin/jobsift.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DJOBSIFT_BUILD_TESTS=ON > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$(nproc)" >> build.log 2>&1 || { tail -50 build.log; exit 1; }
echo "built build/bin/jobsift"
