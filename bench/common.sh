# Shared by the benchmark scripts: the generated input and a best-of-N timer.
# Expects $mb and $runs; sets $bin, $dir, $file, $bytes.
bin=build/bin/jobsift
dir=${BENCH_DIR:-/tmp/jobsift-bench}
mkdir -p "$dir"
file="$dir/postings_${mb}mb.csv"
[ -x "$bin" ] || bash scripts/build.sh
[ -f "$file" ] || python3 bench/make_postings.py "$file" --mb "$mb" --seed 1
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null  # warm the page cache

# best wall time of $runs runs of a command, and the peak RSS of that run: "seconds kb"
best() {
  local best_s="" best_kb=""
  for _ in $(seq "$runs"); do
    read -r s kb < <( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}
