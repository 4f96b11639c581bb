#!/usr/bin/env bash
# The main job on data the project generates: installs what is missing,
# builds, makes a sample of synthetic postings, reads it, and writes the
# analysis tables.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
mkdir -p out
python3 bench/make_postings.py out/sample.csv --mb 50 --seed 1
build/bin/jobsift scan out/sample.csv --rejects out/rejects.tsv
build/bin/jobsift report out/sample.csv -o out/report
echo "report: out/report/tables/*.csv, out/report/tables.json, out/report/tables.xlsx, out/report/summary.json"
