#!/usr/bin/env bash
# An XES log of about a gigabyte read as a stream (issue 20, point 1): `generate event-log`
# (BENCH_EVENTS events, 3,200,000 by default: 1.0 GB as XES), written as XES by `convert`, then
# `handovers` and `metrics --format csv` on the XES and on the same events as the tool's CSV, each
# a cold process, with time and peak memory from /usr/bin/time. The handover counts of the two
# must be equal and the metrics rows the same in number. Writes its section of bench/RESULTS.md.
# SAMHANDLING_BIN names a binary already built (else `swift build -c release`).
set -euo pipefail
cd "$(dirname "$0")/.."
events=${BENCH_EVENTS:-3200000}
users=$((events / 20))
bash scripts/setup.sh >/dev/null
source bench/tool.sh
work=${BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work"
"$tool" generate event-log --users "$users" --events "$events" --seed 5 --out "$work/log.csv" >/dev/null
"$tool" convert "$work/log.csv" "$work/log.xes" >/dev/null 2>&1
measure() {  # output command…: seconds and peak MB of the command, its output to the file
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{printf "%s | %.0f", $1, $2 / 1024}' "$work/time.txt"
}
section=$work/section.md
{
  echo "## XES read as a stream: about a gigabyte (bench/xes.sh, $(date -u +%F))"
  echo ""
  echo "\`generate event-log --users $users --events $events --seed 5\`, written as XES by \`convert\`:"
  echo "$(du -h "$work/log.xes" | cut -f1) of XES, $(du -h "$work/log.csv" | cut -f1) as the tool's CSV. Each run a new process, $(nproc) cores."
  echo ""
  echo "| work | seconds | peak MB |"
  echo "|---|---|---|"
  echo "| handovers, XES | $(measure "$work/h-xes.csv" "$tool" handovers "$work/log.xes") |"
  echo "| handovers, CSV | $(measure "$work/h-csv.csv" "$tool" handovers "$work/log.csv") |"
  echo "| metrics --format csv, XES | $(measure "$work/m-xes.csv" "$tool" metrics --format csv "$work/log.xes") |"
  echo "| metrics --format csv, CSV | $(measure "$work/m-csv.csv" "$tool" metrics --format csv "$work/log.csv") |"
  echo ""
  if cmp -s "$work/h-xes.csv" "$work/h-csv.csv" && [ "$(wc -l < "$work/m-xes.csv")" = "$(wc -l < "$work/m-csv.csv")" ]; then
    echo "Answers: the handover counts of the XES and the CSV are equal, and metrics has a row per user for both."
  else
    echo "Answers: **the XES and the CSV disagree**."
  fi
  echo ""
} > "$section"
cat "$section"
python3 - bench/RESULTS.md "$section" <<'PY'
import re, sys
results, section = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pattern = re.compile(r"^## XES read as a stream.*?(?=^## |\Z)", re.S | re.M)
results = pattern.sub(lambda _: section, results) if pattern.search(results) else results.rstrip() + "\n\n" + section
open(sys.argv[1], "w").write(results)
PY
