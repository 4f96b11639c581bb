#!/usr/bin/env bash
# Runs one golden case: the jobsift command lines of <case>/cmd, in a fresh
# folder that holds a copy of <case>/input/, and compares what they leave
# under out/ (files, and each command's stdout, stderr and exit code as
# out/<n>.stdout, .stderr, .exit) with <case>/expected/, byte for byte.
#
#   run_case.sh JOBSIFT_BINARY CASE_DIR
#   JOBSIFT_UPDATE_GOLDEN=1 run_case.sh …   rewrites expected/ from this run
#
# cmd: one command a line, the arguments after `jobsift`, quoted as in a
# shell; a line starting with "!" is a shell command (to split an input,
# say); blank lines and lines starting with "#" are skipped. Paths are
# relative to the fresh folder, so outputs name no machine's paths; shell
# lines see the source tree as $SRC.
# Durations in stdout and stderr ("0.2 MB in 0.01 s") are masked.
# Files over 256 KiB (report.html carries ECharts) are kept in expected/
# as <name>.sha256: their hash and size.
set -uo pipefail
bin=$(realpath "$1")
case_dir=$(realpath "$2")
name=$(basename "$case_dir")
src=$(realpath "$(dirname "$0")/../..")
export SRC=$src  # for shell lines: the source tree (data/examples)
work=$(mktemp -d "${TMPDIR:-/tmp}/jobsift-golden-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -d "$case_dir/input" ] && cp -R "$case_dir/input/." "$work/"
cd "$work" && mkdir -p out
n=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in "" | "#"*) continue ;; esac
  n=$((n + 1))
  if [ "${line:0:1}" = "!" ]; then
    bash -c "${line:1}" || { echo "golden $name: shell line $n failed: ${line:1}"; exit 1; }
    continue
  fi
  eval "set -- $line"
  "$bin" "$@" > "out/$n.stdout" 2> "out/$n.stderr" < /dev/null
  echo $? > "out/$n.exit"
  # The one thing that changes from run to run: how long the read took.
  sed -i -E 's/ in [0-9]+\.[0-9]+ s with / in (seconds) s with /' "out/$n.stdout" "out/$n.stderr"
done < "$case_dir/cmd"

big=262144
if [ "${JOBSIFT_UPDATE_GOLDEN:-}" = 1 ]; then
  rm -rf "$case_dir/expected" && mkdir -p "$case_dir/expected"
  (cd out && find . -type f | sort) | while IFS= read -r f; do
    mkdir -p "$case_dir/expected/$(dirname "$f")"
    if [ "$(stat -c %s "out/$f")" -gt $big ]; then
      echo "$(sha256sum < "out/$f" | cut -d' ' -f1) $(stat -c %s "out/$f")" > "$case_dir/expected/$f.sha256"
    else
      cp "out/$f" "$case_dir/expected/$f"
    fi
  done
  echo "golden $name: expected/ rewritten ($(find "$case_dir/expected" -type f | wc -l) files)"
  exit 0
fi

fail=0
# Every expected file is there and the same.
while IFS= read -r f; do
  if [ "${f%.sha256}" != "$f" ]; then
    got="out/${f%.sha256}"
    if [ ! -f "$got" ]; then echo "golden $name: ${f%.sha256} missing"; fail=1; continue; fi
    want=$(cat "$case_dir/expected/$f")
    have="$(sha256sum < "$got" | cut -d' ' -f1) $(stat -c %s "$got")"
    [ "$want" = "$have" ] || { echo "golden $name: ${f%.sha256} differs (sha256 and size: want $want, have $have)"; fail=1; }
  elif [ ! -f "out/$f" ]; then
    echo "golden $name: $f missing"; fail=1
  elif ! cmp -s "$case_dir/expected/$f" "out/$f"; then
    echo "golden $name: $f differs:"; diff -u "$case_dir/expected/$f" "out/$f" | head -40; fail=1
  fi
done < <(cd "$case_dir/expected" && find . -type f | sort)
# Nothing unexpected was left (a stray .tmp, a new output).
while IFS= read -r f; do
  [ -f "$case_dir/expected/$f" ] || [ -f "$case_dir/expected/$f.sha256" ] || { echo "golden $name: unexpected $f"; fail=1; }
done < <(cd out && find . -type f | sort)
[ $fail = 0 ] && echo "golden $name: $n commands, outputs as expected"
[ $fail = 0 ] || echo "golden $name: if the change is intended, rerun with JOBSIFT_UPDATE_GOLDEN=1 and review git diff tests/cases/$name"
exit $fail
