#!/usr/bin/env python3
"""Interop check run by scripts/test.sh: every shipped graph, written as GraphML by
`samhandling convert`, opens in NetworkX's read_graphml with every node, edge and attribute as
the model's JSON has them. Usage: check-networkx.py SAMHANDLING GRAPH... ; exits 1 on a difference.
"""
import json, subprocess, sys, tempfile, os
import networkx as nx

binary, graphs = sys.argv[1], sys.argv[2:]
failures = 0
with tempfile.TemporaryDirectory() as folder:
    for path in graphs:
        graphml, model = os.path.join(folder, "g.graphml"), os.path.join(folder, "g.json")
        subprocess.run([binary, "convert", path, graphml], check=True)
        subprocess.run([binary, "convert", path, model], check=True)
        expected = json.load(open(model))
        graph = nx.read_graphml(graphml)
        problems = []
        if graph.is_directed() != expected["directed"]:
            problems.append("directedness differs")
        if list(graph.nodes) != [n["id"] for n in expected["nodes"]]:
            problems.append("nodes differ")
        for node in expected["nodes"]:
            got = {k: str(v) for k, v in graph.nodes[node["id"]].items()}
            want = dict(node["attributes"])
            if node.get("html"):
                want["samhandling_html"] = " ".join(node["html"])
            if got != want:
                problems.append(f"node {node['id']}: {got} != {want}")
        edges = list(graph.edges(data=True))
        if len(edges) != len(expected["edges"]):
            problems.append(f"{len(edges)} edges, expected {len(expected['edges'])}")
        # NetworkX groups a MultiDiGraph's edges by source; compare as multisets. In an
        # undirected graph it may name an edge's ends in either order.
        def key(source, target, attributes):
            ends = (source, target) if expected["directed"] else tuple(sorted((source, target)))
            return ends + (tuple(sorted((k, str(v)) for k, v in attributes.items())),)
        got_edges = sorted(key(s, t, d) for s, t, d in edges)
        want_edges = sorted(key(e["source"], e["target"], e["attributes"]) for e in expected["edges"])
        if got_edges != want_edges:
            problems.append("edge attributes differ")
        status = "OK" if not problems else "DIFFERENT: " + "; ".join(problems[:3])
        print(f"networkx {nx.__version__} reads {path}: {graph.number_of_nodes()} nodes, {len(edges)} edges: {status}")
        failures += bool(problems)
sys.exit(1 if failures else 0)
