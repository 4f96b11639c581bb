# Sourced by the benchmark scripts. Expects $runs.
# whether $1 is a better (smaller) time than $2, or $2 is empty
better() { [ -z "$2" ] || awk -v a="$1" -v b="$2" 'BEGIN{exit !(a<b)}'; }

# best wall time of $runs runs of a command, and the peak RSS of that run: "seconds kb"
best() {
  local best_s="" best_kb=""
  for _ in $(seq "$runs"); do
    read -r s kb < <( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
    if better "$s" "$best_s"; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

# best wall times of two commands run in turns, $runs times each ("A_seconds
# B_seconds"): a reference and the command measured against it see the same
# machine, even when its speed drifts during the run.
# usage: best_pair A_ARGS... -- B_ARGS...
best_pair() {
  local a=() b=() best_a="" best_b="" s
  while [ "$1" != "--" ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  for _ in $(seq "$runs"); do
    s=$( { /usr/bin/time -f "%e" "${a[@]}" > /dev/null; } 2>&1 | tail -1)
    if better "$s" "$best_a"; then best_a=$s; fi
    s=$( { /usr/bin/time -f "%e" "${b[@]}" > /dev/null; } 2>&1 | tail -1)
    if better "$s" "$best_b"; then best_b=$s; fi
  done
  echo "$best_a $best_b"
}
