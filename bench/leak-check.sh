#!/usr/bin/env bash
# Renders and measures a batch under valgrind and reports the bytes definitely lost, split into
# Graphviz's own (allocated during layout or rendering, which we free with gvFreeLayout and
# gvFreeRenderData, or by the font stack: dot's cluster skeleton, HTML-table labels) and the
# project's (everything else — a graph we failed to agclose is lost from inside cgraph's parser,
# and counts as ours). Exit 1 if the project loses anything. Usage: bash bench/leak-check.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20}
bash scripts/setup.sh valgrind
swift build -c release --static-swift-stdlib --product samhandling >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes and gives up: analyse a copy without
# debug sections (the symbol table stays, so frames keep their names).
tool=$work/samhandling
cp .build/release/samhandling "$tool"
objcopy --strip-debug "$tool"
"$tool" generate helper-networks --count "$count" --out "$work/in" --seed 9
status=0
# GraphML both ways too: Foundation's XMLDocument leaked every document it built or read.
"$tool" convert Graphs/helper-networks/one-year-26-helpers.dot "$work/h26.graphml"
for command in "render $work/in --out $work/out --jobs 1 --force" "metrics --format json $work/in" \
               "render Graphs --out $work/shipped --jobs 1 --force" "metrics --format json $work/h26.graphml" \
               "convert $work/h26.graphml $work/back.graphml" "handovers Graphs/pathways/synthetic-event-log.csv"; do
  valgrind --leak-check=full --show-leak-kinds=definite --num-callers=30 --log-file="$work/vg.txt" $tool $command >/dev/null 2>&1 || true
  python3 - "$work/vg.txt" "$command" <<'PY' || status=1
import re, sys
log, command = open(sys.argv[1]).read(), sys.argv[2]
ours_modules = ("samhandling", "ServiceGraph", "GraphvizSupport")
allocators = ("malloc", "calloc", "realloc", "memalign", "posix_memalign", "swift_slowAlloc", "swift_allocObject",
              "gmalloc", "zmalloc", "grealloc", "agalloc", "operator new", "strdup")
project = library = 0
for block in re.findall(r"==\d+== (\S+) (?:\(\S+ direct, \S+ indirect\) )?bytes in \S+ blocks are definitely lost.*?\n((?:==\d+==\s+(?:at|by) .*\n)+)", log):
    size = int(block[0].replace(",", ""))
    stack = block[1]
    graphviz_own = any(marker in stack for marker in (
        "gvLayoutJobs", "gvRenderJobs", "gvRender", "dot_layout", "neato_layout", "gvtextlayout", "textspan_size",
        "libfontconfig", "libpango", "libcairo", "libexpat", "gvContext", "gvconfig"))
    if graphviz_own:
        library += size
    else:
        project += size
summary = re.search(r"definitely lost: ([\d,]+) bytes", log)
if "Giving up" in log or not re.search(r"(LEAK SUMMARY|All heap blocks were freed)", log):
    print(f"{command.split()[0]}: valgrind did not run the program to the end; see its log"); sys.exit(1)
print(f"{command.split()[0]} ({command.split()[1].split('/')[-1]}): definitely lost {summary.group(1) if summary else '0'} bytes — "
      f"project {project}, Graphviz and libraries {library}")
sys.exit(1 if project else 0)
PY
done
exit $status
