#!/usr/bin/env python3
"""XES in and out against pm4py (issue 20): for each event log,

1. `samhandling convert LOG.csv LOG.xes` writes XES; pm4py reads it (`pm4py.read_xes`) and its
   handover-of-work network (beta = 0, counts before normalisation, as bench/handover_check.py
   takes them) must equal `samhandling handovers LOG.xes` and `samhandling handovers LOG.csv`;
2. pm4py writes the same log as XES (`pm4py.write_xes`, its own conventions: offsets on times,
   a missing value as a float `nan`), and `samhandling handovers` on that file must give the
   same counts again;
3. `samhandling metrics --format csv` gives the same rows for LOG.csv and LOG.xes.

Visits are contact events with a level (as in Samhandling); a visit's resource is its
org:resource, or `<org:group>#unnamed`. Events at the same time keep the file's order (pm4py
gets a one-microsecond offset per event to break ties the same way).
Usage: check-xes.py SAMHANDLING [LOG.csv ...]; without logs, the shipped synthetic log and a
generated one. Exits 1 on a difference.
"""
import csv, datetime, io, os, random, subprocess, sys, tempfile, warnings

warnings.filterwarnings("ignore")
import pandas as pd
import pm4py


def run(binary, *arguments):
    return subprocess.run([binary, *arguments], check=True, capture_output=True, text=True).stdout


def samhandling_counts(binary, log):
    rows = csv.DictReader(run(binary, "handovers", log).splitlines())
    return {(r["source"], r["target"]): int(r["count"]) for r in rows}


def pm4py_counts(frame):
    frame = frame.reset_index(drop=True)
    visits = frame[(frame["concept:name"] == "contact") & frame["level"].notna()].copy()
    group = visits["org:group"].fillna("") if "org:group" in visits else ""
    resource = visits["org:resource"] if "org:resource" in visits else pd.Series([None] * len(visits), index=visits.index)
    visits["org:resource"] = resource.where(resource.notna(), group + "#unnamed")
    times = pd.to_datetime(visits["time:timestamp"], utc=True).dt.tz_localize(None)
    visits["time:timestamp"] = times + pd.to_timedelta(visits.index, unit="us")
    visits = visits[["case:concept:name", "concept:name", "time:timestamp", "org:resource"]]
    network = pm4py.discover_handover_of_work_network(visits, beta=0)
    pairs = int(sum(max(0, n - 1) for n in visits.groupby("case:concept:name").size()))
    return {key: round(value * pairs) for key, value in network.connections.items()}


def pm4py_written(log, path):
    """The CSV log written as XES by pm4py itself."""
    frame = pd.read_csv(log, dtype=str, keep_default_na=False).replace("", float("nan"))
    frame = frame.rename(columns={"user": "case:concept:name", "kind": "concept:name", "time": "time:timestamp",
                                  "actor": "org:resource", "service": "org:group"})
    frame["time:timestamp"] = pd.to_datetime(frame["time:timestamp"], format="ISO8601").dt.tz_localize("Europe/Oslo", ambiguous=True,
                                                                                   nonexistent="shift_forward")
    pm4py.write_xes(frame, path)


def metrics_rows(binary, log):
    rows = list(csv.reader(io.StringIO(run(binary, "metrics", "--format", "csv", log))))
    return [row[1:] for row in rows]  # without the input column


def generated(path):
    random.seed(20)
    levels = {"gp": "municipal", "pn": "municipal", "nav": "state", "psy": "dps", "ward": "hospital"}
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["user", "time", "kind", "actor", "service", "level"])
        for u in range(300):
            t = datetime.datetime(2024, 1, 1) + datetime.timedelta(hours=random.randint(0, 500))
            for _ in range(random.randint(1, 30)):
                service = random.choice(list(levels))
                actor = "" if random.random() < 0.1 else f"{service}{random.randint(1, 6)}"
                kind = "contact" if random.random() < 0.9 else "referral"
                w.writerow([f"u{u:04d}", t.strftime("%Y-%m-%dT%H:%M"), kind, actor, service, levels[service]])
                t += datetime.timedelta(hours=random.choice([0, 0, 1, 24, 72, 200]))


def main():
    binary, logs = sys.argv[1], sys.argv[2:]
    work = tempfile.mkdtemp(prefix="samhandling-xes-")
    if not logs:
        logs = ["Graphs/pathways/synthetic-event-log.csv", os.path.join(work, "generated.csv")]
        generated(logs[1])
    failed = False
    for log in logs:
        stem = os.path.join(work, os.path.splitext(os.path.basename(log))[0])
        ours_xes, theirs_xes = stem + ".xes", stem + ".pm4py.xes"
        run(binary, "convert", log, ours_xes)
        read = pm4py.read_xes(ours_xes)
        theirs = pm4py_counts(read)
        from_csv = samhandling_counts(binary, log)
        from_xes = samhandling_counts(binary, ours_xes)
        pm4py_written(log, theirs_xes)
        from_pm4py_xes = samhandling_counts(binary, theirs_xes)
        same_metrics = metrics_rows(binary, log) == metrics_rows(binary, ours_xes)
        checks = {"pm4py reads our XES": theirs == from_csv, "our XES handovers": from_xes == from_csv,
                  "pm4py's XES handovers": from_pm4py_xes == from_csv, "metrics CSV = XES": same_metrics}
        failed |= not all(checks.values())
        name = log if not os.path.isabs(log) else os.path.basename(log)
        print(f"{name}: {len(read)} events read by pm4py {pm4py.__version__}, {len(from_csv)} provider pairs, "
              f"{sum(from_csv.values())} transfers; " + ", ".join(f"{k}: {'EQUAL' if v else 'DIFFERENT'}" for k, v in checks.items()))
        for label, counts in [("pm4py", theirs), ("samhandling on our XES", from_xes), ("samhandling on pm4py's XES", from_pm4py_xes)]:
            for key in sorted(set(counts) | set(from_csv)):
                if counts.get(key) != from_csv.get(key):
                    print(f"  {key}: samhandling on CSV {from_csv.get(key)}, {label} {counts.get(key)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
