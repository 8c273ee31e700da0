import Foundation

extension SimpleGraph {
    /// Betweenness centrality of every node, normalised as NetworkX does by default for an
    /// undirected graph: the sum over ordered pairs (s, t) of the share of shortest s–t paths
    /// through v, divided by (n − 1)(n − 2).
    ///
    /// Example: in the path a–b–c, b lies on the only path between a and c: 2 ordered pairs
    /// / (2 · 1) = 1.0; a and c get 0. In a star the centre gets 1.0.
    ///
    /// Degenerate cases: with n ≤ 2 every value is 0 (NetworkX leaves them unscaled, and
    /// they are 0 anyway).
    /// - Complexity: O(V E) time, O(V + E) memory per core; sources are split over all cores.
    /// - Source: Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
    ///   Mathematical Sociology 25(2), 163–177. Accumulation without predecessor lists:
    ///   Brandes (2008), On variants of shortest-path betweenness centrality, Social Networks 30.
    public func betweenness() -> [Double] {
        betweennessAndInverseDistances().betweenness
    }

    /// Betweenness, and from the same breadth-first searches the sum of 1/d over all ordered
    /// pairs of distinct nodes (unreachable pairs add 0): what the whole graph's distance
    /// fragmentation needs, at no extra search.
    public func betweennessAndInverseDistances() -> (betweenness: [Double], inverseDistanceSum: Double) {
        let n = nodeCount
        guard n > 2 else {
            // One edge at most: each connected ordered pair is at distance 1.
            return ([Double](repeating: 0, count: n), n == 2 && degree(0) > 0 ? 2 : 0)
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, n / 64))
        let chunk = (n + workers - 1) / workers
        let partials = parallelMap(Array(0..<workers), minimumPerWorker: 1) { worker -> ([Double], Double) in
            let start = worker * chunk
            let end = min(start + chunk, n)
            return start < end ? self.accumulateBetweenness(sources: start..<end) : ([], 0)
        }
        var total = [Double](repeating: 0, count: n)
        var inverseDistanceSum = 0.0
        for (partial, sum) in partials where !partial.isEmpty {
            for v in 0..<n { total[v] += partial[v] }
            inverseDistanceSum += sum
        }
        let scale = 1 / Double((n - 1) * (n - 2))
        return (total.map { $0 * scale }, inverseDistanceSum)
    }

    /// Brandes' dependency accumulation for a range of sources, into one array, with the sum
    /// of 1/d from those sources.
    private func accumulateBetweenness(sources: Range<Int>) -> ([Double], Double) {
        let n = nodeCount
        var inverseDistanceSum = 0.0
        var centrality = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        var delta = [Double](repeating: 0, count: n)
        var distance = [Int32](repeating: -1, count: n)
        var order = [Int32](repeating: 0, count: n)  // BFS order: the queue, read back as the stack
        offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                for s in sources {
                    var head = 0, tail = 0
                    sigma[s] = 1
                    distance[s] = 0
                    order[tail] = Int32(s)
                    tail += 1
                    while head < tail {
                        let v = Int(order[head])
                        head += 1
                        let next = distance[v] + 1
                        for i in offsets[v]..<offsets[v + 1] {
                            let w = Int(neighbors[i])
                            if distance[w] < 0 {
                                distance[w] = next
                                order[tail] = Int32(w)
                                tail += 1
                            }
                            if distance[w] == next { sigma[w] += sigma[v] }
                        }
                    }
                    var index = tail - 1
                    while index >= 0 {
                        let w = Int(order[index])
                        index -= 1
                        let coefficient = (1 + delta[w]) / sigma[w]
                        let previous = distance[w] - 1
                        for i in offsets[w]..<offsets[w + 1] {
                            let v = Int(neighbors[i])
                            if distance[v] == previous { delta[v] += sigma[v] * coefficient }
                        }
                        if w != s { centrality[w] += delta[w] }
                    }
                    for i in 0..<tail {
                        let v = Int(order[i])
                        if i > 0 { inverseDistanceSum += 1 / Double(distance[v]) }
                        sigma[v] = 0
                        delta[v] = 0
                        distance[v] = -1
                    }
                }
            }
        }
        return (centrality, inverseDistanceSum)
    }
}
