#!/usr/bin/env bash
# Runs bench/spark/job.py in Spark's local mode on a generated event log and checks that its
# results equal the one-process run, row for row: the metrics CSV (every partition given the
# same --to) and the handover counts summed by pair. Installs Java 17 from Debian when `java` is
# missing or older, and PySpark from PyPI into bench/.venv-spark (kept; git-ignored).
#   bash bench/spark/check.sh [BINARY]     (default .build/debug/samhandling)
# SPARK_CHECK_USERS and SPARK_CHECK_EVENTS set the log's size (default 400 users, 8,000 events).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$(realpath "${1:-.build/debug/samhandling}")
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
venv=bench/.venv-spark
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pyspark" 2>/dev/null || "$venv/bin/pip" install -q 'pyspark>=4,<5'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" generate event-log --users "${SPARK_CHECK_USERS:-400}" --events "${SPARK_CHECK_EVENTS:-8000}" --seed 1 --out "$work/log.csv"
SECONDS=0
"$venv/bin/python" bench/spark/job.py --master 'local[2]' --binary "$binary" --log "$work/log.csv" --partitions 3 \
    --out "$work/spark" 2> "$work/spark.log" || { cat "$work/spark.log" >&2; exit 1; }
seconds=$SECONDS
to=$(cat "$work/spark/data-end.txt")
"$binary" metrics "$work/log.csv" --format csv --to "$to" > "$work/metrics.csv"
"$binary" handovers "$work/log.csv" --format csv --to "$to" > "$work/handovers.csv"
"$venv/bin/python" bench/spark/compare.py "$work/metrics.csv" "$work/spark/metrics.csv"
"$venv/bin/python" bench/spark/compare.py "$work/handovers.csv" "$work/spark/handovers.csv"
printf 'spark check: passed (the Spark job took %d s in local mode, --to %s)\n' "$seconds" "$to"
