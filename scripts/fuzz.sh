#!/usr/bin/env bash
# Fuzzes each reader of the project's own with libFuzzer for a bounded time.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default 60 s; all targets)
#   FUZZ_RUNS=N bash scripts/fuzz.sh                         (N inputs per target, seed 1: the
#                                                             same inputs every time; CI's smoke run)
#
# Targets: csv, event-log, csv-records (our byte-level CSV reader against CSV.swift), graphml, json, dot, xes, omop,
# network-canvas (its CSV set and its GraphML), egor (the three tables, written back and read again) (cgraph itself is not instrumented; what it
# parsed is converted into the model by our code, which is). Each runs from the seed corpus in
# Tests/FuzzTargetsTests/Fixtures/corpus/<target> with a dictionary from fuzz/, under
# AddressSanitizer and LeakSanitizer (fuzz/lsan-suppressions.txt names the leaks that are not
# ours). Every input that crashes, leaks, times out or breaks a
# property (a graph read must survive model JSON and GraphML unchanged) is copied to
# Tests/FuzzTargetsTests/Fixtures/regressions/<target>/, where `swift test` replays it for good,
# and the script exits 1. The inputs the fuzzer grew are kept in .build/fuzz-corpus (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv event-log csv-records graphml json dot xes omop network-canvas egor)

bash scripts/setup.sh >/dev/null
mkdir -p .build
if ! swift build --scratch-path .build/fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
        --product samhandling-fuzz > .build/fuzz-build.log 2>&1; then
    grep -E "error" .build/fuzz-build.log | head -20 >&2
    echo "fuzz: the fuzzer did not build (.build/fuzz-build.log)" >&2
    exit 1
fi
fuzzer=.build/fuzz/debug/samhandling-fuzz

failed=0
for target in "${targets[@]}"; do
    seeds=Tests/FuzzTargetsTests/Fixtures/corpus/$target
    [ -d "$seeds" ] || { echo "fuzz: no target '$target'" >&2; exit 2; }
    grown=.build/fuzz-corpus/$target
    artifacts=.build/fuzz-artifacts/$target
    mkdir -p "$grown" "$artifacts"
    rm -f "$artifacts"/*
    log=.build/fuzz-artifacts/$target.log
    if [ -n "${FUZZ_RUNS:-}" ]; then echo "fuzz: $target, $FUZZ_RUNS inputs"; else echo "fuzz: $target for ${seconds}s"; fi
    status=0
    # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: one over 2 GB a blow-up.
    if [ -n "${FUZZ_RUNS:-}" ]; then
        bound=(-runs="$FUZZ_RUNS" -seed=1)
        grown=.build/fuzz-smoke/$target  # a fixed run starts from the checked-in seeds only
        rm -rf "$grown" && mkdir -p "$grown"
    else
        bound=(-max_total_time="$seconds")
    fi
    SAMHANDLING_FUZZ_TARGET=$target LSAN_OPTIONS=suppressions=fuzz/lsan-suppressions.txt "$fuzzer" "$grown" "$seeds" \
        -dict="fuzz/$target.dict" "${bound[@]}" -timeout=10 -rss_limit_mb=2048 \
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
