import Foundation

/// The handover network over all users (docs/pathways.md): a directed, weighted graph provider →
/// provider at a granularity, counting every consecutive pair of visits of a user, with a
/// self-loop where the same provider is seen twice in a row. Its non-loop edges are the
/// handovers.
///
/// These counts equal pm4py's handover-of-work network (β = 0) before its normalisation
/// (`bench/handover-check.sh` checks it).
/// - Complexity: O(N) per pathway of N visits; memory O(P + T) for P providers and T
///   distinct transfers, whatever the number of users.
public struct HandoverNetwork: Sendable, Equatable {
    public struct Transfer: Hashable, Sendable, Comparable {
        public let from: String
        public let to: String

        public static func < (lhs: Transfer, rhs: Transfer) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }

    public let granularity: Granularity
    public private(set) var counts: [Transfer: Int] = [:]
    /// Visits per provider and level, to colour a provider by the level it works at most.
    private var visitsByLevel: [String: [Level: Int]] = [:]

    public init(granularity: Granularity = .professional) { self.granularity = granularity }

    init(granularity: Granularity, counts: [Transfer: Int], visitsByLevel: [String: [Level: Int]]) {
        self.granularity = granularity
        self.counts = counts
        self.visitsByLevel = visitsByLevel
    }

    /// Adds one user's visits (contacts of known level inside `period`).
    public mutating func add(_ pathway: Pathway, period: Period = Period()) {
        let visits = pathway.visits(in: period)
        let providers = visits.map(granularity.provider(of:))
        for (visit, provider) in zip(visits, providers) {
            if let level = visit.level { visitsByLevel[provider, default: [:]][level, default: 0] += 1 }
        }
        for (from, to) in zip(providers, providers.dropFirst()) {
            counts[Transfer(from: from, to: to), default: 0] += 1
        }
    }

    /// Adds another network's counts (of the same granularity).
    public mutating func merge(_ other: HandoverNetwork) {
        guard !counts.isEmpty || !visitsByLevel.isEmpty else {
            self = other  // into an empty network: nothing to add up
            return
        }
        counts.merge(other.counts, uniquingKeysWith: +)
        for (provider, levels) in other.visitsByLevel {
            visitsByLevel[provider, default: [:]].merge(levels, uniquingKeysWith: +)
        }
    }

    /// Transfers sorted by provider, with their counts.
    public var transfers: [(transfer: Transfer, count: Int)] {
        counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Every provider seen, sorted.
    public var providers: [String] { visitsByLevel.keys.sorted() }

    /// The level a provider was met at most often (ties: the higher level).
    public func level(of provider: String) -> Level? {
        visitsByLevel[provider]?.max { ($0.value, $0.key.rank) < ($1.value, $1.key.rank) }?.key
    }

    /// Total handovers: transfers between different providers.
    public var handovers: Int { counts.filter { $0.key.from != $0.key.to }.reduce(0) { $0 + $1.value } }

    /// The network as a plain graph: provider nodes with their level, edges with `count`
    /// (and `weight`, so Graphviz and Gephi use it), in sorted order.
    public var graph: CollaborationGraph {
        var graph = CollaborationGraph(name: "handovers", isDirected: true,
                                       attributes: ["granularity": granularity.rawValue])
        for provider in providers {
            var attributes = ["label": DOTWriter.escString(plain: provider)]
            attributes["level"] = level(of: provider)?.rawValue
            graph.addNode(Node(id: NodeID(provider), attributes: attributes))
        }
        for (transfer, count) in transfers {
            graph.addEdge(Edge(source: NodeID(transfer.from), target: NodeID(transfer.to),
                               attributes: ["count": String(count), "weight": String(count)]))
        }
        return graph
    }

    /// The edge list as RFC 4180 CSV: `source,target,count`, CRLF line ends.
    public var csv: String {
        CSVText.write([["source", "target", "count"]] + transfers.map { [$0.transfer.from, $0.transfer.to, String($0.count)] })
    }
}
