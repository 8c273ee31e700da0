#!/usr/bin/env bash
# The project's tests: the Swift test suite, then the checks that need an outside tool
# (NetworkX opens our GraphML, Chromium draws a report, pandas reads the sequences as
# TraMineR's layouts say, pm4py reads our XES and we read its), then a short fixed fuzz run of
# every reader (the same inputs each time). Installs what is missing first. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test
python3 -c "import networkx" 2>/dev/null || python3 -m pip install --quiet networkx
swift build --product samhandling
python3 scripts/check-networkx.py .build/debug/samhandling $(find Graphs -name '*.dot' | sort)
bash scripts/check-report.sh .build/debug/samhandling
python3 -c "import pandas" 2>/dev/null || python3 -m pip install --quiet pandas
python3 scripts/check-sequences.py .build/debug/samhandling Graphs/pathways/synthetic-event-log.csv \
    Tests/SamhandlingCLITests/Fixtures/pathways/sequences.csv
# XES both ways against pm4py: it reads our XES, we read its XES, the handover counts agree.
python3 -c "import pm4py" 2>/dev/null || python3 -m pip install --quiet pm4py pandas
python3 scripts/check-xes.py .build/debug/samhandling
FUZZ_RUNS=300 bash scripts/fuzz.sh
# egor's tables against NetworkX: the helper density and Burt's constraint computed from the
# written tables are those metrics reports, and the tables read back give the same (one user,
# two interviews of a Network Canvas export, and the many users of the synthetic event log).
python3 scripts/check-egor.py .build/debug/samhandling Graphs/helper-networks/*.dot \
    Tests/ServiceGraphTests/Fixtures/network-canvas/csv Tests/ServiceGraphTests/Fixtures/egor \
    Graphs/pathways/synthetic-event-log.csv
# Issue 19, past one machine: the shell recipe of docs/pathways.md ("Sharding"), then the Spark
# job in local mode on a small generated log, its metrics rows and summed handover counts equal to
# the one-process run (installs PySpark and Java 17).
bash scripts/check-shards.sh .build/debug/samhandling
bash bench/spark/check.sh .build/debug/samhandling
