#!/usr/bin/env bash
# The pathway engine beside DuckDB (issue 19's aims), in one run: one generated event log
# (`generate event-log --users 50000 --events 1000000 --seed 1`, and a copy not sorted by user),
# each command a cold process with the CSV read included, medians of BENCH_REPEATS runs, peak
# memory from /usr/bin/time; DuckDB (from PyPI) runs the same work as SQL in its own process,
# and the answers are compared: the handover counts must be equal, and UPC and COC per user.
# Writes its section of bench/RESULTS.md. BENCH_EVENTS=200000 for a quick look; BENCH_BIG_EVENTS=20000000
# adds a run of both commands (one each, and DuckDB's) on a log of that size, and pm4py's
# handover network on a cut of it (BENCH_PM4PY_CUT rows, 200,000 unless told); SAMHANDLING_BIN
# names a binary already built (else `swift build -c release`).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${BENCH_REPEATS:-3}
events=${BENCH_EVENTS:-1000000}
users=$((events / 20))
bash scripts/setup.sh >/dev/null
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c "import duckdb" 2>/dev/null || bench/.venv/bin/pip install -q duckdb
python=bench/.venv/bin/python
source bench/tool.sh
work=${BENCH_WORK:-$(mktemp -d)}
log=$work/log.csv
# A generated log, and the same rows in another order: users interleaved (a stable sort by time).
make_logs() {  # events users log unsorted
  "$tool" generate event-log --users "$2" --events "$1" --seed 1 --out "$3"
  { head -n 1 "$3"; tail -n +2 "$3" | LC_ALL=C sort -S 1G -t, -k2,2 -s; } > "$4"
}
make_logs "$events" "$users" "$log" "$work/unsorted.csv"

