#!/usr/bin/env python3
"""Interop check run by scripts/test.sh: each graph, written as egor's three tables by
`samhandling convert GRAPH FOLDER --to egor`, gives NetworkX the helper density and Burt's
constraint that `samhandling metrics` reports for every user.

From the tables alone: the ego's helpers are its alters of kind `professional` tied to it by a
`contact` (alters.csv's `tie` column); the helper density is NetworkX's density of the alter-alter
ties (aaties.csv) among them, and the constraint is nx.constraint of the ego in the graph of the
ego, its helpers, a tie from the ego to each, and the ties among them (docs/measures.md §5.1).
Then the tables are read back (`convert FOLDER back.json`) and measured again: the same values.
Usage: check-egor.py SAMHANDLING GRAPH... ; exits 1 on a difference.
"""
import csv, json, math, os, subprocess, sys, tempfile
import networkx as nx

binary, graphs = sys.argv[1], sys.argv[2:]
failures = 0


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0, abs_tol=1e-6)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def metrics(path):
    out = subprocess.run([binary, "metrics", path, "--format", "json"], capture_output=True, text=True).stdout
    return {u["user"]: u for u in json.loads(out)[0]["users"]}


with tempfile.TemporaryDirectory() as folder:
    for path in graphs:
        # Through the model's JSON, so that an event log is measured as the graph it reads as.
        graph, tables = os.path.join(folder, "graph.json"), os.path.join(folder, "egor")
        subprocess.run([binary, "convert", path, graph], check=True, stderr=subprocess.DEVNULL)
        subprocess.run([binary, "convert", graph, tables, "--to", "egor"], check=True)
        alters, aaties = rows(os.path.join(tables, "alters.csv")), rows(os.path.join(tables, "aaties.csv"))
        ours = metrics(graph)
        problems = []
        for ego in (row["egoID"] for row in rows(os.path.join(tables, "egos.csv"))):
            helpers = [a["alterID"] for a in alters
                       if a["egoID"] == ego and a.get("kind") == "professional" and "contact" in a["tie"].split()]
            among = nx.Graph()
            among.add_nodes_from(helpers)
            among.add_edges_from((t["Source"], t["Target"]) for t in aaties
                                 if t["egoID"] == ego and t["Source"] in among and t["Target"] in among and t["Source"] != t["Target"])
            density = nx.density(among) if len(helpers) >= 2 else None
            ego_network = among.copy()
            ego_node = ("ego", ego)
            ego_network.add_edges_from((ego_node, h) for h in helpers)
            constraint = nx.constraint(ego_network, [ego_node])[ego_node] if helpers else None
            want = ours[ego]
            if not close(density, want["helper_density"]):
                problems.append(f"{ego}: density {density} (NetworkX) != {want['helper_density']}")
            if not close(constraint, want["constraint"]):
                problems.append(f"{ego}: constraint {constraint} (NetworkX) != {want['constraint']}")
        back = os.path.join(folder, "back.json")
        subprocess.run([binary, "convert", tables, back], check=True)
        for ego, measured in metrics(back).items():
            want = ours[ego]
            for key in ("helpers", "helper_ties", "helper_density", "constraint", "effective_size"):
                if not (close(measured[key], want[key]) if isinstance(want[key], float) else measured[key] == want[key]):
                    problems.append(f"{ego}: {key} read back {measured[key]} != {want[key]}")
        if problems:
            failures += 1
            print(f"check-egor: {path}: " + "; ".join(problems[:5]), file=sys.stderr)
        else:
            print(f"check-egor: {path}: {len(ours)} ego(s), density and constraint as NetworkX computes them, read back the same")
sys.exit(1 if failures else 0)
