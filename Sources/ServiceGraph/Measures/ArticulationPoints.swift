import Foundation

/// The single points of failure of a graph: nodes and ties whose removal disconnects it.
public struct CutStructure: Sendable, Equatable {
    /// Nodes whose removal increases the number of components, in index order.
    public let articulationPoints: [Int]
    /// Ties whose removal increases the number of components, as index pairs (low, high), sorted.
    public let bridges: [(Int, Int)]

    public static func == (lhs: CutStructure, rhs: CutStructure) -> Bool {
        lhs.articulationPoints == rhs.articulationPoints
            && lhs.bridges.map { [$0.0, $0.1] } == rhs.bridges.map { [$0.0, $0.1] }
    }
}

extension SimpleGraph {
    /// Articulation points and bridges, by one depth-first search with discovery times and
    /// low-links. The search is iterative, so long paths cannot overflow the stack.
    ///
    /// Example: in the path a–b–c, b is an articulation point and both ties are bridges; a
    /// triangle has neither.
    ///
    /// Degenerate cases: the empty graph and isolated nodes have none.
    /// - Complexity: O(V + E).
    /// - Source: Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for
    ///   graph manipulation. Communications of the ACM 16(6), 372–378.
    public func cutStructure() -> CutStructure {
        let n = nodeCount
        var discovery = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var parent = [Int](repeating: -1, count: n)
        var nextNeighbor = [Int](repeating: 0, count: n)
        var isArticulation = [Bool](repeating: false, count: n)
        var bridges: [(Int, Int)] = []
        var time = 0
        var stack: [Int] = []
        for root in 0..<n where discovery[root] == -1 {
            var rootChildren = 0
            discovery[root] = time
            low[root] = time
            time += 1
            nextNeighbor[root] = offsets[root]
            stack.append(root)
            while let v = stack.last {
                if nextNeighbor[v] < offsets[v + 1] {
                    let w = Int(neighbors[nextNeighbor[v]])
                    nextNeighbor[v] += 1
                    if discovery[w] == -1 {
                        parent[w] = v
                        discovery[w] = time
                        low[w] = time
                        time += 1
                        nextNeighbor[w] = offsets[w]
                        stack.append(w)
                        if v == root { rootChildren += 1 }
                    } else if w != parent[v] {
                        low[v] = min(low[v], discovery[w])
                    }
                } else {
                    stack.removeLast()
                    let p = parent[v]
                    guard p >= 0 else { continue }
                    low[p] = min(low[p], low[v])
                    if low[v] >= discovery[p] && p != root { isArticulation[p] = true }
                    if low[v] > discovery[p] { bridges.append((min(p, v), max(p, v))) }
                }
            }
            if rootChildren > 1 { isArticulation[root] = true }
        }
        bridges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return CutStructure(articulationPoints: (0..<n).filter { isArticulation[$0] }, bridges: bridges)
    }
}
