import Foundation

/// The simple undirected graph every measure works on (docs/measures.md): duplicate edges collapse,
/// self-loops are dropped, direction is ignored.
///
/// Nodes are dense indices `0..<nodeCount` (the model's node order); adjacency is stored in
/// compressed sparse rows with sorted neighbour lists, so that algorithms over 10,000 nodes and
/// 50,000 edges stay in cache and need no hashing. The API speaks `NodeID` through `ids`.
public struct SimpleGraph: Sendable {
    public let ids: [NodeID]
    /// Neighbours of `v` are `neighbors[offsets[v]..<offsets[v + 1]]`, sorted.
    let offsets: [Int]
    let neighbors: [Int32]

    public var nodeCount: Int { ids.count }
    /// Distinct undirected ties.
    public var edgeCount: Int { neighbors.count / 2 }

    /// Builds the graph from index pairs; loops and repeated pairs are dropped.
    public init(ids: [NodeID], edges: [(Int, Int)]) {
        self.ids = ids
        var degree = [Int](repeating: 0, count: ids.count)
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(edges.count)
        for (a, b) in edges where a != b {
            pairs.append((Int32(min(a, b)), Int32(max(a, b))))
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var unique: [(Int32, Int32)] = []
        unique.reserveCapacity(pairs.count)
        for pair in pairs where unique.last.map({ $0 != pair }) ?? true {
            unique.append(pair)
            degree[Int(pair.0)] += 1
            degree[Int(pair.1)] += 1
        }
        var offsets = [Int](repeating: 0, count: ids.count + 1)
        for v in 0..<ids.count { offsets[v + 1] = offsets[v] + degree[v] }
        var fill = Array(offsets.dropLast())
        var neighbors = [Int32](repeating: 0, count: offsets[ids.count])
        for (a, b) in unique {
            neighbors[fill[Int(a)]] = b
            fill[Int(a)] += 1
            neighbors[fill[Int(b)]] = a
            fill[Int(b)] += 1
        }
        for v in 0..<ids.count { neighbors[offsets[v]..<offsets[v + 1]].sort() }
        self.offsets = offsets
        self.neighbors = neighbors
    }

    public func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    public func neighbors(of v: Int) -> ArraySlice<Int32> { neighbors[offsets[v]..<offsets[v + 1]] }

    public func hasEdge(_ a: Int, _ b: Int) -> Bool {
        var low = offsets[a], high = offsets[a + 1]
        let target = Int32(b)
        while low < high {
            let mid = (low + high) / 2
            if neighbors[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < offsets[a + 1] && neighbors[low] == target
    }
}

extension CollaborationGraph {
    /// The simple undirected graph of this graph, indexed in node order. `includeEdge`
    /// chooses which edge records count (default: all); nodes are always all present, so
    /// that indices match `nodes`.
    public func simpleGraph(includeEdge: (Edge) -> Bool = { _ in true }) -> SimpleGraph {
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(edges.count)
        for edge in edges where includeEdge(edge) {
            guard let a = index(of: edge.source), let b = index(of: edge.target) else { continue }
            pairs.append((a, b))
        }
        return SimpleGraph(ids: nodes.map(\.id), edges: pairs)
    }
}
