#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) into build-fuzz/ and
# runs each for a while:
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s, every target)
#   scripts/fuzz.sh --smoke                            (CI: 15 s each)
# Targets: csv jsonl xlsx html fields lexicon state (fuzz/fuzz_targets.h).
# Each target starts from its seeds in fuzz/corpus/<target>/ plus, where
# ../shared/data/real is present, slices of the real datasets cut here into
# build-fuzz/real-seeds/ (never committed). What it learns stays in
# build-fuzz/corpus/<target>/; a crash, a hang (10 s) or a broken property
# is written to build-fuzz/findings/<target>/ and fails the script. Keep a
# crash as tests/fuzz_regressions/<target>/<name> once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
all=(csv jsonl xlsx html fields lexicon state)
seconds=60
if [ "${1:-}" = "--smoke" ]; then
  seconds=15
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

bash scripts/setup.sh
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJOBSIFT_BUILD_FUZZ=ON -DJOBSIFT_BUILD_TESTS=OFF -DJOBSIFT_BUILD_BENCH=OFF > build-fuzz.log 2>&1 \
  || { cat build-fuzz.log; exit 1; }
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >> build-fuzz.log 2>&1 \
  || { tail -50 build-fuzz.log; exit 1; }

# Real-format seeds: the first few KB of each real CSV, cut at a line end.
real=../shared/data/real
if [ -d "$real" ]; then
  mkdir -p build-fuzz/real-seeds/csv
  find "$real" -name '*.csv' -print0 | sort -z | while IFS= read -r -d '' f; do
    out=build-fuzz/real-seeds/csv/$(echo "$f" | md5sum | cut -c1-12)
    head -c 6000 "$f" | python3 -c 'import sys; b=sys.stdin.buffer.read(); sys.stdout.buffer.write(b[:b.rfind(b"\n")+1])' > "$out"
  done
fi

failed=()
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  seeds=("fuzz/corpus/$t")
  [ -d "build-fuzz/real-seeds/$t" ] && seeds+=("build-fuzz/real-seeds/$t")
  max_len=8192
  [ "$t" = lexicon ] && max_len=2048
  echo "fuzz: $t for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 "build-fuzz/bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
      -artifact_prefix="build-fuzz/findings/$t/" "build-fuzz/corpus/$t" "${seeds[@]}" \
      > "build-fuzz/$t.log" 2>&1; then
    tail -40 "build-fuzz/$t.log"
    failed+=("$t")
  fi
  grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "build-fuzz/$t.log" \
    | sed "s/^/  $t: /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (see build-fuzz/findings/)"
  exit 1
fi
echo "fuzz: ${targets[*]}: nothing found in ${seconds}s each"
