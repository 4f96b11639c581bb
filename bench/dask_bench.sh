#!/usr/bin/env bash
# jobsift.dask.report with 1 and 2 worker processes beside `jobsift report
# --threads 2` in the same run, on generated postings split into parts
# (bench/dask_bench.py says what each column is), then a projection to
# 100M and 1B postings on 10 and 100 workers. The goal: 2 workers within
# 1.3x the CLI's wall time; the final sum's size independent of postings.
#
# usage: bench/dask_bench.sh [ROWS...] (default 1000000)
#        RUNS=3 ((CLI, Dask) pairs whose medians are given, default 3), PARTS=32 (files a run), BENCH_DIR=/tmp/jobsift-bench,
#        SLOW_WORKER=1 (also with the second worker sharing its core with a busy loop)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bin/jobsift ] && ls build/python/_jobsift*.so > /dev/null 2>&1 || bash scripts/build.sh
exec /usr/bin/python3 bench/dask_bench.py "$@"
