#!/usr/bin/env bash
# Fuzzes each reader of the project's own with libFuzzer for a bounded time.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s; all targets)
#
# Targets: csv, event-log, graphml, json, dot (cgraph itself is not instrumented; what it
# parsed is converted into the model by our code, which is). Each runs from the seed corpus in
# Tests/FuzzTargetsTests/Fixtures/corpus/<target> with a dictionary from fuzz/, under
# AddressSanitizer and LeakSanitizer (fuzz/lsan-suppressions.txt names the leaks that are not
# ours). Every input that crashes, leaks, times out or breaks a
# property (a graph read must survive model JSON and GraphML unchanged) is copied to
# Tests/FuzzTargetsTests/Fixtures/regressions/<target>/, where `swift test` replays it for good,
# and the script exits 1. The inputs the fuzzer grew are kept in .build/fuzz-corpus (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv event-log graphml json dot)

bash scripts/setup.sh >/dev/null
swift build --scratch-path .build/fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
    --product samhandling-fuzz 2>&1 | grep -E "error|Build of product" || true
fuzzer=.build/fuzz/debug/samhandling-fuzz
[ -x "$fuzzer" ] || { echo "fuzz: the fuzzer did not build" >&2; exit 1; }

failed=0
for target in "${targets[@]}"; do
    seeds=Tests/FuzzTargetsTests/Fixtures/corpus/$target
    [ -d "$seeds" ] || { echo "fuzz: no target '$target'" >&2; exit 2; }
    grown=.build/fuzz-corpus/$target
    artifacts=.build/fuzz-artifacts/$target
    mkdir -p "$grown" "$artifacts"
    rm -f "$artifacts"/*
    log=.build/fuzz-artifacts/$target.log
    echo "fuzz: $target for ${seconds}s"
    status=0
    # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: one over 2 GB a blow-up.
    SAMHANDLING_FUZZ_TARGET=$target LSAN_OPTIONS=suppressions=fuzz/lsan-suppressions.txt "$fuzzer" "$grown" "$seeds" \
        -dict="fuzz/$target.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" | sed "s/^/  /" || true
    found=("$artifacts"/*)
    if [ $status -ne 0 ] || [ -e "${found[0]}" ]; then
        failed=1
        mkdir -p "Tests/FuzzTargetsTests/Fixtures/regressions/$target"
        for file in "${found[@]}"; do
            [ -e "$file" ] || continue
            cp "$file" "Tests/FuzzTargetsTests/Fixtures/regressions/$target/"
            echo "  found: $(basename "$file") (copied to the regression tests)"
        done
        grep -E "ERROR|SUMMARY|Fatal error|does not survive|error in line" "$log" | head -5 | sed "s/^/  /" || true
        echo "  the fuzzer exited with status $status; log: $log"
    else
        echo "  clean"
    fi
done
exit $failed
