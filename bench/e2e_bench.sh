#!/usr/bin/env bash
# The whole job, end to end: on generated files of 1M and 10M postings
# (jobsift gen, seed 1), `jobsift report` with 1 and 2 threads, and in the
# same run the references `wc -l` and `rg -c -F -f <AI terms>` over the same
# file. Prints wall seconds (best of N), MB/s, rows/s, peak RSS and the ratio
# of each wall time to rg's first run (rg's own row is a second run; the bar:
# report --threads 2 within 1.5x rg at 1M
# postings; peak RSS at 10M within 1.5x that at 1M). Also the report with
# the rules classifier instead of the category model, and annotate's
# throughput with each (below 10M rows).
#
# usage: bench/e2e_bench.sh [ROWS...] (default: 1000000 10000000)
#        RUNS=3 for best of 3 (default 1 at 10M rows and more, else 3)
#        BENCH_DIR=/path for the generated files (default /tmp/jobsift-bench;
#        10M rows take 6.4 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/jobsift
dir=${BENCH_DIR:-/tmp/jobsift-bench}
mkdir -p "$dir"
[ -x "$bin" ] || bash scripts/build.sh
"$bin" lexicon terms data/lexicons/ai > "$dir/ai_terms.txt"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)

source bench/best.sh
row() {  # name seconds kb rows bytes rg_seconds
  awk -v n="$1" -v s="$2" -v kb="$3" -v rows="$4" -v b="$5" -v rg="$6" 'BEGIN{ if (s<=0) s=0.01;
    printf "%-44s %8.2f %8.0f %11.0f %8.0f %8.2f\n", n, s, b/1e6/s, rows/s, kb/1024, s/rg }'
}

printf '%s, %s, %s\n' "$(date -u +%Y-%m-%d)" "$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  "$(free -g | awk '/Mem:/{print $2 " GiB"}')"
for rows in "${sizes[@]}"; do
  file="$dir/gen_${rows}.csv"
  if [ ! -f "$file" ]; then
    read -r s kb < <( { /usr/bin/time -f "%e %M" "$bin" gen -q --rows "$rows" --seed 1 -o "$file"; } 2>&1 | tail -1)
    gen_line="jobsift gen --threads 2: ${s} s, peak RSS $((kb / 1024)) MB"
  else
    gen_line="(file generated earlier)"
  fi
  bytes=$(stat -L -c %s "$file")
  runs=${RUNS:-$([ "$rows" -ge 10000000 ] && echo 1 || echo 3)}
  cat "$file" > /dev/null  # warm the page cache
  printf '\n%s rows, %d MB; %s; best of %d\n' "$rows" $((bytes / 1000000)) "$gen_line" "$runs"
  printf '%-44s %8s %8s %11s %8s %8s\n' command wall_s MB/s rows/s rss_MB vs_rg
  read -r rg _ < <(best rg -c -F -f "$dir/ai_terms.txt" "$file")
  read -r s kb < <(best wc -l "$file")
  row "wc -l" "$s" "$kb" "$rows" "$bytes" "$rg"
  read -r s kb < <(best rg -c -F -f "$dir/ai_terms.txt" "$file")
  row "rg -c -F -f ai_terms" "$s" "$kb" "$rows" "$bytes" "$rg"
  for t in 1 2; do
    read -r s kb < <(best "$bin" report -q --threads "$t" -o "$dir/out_${rows}_$t" "$file")
    row "jobsift report --threads $t" "$s" "$kb" "$rows" "$bytes" "$rg"
  done
  read -r s kb < <(best "$bin" report -q --threads 2 --dedup none -o "$dir/out_${rows}_none" "$file")
  row "jobsift report --threads 2 --dedup none" "$s" "$kb" "$rows" "$bytes" "$rg"
  # The category model's cost: the same report with the rules classifier,
  # and annotate (every posting's row, JSON Lines to stdout) with each.
  read -r s kb < <(best "$bin" report -q --threads 2 --classifier rules -o "$dir/out_${rows}_rules" "$file")
  row "jobsift report --threads 2 --classifier rules" "$s" "$kb" "$rows" "$bytes" "$rg"
  if [ "$rows" -lt 10000000 ]; then
    for c in model rules; do
      read -r s kb < <(best "$bin" annotate -q --threads 2 --classifier "$c" -o - "$file")
      row "jobsift annotate --threads 2 --classifier $c" "$s" "$kb" "$rows" "$bytes" "$rg"
    done
  fi
done
echo
echo "(vs_rg = wall / rg's wall in the same run; rss_MB = peak resident set)"
