# Sourced by the benchmark scripts. Expects $runs.
# best wall time of $runs runs of a command, and the peak RSS of that run: "seconds kb"
best() {
  local best_s="" best_kb=""
  for _ in $(seq "$runs"); do
    read -r s kb < <( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}
