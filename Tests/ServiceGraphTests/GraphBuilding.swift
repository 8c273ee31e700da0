@testable import ServiceGraph

/// Small graphs for measure tests, written the way a researcher would sketch them.
enum Sketch {
    /// A graph of exactly these nodes and edges, in this order.
    static func graph(_ nodes: [Node], _ edges: [Edge] = []) -> CollaborationGraph {
        var graph = CollaborationGraph()
        nodes.forEach { graph.addNode($0) }
        edges.forEach { graph.addEdge($0) }
        return graph
    }

    /// A graph with one user `u` in contact with `helpers` (professionals), plus `ties` as
    /// `"a-b"` collaboration edges (or `"a-b:kind"`), plus `extra` nodes by kind.
    static func helperNetwork(helpers: [String], ties: [String] = [], user: String = "u",
                              extra: [(String, String)] = [], levels: [String: String] = [:]) -> CollaborationGraph {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: NodeID(user), attributes: ["kind": "user"]))
        for helper in helpers {
            var attributes = ["kind": "professional"]
            attributes["level"] = levels[helper]
            graph.addNode(Node(id: NodeID(helper), attributes: attributes))
        }
        for (id, kind) in extra {
            var attributes = ["kind": kind]
            attributes["level"] = levels[id]
            graph.addNode(Node(id: NodeID(id), attributes: attributes))
        }
        for helper in helpers {
            graph.addEdge(Edge(source: NodeID(user), target: NodeID(helper), attributes: ["kind": "contact", "date": "2024-01-01"]))
        }
        for tie in ties { graph.addEdge(edge(tie)) }
        return graph
    }

    /// `"a-b"` → a collaboration edge; `"a-b:member"` → an edge of that kind.
    static func edge(_ text: String) -> Edge {
        let parts = text.split(separator: ":")
        let ends = parts[0].split(separator: "-").map { NodeID(String($0)) }
        let kind = parts.count > 1 ? String(parts[1]) : "collaboration"
        return Edge(source: ends[0], target: ends[1], attributes: ["kind": kind])
    }

    /// A plain undirected graph from `"a-b"` pairs, nodes in first-appearance order.
    static func simple(_ pairs: [String], isolated: [String] = []) -> SimpleGraph {
        var graph = CollaborationGraph()
        for pair in pairs { graph.addEdge(edge(pair)) }
        for id in isolated { graph.addNode(Node(id: NodeID(id))) }
        return graph.simpleGraph()
    }
}

func approximately(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
