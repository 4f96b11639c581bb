# Shared by the reader and matching benchmarks: their generated input, and
# the best-of-N timer (bench/best.sh).
# Expects $mb and $runs; sets $bin, $dir, $file, $bytes.
bin=build/bin/jobsift
dir=${BENCH_DIR:-/tmp/jobsift-bench}
mkdir -p "$dir"
file="$dir/postings_${mb}mb.csv"
[ -x "$bin" ] || bash scripts/build.sh
[ -f "$file" ] || python3 bench/make_postings.py "$file" --mb "$mb" --seed 1
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null  # warm the page cache

source bench/best.sh
