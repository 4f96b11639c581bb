#!/usr/bin/env bash
# Matching throughput: the AI flag alone (`jobsift classify`, AI lexicon) and
# all lexicons at once (`jobsift classify --all-domains`) with 2 threads,
# against ripgrep over the same file in the same run:
#   rg -c -F -f <AI terms>               (the bar: jobsift >= 2.5x its throughput)
#   rg --count-matches -F -f <all terms> (the bar: jobsift >= 1.5x)
# Prints wall time (best of N, each reference and jobsift run in turns), MB/s
# and the ratio (rg wall / jobsift wall).
#
# usage: bench/match_bench.sh [MB=1024] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-1024}
runs=${2:-3}
source bench/common.sh
"$bin" lexicon terms data/lexicons/ai > "$dir/ai_terms.txt"
"$bin" lexicon terms data/lexicons > "$dir/all_terms.txt"

row() { awk -v n="$1" -v s="$2" -v b="$bytes" -v r="$3" 'BEGIN{ if (s<=0) s=0.001;
  printf "%-48s %8.2f %9.0f %9s\n", n, s, b/1e6/s, (r=="" ? "" : sprintf("%.2f", r/s)) }'; }

printf '%s, %s, %d MB, best of %d\n' "$(date -u +%Y-%m-%d)" "$(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" $((bytes / 1000000)) "$runs"
printf '%-48s %8s %9s %9s\n' command wall_s MB/s vs_rg
# Each reference and jobsift run in turns (best_pair), so both see the same
# machine when its speed drifts.
read -r rg_ai s < <(best_pair rg -c -F -f "$dir/ai_terms.txt" "$file" -- "$bin" classify -q --threads 2 "$file")
row "rg -c -F -f ai_terms ($(wc -l < "$dir/ai_terms.txt") terms)" "$rg_ai" ""
row "jobsift classify --threads 2 (AI flag)" "$s" "$rg_ai"
read -r rg_all s < <(best_pair rg --count-matches -F -f "$dir/all_terms.txt" "$file" -- \
  "$bin" classify -q --threads 2 --all-domains "$file")
row "rg --count-matches -F -f all_terms ($(wc -l < "$dir/all_terms.txt"))" "$rg_all" ""
row "jobsift classify --all-domains --threads 2" "$s" "$rg_all"
echo "(vs_rg = rg wall / jobsift wall; bars: 2.5 for the AI flag, 1.5 for all lexicons)"
