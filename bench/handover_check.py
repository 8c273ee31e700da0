#!/usr/bin/env python3
"""Compares `samhandling handovers` with pm4py's handover-of-work network (beta = 0).

pm4py divides each count by the total number of consecutive pairs; multiplying back gives the
counts, which must equal Samhandling's exactly. Visits are the event log's contact rows with a
level (as in Samhandling); the resource of a visit is the professional, or `<service>#unnamed`.
Events at the same time keep the log's order (pm4py gets a one-second offset per row to break ties
the same way). Usage: handover_check.py SAMHANDLING LOG... ; prints one line per log, exits 1 on a
mismatch.
"""
import csv, datetime, os, subprocess, sys, time

import pandas as pd
import pm4py


def samhandling_counts(binary, log):
    output = subprocess.run([binary, "handovers", log], check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(output.splitlines()))
    return {(r["source"], r["target"]): int(r["count"]) for r in rows}


def pm4py_counts(log):
    records = []
    with open(log, newline="", encoding="utf-8-sig") as f:
        for order, row in enumerate(csv.DictReader(f)):
            if row["kind"] != "contact" or not row.get("level"):
                continue
            when = datetime.datetime.fromisoformat(row["time"]) + datetime.timedelta(microseconds=order)
            resource = row.get("actor") or (row.get("service", "") + "#unnamed")
            records.append({"case:concept:name": row["user"], "time:timestamp": when,
                            "org:resource": resource, "concept:name": "contact"})
    frame = pd.DataFrame.from_records(records)
    started = time.perf_counter()
    network = pm4py.discover_handover_of_work_network(frame, beta=0)
    seconds = time.perf_counter() - started
    connections = network.connections
    # Each case with n visits has n - 1 consecutive pairs: the divisor pm4py used.
    pairs = int(sum(max(0, n - 1) for n in frame.groupby("case:concept:name").size()))
    return {key: round(value * pairs) for key, value in connections.items()}, len(records), seconds


def main():
    binary, logs = sys.argv[1], sys.argv[2:]
    failed = False
    for log in logs:
        ours = samhandling_counts(binary, log)
        theirs, events, seconds = pm4py_counts(log)
        same = ours == theirs
        failed |= not same
        name = log if not os.path.isabs(log) else os.path.basename(log)
        print(f"{name}: {events} visits, {len(ours)} provider pairs, {sum(ours.values())} transfers; "
              f"pm4py {pm4py.__version__} ({seconds:.2f} s): {'EQUAL' if same else 'DIFFERENT'}")
        if not same:
            for key in sorted(set(ours) | set(theirs)):
                if ours.get(key) != theirs.get(key):
                    print(f"  {key}: samhandling {ours.get(key)}, pm4py {theirs.get(key)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
