#!/usr/bin/env bash
# Benchmarks of the performance aims (listed with their verdicts in bench/RESULTS.md) against the real peers, in one run.
# Installs what it needs: Graphviz's dot program (apt), NetworkX, igraph and pm4py (PyPI, into
# bench/.venv). Sizes can be lowered for a quick look: BENCH_SCALE=0.1 bash bench/run.sh; the
# batch render alone: BENCH_ONLY=render bash bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-1}
repeats=${BENCH_REPEATS:-3}
bash scripts/setup.sh graphviz
if [ "${BENCH_ONLY:-}" != render ]; then  # the render section needs no peers from PyPI
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  bench/.venv/bin/python -c "import networkx, igraph, pm4py" 2>/dev/null || bench/.venv/bin/pip install -q networkx igraph pm4py pandas
fi
swift build -c release --static-swift-stdlib --product samhandling >/dev/null
tool=$PWD/.build/release/samhandling
work=${BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work"
python=bench/.venv/bin/python
[ "${BENCH_ONLY:-}" = render ] && python=python3
n() { $python -c "print(max(1, int($1 * $scale)))"; }

median() { $python -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" "$@"; }
# Each timed run starts with the page cache's dirty pages written out (sync), so that no run pays
# for the writeback of the files the run before it wrote (the loop of dot writes a thousand).
seconds() { local s e; sync; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); $python -c "print(f'{$e - $s:.3f}')"; }

report=$work/report.md
: > "$report"
line() { echo "$*" | tee -a "$report"; }

# 1. Batch render to SVG, two sets in one run: helper networks of 20–60 nodes (clusters, a
# legend) and small ones of 5–30 nodes, where what is done per file besides the layout weighs more.
ratio() { $python -c "print(f'{$1/$2:.${3:-2}f}')"; }
verdict() { $python -c "print('met' if $1 >= $2 else 'missed')"; }
render_set() {  # name count min max
  local name=$1 count=$2 dir=$work/$1
  "$tool" generate helper-networks --count "$count" --min-size "$3" --max-size "$4" --out "$dir/networks" --seed 7
  # The peers get the same drawing to make: our styled graph, laid out again by dot.
  "$tool" render "$dir/networks" --out "$dir/styled" --format dot --jobs 2 --force >/dev/null 2>&1
  local ours=() loop=() single=() warm=()
  for _ in $(seq "$repeats"); do
    rm -rf "$dir/svg"; ours+=("$(seconds "$tool" render "$dir/networks" --out "$dir/svg")")
    loop+=("$(seconds bash -c "for f in $dir/styled/*.dot; do dot -Tsvg \"\$f\" > \"\${f%.dot}.loop.svg\"; done")")
    single+=("$(seconds bash -c "cd $dir/styled && dot -Tsvg -O *.dot")")
    echo "// touched" >> "$dir/networks/network-00003.dot"
    warm+=("$(seconds "$tool" render "$dir/networks" --out "$dir/svg")")
  done
  local m_ours m_loop m_single m_warm
  m_ours=$(median "${ours[@]}"); m_loop=$(median "${loop[@]}"); m_single=$(median "${single[@]}"); m_warm=$(median "${warm[@]}")
  local r_loop r_single r_warm
  r_loop=$(ratio "$m_loop" "$m_ours" 1); r_single=$(ratio "$m_single" "$m_ours"); r_warm=$(ratio "$m_loop" "$m_warm" 0)
  line "## Batch render: $count $name helper networks ($3–$4 nodes) to SVG (median of $repeats)"
  line ""
  line "| run | seconds | ratio (peer / samhandling) | aim | verdict |"
  line "|---|---|---|---|---|"
  line "| samhandling render, cold, --jobs 2 | $m_ours | | | |"
  line "| loop of dot -Tsvg (one process per file) | $m_loop | ${r_loop}× | ≥ 8× | $(verdict "$r_loop" 8) |"
  line "| one dot -Tsvg -O process | $m_single | ${r_single}× | ≥ 1.8× | $(verdict "$r_single" 1.8) |"
  line "| samhandling render, warm (1 file changed) | $m_warm | ${r_warm}× vs the loop | ≥ 100× | $(verdict "$r_warm" 100) |"
  line ""
  line "Verdict, $name: ≥ 8× the loop $(verdict "$r_loop" 8) (${r_loop}×); ≥ 1.8× one dot -O $(verdict "$r_single" 1.8) (${r_single}×); warm ≥ 100× the loop $(verdict "$r_warm" 100) (${r_warm}×)."
  line ""
}
render_set generated "$(n 1000)" 20 60
render_set small "$(n 200)" 5 30
# BENCH_ONLY=render: the render section alone (its results go to their own section of RESULTS.md).
if [ "${BENCH_ONLY:-}" = render ]; then
  section_title="Batch render (bench/run.sh, BENCH_ONLY=render)"
else
  section_title="Benchmarks (bench/run.sh)"
fi

if [ "${BENCH_ONLY:-}" != render ]; then
# 2. Measures on collaboration graphs.
big_n=$(n 10000); big_m=$(n 50000); mid_n=$(n 5000); mid_m=$(n 25000)
"$tool" generate graph --nodes "$big_n" --edges "$big_m" --out "$work/big.graphml" --seed 3
"$tool" generate graph --nodes "$mid_n" --edges "$mid_m" --out "$work/mid.graphml" --seed 4
# Like for like: --scope whole measures the whole graph only (betweenness, articulation points,
# both fragmentations, density, components, mixing), not a helper network per user.
big=(); for _ in $(seq "$repeats"); do big+=("$(seconds "$tool" metrics --scope whole --format json "$work/big.graphml")"); done
ours_big=$(median "${big[@]}")
"$tool" metrics --scope whole --format json "$work/big.graphml" > "$work/big.json"
$python - "$work" <<'PY' | tee -a "$report"
import json, sys, time, os
import igraph, networkx as nx
work = sys.argv[1]
ours = json.load(open(os.path.join(work, "big.json")))[0]
g = igraph.Graph.Read_GraphML(os.path.join(work, "big.graphml")).as_undirected().simplify()
start = time.perf_counter(); bc = g.betweenness(directed=False); t_bc = time.perf_counter() - start
start = time.perf_counter(); ap = g.articulation_points(); t_ap = time.perf_counter() - start
n = g.vcount(); scale = 2 / ((n - 1) * (n - 2))
names = g.vs["id"]
theirs = {names[i]: bc[i] * scale for i in range(n)}
diff = max(abs(c["betweenness"] - theirs[c["node"]]) for c in ours["centrality"])
same_ap = sorted(ours["articulation_points"]) == sorted(names[i] for i in ap)
print(f"## Measures: {n} nodes vs igraph {igraph.__version__}\n")
print(f"igraph betweenness {t_bc:.2f} s, articulation points {t_ap:.3f} s (one run each); answers agree: "
      f"max |Δ betweenness| = {diff:.1e}, articulation points {'equal' if same_ap else 'DIFFERENT'}\n")
open(os.path.join(work, "igraph.txt"), "w").write(f"{t_bc + t_ap}")
PY
t_igraph=$(cat "$work/igraph.txt")
line "samhandling metrics --scope whole (median of $repeats, reading the file included; betweenness, articulation points, both fragmentations and the rest of the whole-graph measures) $ours_big s → $($python -c "print(f'{$t_igraph/$ours_big:.2f}×')") igraph's betweenness + articulation points (aim ≥ 1.0×, both cores)"
line ""
mid=(); for _ in $(seq "$repeats"); do mid+=("$(seconds "$tool" metrics --scope whole --format json "$work/mid.graphml")"); done
ours_mid=$(median "${mid[@]}")
"$tool" metrics --scope whole --format json "$work/mid.graphml" > "$work/mid.json"
$python - "$work" "$ours_mid" <<'PY' | tee -a "$report"
import json, sys, time, os
import networkx as nx
work, ours_seconds = sys.argv[1], float(sys.argv[2])
ours = json.load(open(os.path.join(work, "mid.json")))[0]
g = nx.Graph(nx.read_graphml(os.path.join(work, "mid.graphml")))
g.remove_edges_from(nx.selfloop_edges(g))
start = time.perf_counter()
bc = nx.betweenness_centrality(g)
ap = set(nx.articulation_points(g))
comps = [len(c) for c in nx.connected_components(g)]
n = g.number_of_nodes()
frag = 1 - sum(s * (s - 1) for s in comps) / (n * (n - 1))
total = 0.0
for source, lengths in nx.all_pairs_shortest_path_length(g):
    total += sum(1 / d for target, d in lengths.items() if target != source)
dfrag = 1 - total / (n * (n - 1))
t_nx = time.perf_counter() - start
diff = max(abs(c["betweenness"] - bc[c["node"]]) for c in ours["centrality"])
print(f"## Measures: {n} nodes vs NetworkX {nx.__version__}\n")
same_f = abs(ours["fragmentation"] - frag) < 1e-9 and abs(ours["distance_fragmentation"] - dfrag) < 1e-9
print(f"NetworkX betweenness, articulation points and both fragmentations {t_nx:.1f} s (one run); samhandling metrics "
      f"--scope whole (median, reading included) {ours_seconds:.2f} s → {t_nx / ours_seconds:.0f}× (aim ≥ 50×); "
      f"answers agree: max |Δ betweenness| = {diff:.1e}; "
      f"articulation points {'equal' if sorted(ours['articulation_points']) == sorted(ap) else 'DIFFERENT'}; "
      f"fragmentation {frag:.6f} and distance fragmentation {dfrag:.6f} "
      f"{'equal' if same_f else 'DIFFERENT: ours ' + str(ours['fragmentation']) + ', ' + str(ours['distance_fragmentation'])}\n")
PY

# 3. Pathways: an event log, streaming, with peak memory; pm4py's handover-of-work on a cut.
users=$(n 1000000); events=$(n 20000000)
"$tool" generate event-log --users "$users" --events "$events" --professionals 5000 --services 200 --out "$work/log.csv" --seed 5
rows=$(($(wc -l < "$work/log.csv") - 1))
/usr/bin/time -v "$tool" metrics --format csv "$work/log.csv" > /dev/null 2> "$work/time.txt" || true
ours_log=$(grep "Elapsed (wall" "$work/time.txt" | awk '{print $NF}')
peak=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
/usr/bin/time -v "$tool" handovers "$work/log.csv" > /dev/null 2> "$work/time2.txt" || true
ours_hand=$(grep "Elapsed (wall" "$work/time2.txt" | awk '{print $NF}')
peak_hand=$(grep "Maximum resident" "$work/time2.txt" | awk '{print $NF}')
cut=$(n 2000000)
head -n $((cut + 1)) "$work/log.csv" > "$work/cut.csv"
$python - "$work" "$rows" "$ours_log" "$peak" "$ours_hand" "$peak_hand" <<'PY' | tee -a "$report"
import sys, time, os
import pandas as pd, pm4py
work, rows, ours_log, peak, ours_hand, peak_hand = sys.argv[1:7]
def secs(text):
    parts = [float(p) for p in text.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
frame = pd.read_csv(os.path.join(work, "cut.csv"))
frame = frame[frame["kind"] == "contact"]
frame = frame.rename(columns={"user": "case:concept:name", "time": "time:timestamp", "actor": "org:resource", "kind": "concept:name"})
frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], format="ISO8601")
start = time.perf_counter(); pm4py.discover_handover_of_work_network(frame, beta=0); t_pm = time.perf_counter() - start
ev_pm = len(frame) / t_pm
ev_ours = int(rows) / secs(ours_hand)
print(f"## Pathways: {int(rows):,} events\n")
print(f"samhandling metrics --format csv (every pathway measure of docs/pathways.md; the log read as a stream, twice — once for where the data ends —, each user's row written as measured): {secs(ours_log):.1f} s, peak memory {int(peak) / 1024:.0f} MB")
print(f"samhandling handovers: {secs(ours_hand):.1f} s = {ev_ours:,.0f} events/s, peak memory {int(peak_hand) / 1024:.0f} MB")
print(f"pm4py {pm4py.__version__} handover-of-work on a {len(frame):,}-visit cut: {t_pm:.1f} s = {ev_pm:,.0f} events/s "
      f"(loading not counted) → samhandling {ev_ours / ev_pm:.1f}× (aim ≥ 20×)\n")
PY

fi

results=bench/RESULTS.md
[ -f "$results" ] || printf '# Benchmark and cross-check results\n\nWritten by the scripts in bench/; each section is replaced when its script runs again.\n' > "$results"
python3 - "$results" "$report" "$scale" "$repeats" "$section_title" "${BENCH_ONLY:-}" <<'PY'
import sys, re, datetime, platform, os
path, report, scale, repeats, title, only = sys.argv[1:7]
body = open(report).read()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
command = f"BENCH_SCALE={scale}" + (f" BENCH_ONLY={only}" if only else "") + " bash bench/run.sh"
section = (f"## {title}\n\nRun {datetime.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), "
           f"{platform.platform()}; BENCH_SCALE={scale}, BENCH_REPEATS={repeats}. Command: `{command}`.\n\n"
           + body.replace("## ", "### "))
text = open(path).read()
pattern = re.compile(r"## " + re.escape(title) + r".*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n"), text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
echo "wrote $results"