median() { $python -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" "$@"; }
# Seconds and peak MB of one command, its output to $work/out.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time.txt"
}
run() {  # label command…: median seconds and the largest peak
  local times=() peak=0 t m
  for _ in $(seq "$repeats"); do
    read -r t m < <(measure "$@")
    times+=("$t"); [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$(median "${times[@]}") $peak"
}

# DuckDB's side, a script of its own so that /usr/bin/time can run it: duck.py handovers|continuity LOG
cat > "$work/duck.py" <<'PY'
import sys, time, duckdb
which, log = sys.argv[1], sys.argv[2]
start = time.perf_counter()
con = duckdb.connect()
con.execute(f"""CREATE VIEW visits AS
  SELECT "user" AS u, "time" AS t, row_number() OVER () AS rn,
         coalesce(nullif(actor, ''), service || '#unnamed') AS provider
  FROM read_csv('{log}', header = true, all_varchar = true)
  WHERE kind = 'contact' AND coalesce(level, '') <> ''""")
if which == "handovers":
    rows = con.execute("""SELECT source, target, count(*) FROM (
        SELECT lag(provider) OVER (PARTITION BY u ORDER BY t, rn) AS source, provider AS target FROM visits)
      WHERE source IS NOT NULL GROUP BY ALL ORDER BY ALL""").fetchall()
    out = "\n".join(f"{s},{t},{n}" for s, t, n in rows)
else:
    # UPC = the largest share of one provider; COC = (Σ n_j² − N) / (N (N − 1)).
    rows = con.execute("""SELECT u, max(n) / sum(n) AS upc,
        CASE WHEN sum(n) > 1 THEN (sum(n * n) - sum(n)) / (sum(n) * (sum(n) - 1)) END AS coc
      FROM (SELECT u, provider, count(*)::DOUBLE AS n FROM visits GROUP BY u, provider) GROUP BY u ORDER BY u""").fetchall()
    out = "\n".join(f"{u},{upc:.6f},{'' if coc is None else f'{coc:.6f}'}" for u, upc, coc in rows)
print(out)
print(f"# {time.perf_counter() - start:.3f} s", file=sys.stderr)
PY
duck() { $python "$work/duck.py" "$@"; }

section=$work/section.md
{
  echo "## Pathway engine vs DuckDB $($python -c 'import duckdb; print(duckdb.__version__)') (bench/pathways.sh, $(date -u +%Y-%m-%d))"
  echo ""
  echo "One generated log, $events events, $users users ($(du -h "$log" | cut -f1)), 2 cores, each run a new process"
  echo "with the CSV read included; median of $repeats, peak resident memory the largest of them."
  echo ""
  echo "| work | samhandling s | peak MB | DuckDB s | peak MB | ratio (DuckDB / samhandling) | aim | answers |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$section"

for input in log unsorted; do
  file=$work/$input.csv
  read -r ours_h peak_h < <(run "$tool" handovers "$file")
  "$tool" handovers "$file" | tr -d '\r' | tail -n +2 | sort > "$work/ours-h.csv"
  read -r duck_h dpeak_h < <(run $python "$work/duck.py" handovers "$file")
  duck handovers "$file" 2>/dev/null | sort > "$work/duck-h.csv"
  same_h=$(cmp -s "$work/ours-h.csv" "$work/duck-h.csv" && echo equal || echo DIFFERENT)
  read -r ours_m peak_m < <(run "$tool" metrics --format csv "$file")
  read -r ours_m1 peak_m1 < <(run "$tool" metrics --format csv --jobs 1 "$file")
  "$tool" metrics --format csv --jobs 1 "$file" > "$work/jobs1.csv"
  same_jobs=$("$tool" metrics --format csv "$file" | cmp -s - "$work/jobs1.csv" && echo "identical to --jobs 1" || echo "DIFFERENT from --jobs 1")
  "$tool" metrics --format csv "$file" | $python -c "
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r['contacts'] not in ('', '0'):
        print(f\"{r['user']},{float(r['upc']):.6f},{'' if r['coc'] == '' else format(float(r['coc']), '.6f')}\")" | sort > "$work/ours-m.csv"
  read -r duck_m dpeak_m < <(run $python "$work/duck.py" continuity "$file")
  duck continuity "$file" 2>/dev/null | sort > "$work/duck-m.csv"
  same_m=$(cmp -s "$work/ours-m.csv" "$work/duck-m.csv" && echo equal || echo DIFFERENT)
  label=$([ "$input" = log ] && echo "sorted by user" || echo "not sorted by user")
  ratio() { $python -c "print(f'{$1/$2:.2f}')"; }
  {
    echo "| handovers, $label | $ours_h | $peak_h | $duck_h | $dpeak_h | $(ratio "$duck_h" "$ours_h")× | ≥ 4×, < 120 MB | $same_h |"
    echo "| metrics --format csv (every pathway measure) vs DuckDB's UPC and COC, $label | $ours_m | $peak_m | $duck_m | $dpeak_m | $(ratio "$duck_m" "$ours_m")× | ≥ 3×, < 60 MB | UPC, COC $same_m; rows $same_jobs |"
    echo "| the same, --jobs 1, $label | $ours_m1 | $peak_m1 | $duck_m | $dpeak_m | $(ratio "$duck_m" "$ours_m1")× | | |"
  } >> "$section"
done
echo "" >> "$section"

if [ -n "${BENCH_BIG_EVENTS:-}" ]; then
  big=$BENCH_BIG_EVENTS
  make_logs "$big" $((big / 20)) "$work/big.csv" "$work/big-unsorted.csv"
  {
    echo "A log of $big events, $((big / 20)) users ($(du -h "$work/big.csv" | cut -f1)), one run each:"
    echo ""
    echo "| work | samhandling s | peak MB | events/s | DuckDB s | peak MB | events/s |"
    echo "|---|---|---|---|---|---|---|"
  } >> "$section"
  for input in big big-unsorted; do
    file=$work/$input.csv
    label=$([ "$input" = big ] && echo "sorted by user" || echo "not sorted by user")
    rate() { $python -c "print(f'{$big/$1:,.0f}')"; }
    read -r h hp < <(measure "$tool" handovers "$file")
    read -r dh dhp < <(measure $python "$work/duck.py" handovers "$file")
    read -r m mp < <(measure "$tool" metrics --format csv "$file")
    read -r dm dmp < <(measure $python "$work/duck.py" continuity "$file")
    {
      echo "| handovers, $label | $h | $hp | $(rate "$h") | $dh | $dhp | $(rate "$dh") |"
      echo "| metrics --format csv vs DuckDB's UPC and COC, $label | $m | $mp | $(rate "$m") | $dm | $dmp | $(rate "$dm") |"
    } >> "$section"
  done
  # pm4py beside them on a cut (it holds the whole log in a DataFrame, and counts some ten
  # thousand visits a second): its handover-of-work network (β = 0) on the first
  # BENCH_PM4PY_CUT rows of each log, the counts compared with ours on the same rows (the
  # sorted cut goes through our user-by-user pass, the other through the pass in row order).
  cut=${BENCH_PM4PY_CUT:-200000}
  $python -c "import pm4py" 2>/dev/null || bench/.venv/bin/pip install -q pm4py pandas
  echo "" >> "$section"
  echo "pm4py $($python -c 'import pm4py; print(pm4py.__version__)') handover-of-work (β = 0) on a cut, the first $cut rows of each log, its DataFrame made beforehand and not counted; \`handovers\` on the same rows with the reading included:" >> "$section"
  echo "" >> "$section"
  for input in big big-unsorted; do
    label=$([ "$input" = big ] && echo "sorted by user" || echo "not sorted by user")
    head -n $((cut + 1)) "$work/$input.csv" > "$work/cut.csv"
    check=$($python bench/handover_check.py "$tool" "$work/cut.csv" || true)  # "cut.csv: N visits, …; pm4py V (S s): EQUAL"
    read -r visits pm_seconds verdict < <(echo "$check" | head -n 1 | sed -E 's/^[^:]*: ([0-9]+) visits.*\(([0-9.]+) s\): ([A-Z]+).*/\1 \2 \3/')
    read -r ours_cut _ < <(measure "$tool" handovers "$work/cut.csv")
    echo "- $label: $visits visits; pm4py $pm_seconds s = $($python -c "print(f'{$visits/$pm_seconds:,.0f}')") visits/s; ours $ours_cut s; counts $verdict" >> "$section"
  done
  echo "" >> "$section"
fi
cat "$section"
# Replace this section of RESULTS.md (from its heading to the next "## "), or add it.
$python - bench/RESULTS.md "$section" <<'PY'
import re, sys
results, section = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pattern = re.compile(r"^## Pathway engine vs DuckDB.*?(?=^## |\Z)", re.S | re.M)
results = pattern.sub(lambda _: section, results) if pattern.search(results) else results.rstrip() + "\n\n" + section
open(sys.argv[1], "w").write(results)
PY
