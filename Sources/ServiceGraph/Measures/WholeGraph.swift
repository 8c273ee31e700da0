import Foundation

/// Whole-graph measures (docs/measures.md).
public struct WholeGraphMeasures: Sendable, Equatable {
    public struct Centrality: Sendable, Equatable {
        public let node: NodeID
        public let degree: Int
        public let betweenness: Double
    }

    /// Nodes, and edge records as written (before duplicates collapse).
    public var nodes: Int
    public var edges: Int
    /// Ties of the simple graph over n(n − 1)/2; nil for fewer than two nodes.
    public var density: Double?
    public var components: Int
    public var articulationPoints: [NodeID]
    public var bridges: [UnorderedPair]
    public var levelMixing: Double?
    public var eiIndex: Double?
    /// Borgatti's fragmentation and distance fragmentation over all nodes of the graph (the
    /// same definitions as a helper network's, docs/measures.md); nil for fewer than two nodes.
    public var fragmentation: Double?
    public var distanceFragmentation: Double?
    public var centrality: [Centrality]
}

extension CollaborationGraph {
    /// The kinds of tie that `level_mixing` and `ei_index` count (docs/measures.md).
    static let mixingTieKinds: Set<EdgeKind> = [.collaboration, .referral, .message, .epicrisis, .meeting, .informal]

    /// Every whole-graph measure (docs/measures.md) on the simple undirected graph of the whole input.
    ///
    /// - Complexity: O(V E) for betweenness (on all cores); the rest O(V + E).
    public func wholeGraphMeasures() -> WholeGraphMeasures {
        let simple = simpleGraph()
        let n = simple.nodeCount
        let cut = simple.cutStructure()
        let (betweenness, inverseDistanceSum) = simple.betweennessAndInverseDistances()
        let mixing = levelMixing()
        let pairs = Double(n) * Double(n - 1)
        return WholeGraphMeasures(
            nodes: n,
            edges: edges.count,
            density: n >= 2 ? Double(simple.edgeCount) / Double(n * (n - 1) / 2) : nil,
            components: simple.componentLabels().count,
            articulationPoints: cut.articulationPoints.map { simple.ids[$0] },
            bridges: cut.bridges.map { UnorderedPair(simple.ids[$0.0], simple.ids[$0.1]) },
            levelMixing: mixing.share,
            eiIndex: mixing.ei,
            fragmentation: simple.fragmentation(of: Array(0..<n)),
            distanceFragmentation: n >= 2 ? 1 - inverseDistanceSum / pairs : nil,
            centrality: (0..<n).map { .init(node: simple.ids[$0], degree: simple.degree($0), betweenness: betweenness[$0]) }
        )
    }

    /// Level mixing and Krackhardt's E–I index over ties between non-user nodes of known level.
    ///
    /// Ties are the distinct pairs joined by a collaboration, referral, message, epicrisis,
    /// meeting or informal edge. E counts those joining different level names, I the same.
    /// level_mixing = E / (E + I); ei_index = (E − I) / (E + I), from −1 (all ties within a
    /// level) to +1 (all across). Example: ties gp–pn (both municipal) and gp–psy (municipal–dps)
    /// give level_mixing 0.5 and ei_index 0.
    ///
    /// Degenerate case: no such ties → both nil.
    /// - Complexity: O(E).
    /// - Source: Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
    ///   crises: an experimental simulation. Social Psychology Quarterly 51(2), 123–140.
    public func levelMixing() -> (share: Double?, ei: Double?) {
        let levels = resolveLevels()
        var seen = Set<UnorderedPair>()
        var external = 0, internalTies = 0
        for edge in edges {
            guard let kind = edge.declaredKind, Self.mixingTieKinds.contains(kind), edge.source != edge.target,
                  let a = self[edge.source], let b = self[edge.target], a.kind != .user, b.kind != .user,
                  let levelA = levels[a.id], let levelB = levels[b.id],
                  seen.insert(UnorderedPair(a.id, b.id)).inserted
            else { continue }
            if levelA == levelB { internalTies += 1 } else { external += 1 }
        }
        let total = external + internalTies
        guard total > 0 else { return (nil, nil) }
        return (Double(external) / Double(total), Double(external - internalTies) / Double(total))
    }
}
