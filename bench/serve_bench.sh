#!/usr/bin/env bash
# jobsift serve: load time and memory, then the latency of filtered views —
# each computed once (cold), then a fixed number of requests, 8 at a time,
# over the same views (warm) — beside `jobsift merge --city` in the same run
# (bench/serve_bench.py says what each figure is). The goal: p99 under
# 100 ms for any single filter on the 10M run.
#
# usage: bench/serve_bench.sh [ROWS...] (default 1000000)
#        CONCURRENCY=8 REQUESTS=2000 BENCH_DIR=/tmp/jobsift-bench
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bin/jobsift ] || bash scripts/build.sh
exec /usr/bin/python3 bench/serve_bench.py "$@"
