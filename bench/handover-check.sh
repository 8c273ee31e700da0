#!/usr/bin/env bash
# Checks that `samhandling handovers` counts equal pm4py's handover-of-work network (beta = 0,
# before its normalisation) on the shipped event log and on a generated one, and records the
# result in bench/RESULTS.md. Installs pm4py from PyPI into bench/.venv the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
bench/.venv/bin/python -c "import pm4py" 2>/dev/null || bench/.venv/bin/pip install -q pm4py pandas
swift build -c release --static-swift-stdlib --product samhandling >/dev/null
binary=.build/release/samhandling

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A generated log: 500 users, 4 levels, ties between professionals of one service.
python3 - "$work/generated.csv" <<'PY'
import csv, random, sys, datetime
random.seed(11)
levels = {"gp": "municipal", "pn": "municipal", "nav": "state", "psy": "dps", "ward": "hospital"}
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["user", "time", "kind", "actor", "service", "level"])
    for u in range(500):
        t = datetime.datetime(2024, 1, 1) + datetime.timedelta(hours=random.randint(0, 500))
        for _ in range(random.randint(1, 40)):
            service = random.choice(list(levels))
            actor = "" if random.random() < 0.1 else f"{service}{random.randint(1, 6)}"
            w.writerow([f"u{u:04d}", t.strftime("%Y-%m-%dT%H:%M"), "contact", actor, service, levels[service]])
            t += datetime.timedelta(hours=random.choice([0, 0, 1, 24, 72, 200]))
PY

result=$(bench/.venv/bin/python bench/handover_check.py "$binary" Graphs/pathways/synthetic-event-log.csv "$work/generated.csv" 2>/dev/null)
status=$?
echo "$result"

results=bench/RESULTS.md
[ -f "$results" ] || printf '# Benchmark and cross-check results\n\nWritten by the scripts in bench/; each section is replaced when its script runs again.\n' > "$results"
python3 - "$results" "$result" <<'PY'
import sys, re, datetime, platform
path, body = sys.argv[1], sys.argv[2]
text = open(path).read()
section = ("## Handover network vs pm4py (bench/handover-check.sh)\n\n"
           f"Run {datetime.date.today().isoformat()} on {platform.machine()}, {platform.platform()}.\n\n"
           "```\n" + body + "\n```\n")
pattern = re.compile(r"## Handover network vs pm4py.*?(?=\n## |\Z)", re.S)
text = pattern.sub(section.rstrip("\n"), text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
exit $status
