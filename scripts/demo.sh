#!/usr/bin/env bash
# The main job on data the project generates: installs what is missing,
# builds, generates 200,000 synthetic postings with planted truth (jobsift
# gen), and runs the full report on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p out
build/bin/jobsift gen --rows 200000 --seed 1 -o out/sample.csv --truth out/sample.truth.json
build/bin/jobsift report out/sample.csv -o out/report
echo "report:  $(pwd)/out/report/report.html"
echo "tables:  out/report/tables/*.csv, out/report/tables.json, out/report/tables.xlsx; summary: out/report/summary.json"
echo "truth:   out/sample.truth.json (what every table must show; docs/gen.md)"
