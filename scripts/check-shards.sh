#!/usr/bin/env bash
# The sharding recipe of docs/pathways.md ("Sharding"), as a user would run it in a shell: a
# generated log split in three by user (awk, header on each part), each part measured from
# standard input with the same --to, the metrics rows concatenated with `tail -n +2`, the
# handover counts summed by (source, target); both must equal the whole log's.
#   bash scripts/check-shards.sh [BINARY]     (default .build/debug/samhandling)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/samhandling}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" generate event-log --users 300 --events 6000 --seed 2 --out "$work/log.csv"
# Users in order, the first hundred to part 1, the next to part 2, the rest to part 3.
awk -F, -v dir="$work" 'NR == 1 { header = $0; for (i = 1; i <= 3; i++) print header > (dir "/part-" i ".csv"); next }
  $1 != last { users++; last = $1 } { part = users <= 100 ? 1 : users <= 200 ? 2 : 3; print > (dir "/part-" part ".csv") }' "$work/log.csv"
to=2025-12-31
"$binary" metrics - --format csv --to "$to" < "$work/log.csv" > "$work/whole.csv"
"$binary" metrics - --format csv --to "$to" < "$work/part-1.csv" > "$work/all.csv"
for part in 2 3; do
  "$binary" metrics - --format csv --to "$to" < "$work/part-$part.csv" | tail -n +2 >> "$work/all.csv"
done
cmp "$work/whole.csv" "$work/all.csv" || { echo "check-shards: the concatenated metrics differ from the whole's" >&2; exit 1; }
"$binary" handovers "$work/log.csv" --format csv > "$work/handovers-whole.csv"
for part in 1 2 3; do "$binary" handovers - --format csv < "$work/part-$part.csv" > "$work/handovers-$part.csv"; done
python3 - "$work/handovers-whole.csv" "$work"/handovers-[123].csv <<'PY'
import collections, csv, sys
def counts(paths):
    total = collections.Counter()
    for path in paths:
        for source, target, count in list(csv.reader(open(path, newline="")))[1:]:
            total[source, target] += int(count)
    return total
whole, summed = counts(sys.argv[1:2]), counts(sys.argv[2:])
if whole != summed or not whole:
    sys.exit("check-shards: the summed handover counts differ from the whole's")
PY
echo "check-shards: passed ($(($(wc -l < "$work/whole.csv") - 1)) users in 3 shards, metrics and handovers equal to the whole)"
