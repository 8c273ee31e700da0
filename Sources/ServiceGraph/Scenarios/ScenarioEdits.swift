import Foundation

/// What a scenario's edits did, node by node, for the drawing of the edited graph.
public struct ScenarioMarks: Sendable, Equatable {
    public var added: Set<NodeID> = []
    /// Removed nodes with what they were (drawn greyed and dashed), and merged ones.
    public var removed: [Node] = []
    public var moved: Set<NodeID> = []
    public var relevelled: Set<NodeID> = []
    /// Ties added (drawn as added) and removed (drawn greyed and dashed).
    public var tiesAdded: [Edge] = []
    public var tiesRemoved: [Edge] = []
    public var changed: Set<NodeID> = []

    public init() {}
}

extension CollaborationGraph {
    /// This graph with `script`'s edits made in order. An edit that names a node the graph does
    /// not have (at that point), adds one it has, makes a reporting cycle, or cannot apply to an
    /// event log (`isEventLog`: there are no reporting lines to move) is the error, with its line.
    public func applying(_ script: EditScript, isEventLog: Bool = false) throws(Diagnostic) -> (CollaborationGraph, ScenarioMarks) {
        var graph = self, marks = ScenarioMarks()
        for line in script.lines {
            func fail(_ message: String) -> Diagnostic { Diagnostic(file: script.file, line: line.number, message: message) }
            func require(_ ids: NodeID...) throws(Diagnostic) {
                for id in ids where graph[id] == nil { throw fail("no node '\(id)' in the graph") }
            }
            switch line.edit {
            case .move(let node, let superior):
                guard !isEventLog else {
                    throw fail("move re-draws a reports_to line of an org chart; an event log has none (use it on a graph)")
                }
                try require(node, superior)
                let old = graph.edges.first { $0.declaredKind == .reportsTo && $0.source == node }
                graph.edges.removeAll { $0.declaredKind == .reportsTo && $0.source == node }
                var attributes = old?.attributes ?? ["kind": EdgeKind.reportsTo.rawValue]
                attributes["kind"] = EdgeKind.reportsTo.rawValue
                graph.addEdge(Edge(source: node, target: superior, attributes: attributes))
                marks.moved.insert(node)
            case .merge(let node, let target):
                try require(node, target)
                if let removed = graph[node] { marks.removed.append(removed) }
                graph.merge(node, into: target)
                marks.changed.insert(target)
            case .relevel(let from, let to):
                let touched = graph.relevel(from, to)
                guard touched.nodes + touched.others > 0 else { throw fail("no node or event is at level \(from.rawValue)") }
                marks.relevelled.formUnion(touched.ids)
            case .remove(let node):
                try require(node)
                if let removed = graph[node] { marks.removed.append(removed) }
                marks.tiesRemoved += graph.edges.filter { $0.touches(node) }
                graph.removeNode(node)
            case .add(let node, let attributes):
                guard graph[node] == nil else { throw fail("'\(node)' is already in the graph: add takes a new id (set changes one)") }
                graph.addNode(Node(id: node, attributes: attributes))
                marks.added.insert(node)
            case .tie(let source, let target, let attributes):
                try require(source, target)
                var attributes = attributes
                if attributes["kind"] == nil { attributes["kind"] = EdgeKind.collaboration.rawValue }
                let edge = Edge(source: source, target: target, attributes: attributes)
                graph.addEdge(edge)
                marks.tiesAdded.append(edge)
            case .untie(let a, let b, let kind):
                try require(a, b)
                let matches = { (edge: Edge) in
                    (edge.source == a && edge.target == b || edge.source == b && edge.target == a)
                        && (kind == nil || edge.declaredKind == kind)
                }
                let removed = graph.edges.filter(matches)
                guard !removed.isEmpty else { throw fail("no \(kind.map { $0.rawValue + " " } ?? "")edge between '\(a)' and '\(b)'") }
                graph.edges.removeAll(where: matches)
                marks.tiesRemoved += removed
            case .set(let node, let attributes):
                try require(node)
                graph.updateNode(node) { changed in
                    for (key, value) in attributes {
                        changed.attributes[key] = value.isEmpty ? nil : value
                    }
                }
                marks.changed.insert(node)
            }
            // Any edit that draws a line of report (move, tie, merge, set of a kind) may close a cycle.
            if graph.edges.contains(where: { $0.declaredKind == .reportsTo }) {
                do {
                    _ = try graph.structureMeasures()
                } catch {
                    throw fail("this edit makes the lines of report a cycle: \(error.description)")
                }
            }
        }
        return (graph.normalizingVocabulary(), marks)
    }

    /// Every edge of `node` goes to `target` (an edge between the two is dropped), its group
    /// memberships and the attributes that name it (`service=`, `user=`) too; then `node` goes.
    mutating func merge(_ node: NodeID, into target: NodeID) {
        var kept: [Edge] = []
        for original in edges {
            var edge = original
            if edge.source == node { edge.source = target }
            if edge.target == node { edge.target = target }
            for key in ["service", "user"] where edge.attributes[key] == node.rawValue { edge.attributes[key] = target.rawValue }
            guard edge != original else { kept.append(edge); continue }
            // A tie between the two becomes a loop: they are one now, and the tie goes; so does an
            // undated tie the other already has (two lines of report to one superior are one
            // line). A dated edge is an event (a visit, a row of a log) and is always kept.
            if edge.source == edge.target && original.source != original.target { continue }
            if !edge.isEvent, (kept + edges).contains(where: { $0.sameTie(as: edge, directed: isDirected) }) { continue }
            kept.append(edge)
        }
        edges = kept
        for id in nodes.map(\.id) where self[id]?.attributes["service"] == node.rawValue {
            updateNode(id) { $0.attributes["service"] = target.rawValue }
        }
        for group in groups.indices where groups[group].members.contains(node) {
            groups[group].members.removeAll { $0 == node }
            if !groups[group].members.contains(target) { groups[group].members.append(target) }
        }
        removeNode(node)
    }

    /// Every node, edge and group at level `from` is at `to`; the nodes touched, and how many
    /// nodes and other things (edges, groups) changed.
    mutating func relevel(_ from: Level, _ to: Level) -> (ids: Set<NodeID>, nodes: Int, others: Int) {
        var ids = Set<NodeID>(), others = 0
        for node in nodes where node.declaredLevel == from {
            updateNode(node.id) { $0.attributes["level"] = to.rawValue }
            ids.insert(node.id)
        }
        for index in edges.indices where edges[index].attributes["level"].flatMap(Level.init(name:)) == from {
            edges[index].attributes["level"] = to.rawValue
            others += 1
        }
        for index in groups.indices where groups[index].attributes["level"].flatMap(Level.init(name:)) == from {
            groups[index].attributes["level"] = to.rawValue
            ids.formUnion(groups[index].members)
            others += 1
        }
        return (ids, ids.count, others)
    }
}

extension Edge {
    /// A dated edge: one event, never merged with another.
    var isEvent: Bool { attributes["date"] != nil || attributes["dates"] != nil }

    /// The same undated tie: the same ends (in either order in an undirected graph) and attributes.
    func sameTie(as other: Edge, directed: Bool) -> Bool {
        guard !isEvent, !other.isEvent, attributes == other.attributes else { return false }
        return source == other.source && target == other.target
            || !directed && source == other.target && target == other.source
    }
}
