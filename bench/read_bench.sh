#!/usr/bin/env bash
# Reader throughput: `jobsift scan` (read + split into fields + map columns +
# count) with 1 and 2 threads against `wc -l` on the same file, same run.
# Prints wall time (best of N), MB/s, rows/s, peak RSS and the ratio to wc -l.
#
# usage: bench/read_bench.sh [MB=1024] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-1024}
runs=${2:-3}
source bench/common.sh
rows=$("$bin" scan -q --json "$file" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rows_read"])')

read -r wc_s wc_kb < <(best wc -l "$file")
printf '%s, %s, %d MB, %d rows, best of %d\n' "$(date -u +%Y-%m-%d)" "$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
  $((bytes / 1000000)) "$rows" "$runs"
printf '%-28s %8s %9s %12s %9s %9s\n' command wall_s MB/s rows/s rss_MB vs_wc
row() {
  local name=$1 s=$2 kb=$3
  awk -v n="$name" -v s="$s" -v kb="$kb" -v b="$bytes" -v r="$rows" -v w="$wc_s" 'BEGIN{
    if (s <= 0) s = 0.001;
    printf "%-28s %8.2f %9.0f %12.0f %9.1f %9.2f\n", n, s, b/1e6/s, r/s, kb/1024, w/s }'
}
row "wc -l" "$wc_s" "$wc_kb"
for t in 1 2; do
  read -r s kb < <(best "$bin" scan -q --threads "$t" "$file")
  row "jobsift scan --threads $t" "$s" "$kb"
done
echo "(vs_wc = wc -l wall / command wall: the share of wc -l's throughput reached; the bar for 2 threads is 0.33)"
