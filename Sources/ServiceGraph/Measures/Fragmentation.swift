import Foundation

extension SimpleGraph {
    /// Borgatti's fragmentation of a set of nodes: the share of ordered pairs of them that
    /// cannot reach each other.
    ///
    /// F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)), where s_k is the number of the `nodes` in the
    /// k-th component (paths may run through any node that is not blocked). Example: helpers
    /// in groups of 4 and 1 give F = 1 − 12/20 = 0.4.
    ///
    /// Degenerate cases: fewer than two nodes → nil (no pairs). Blocked nodes among `nodes`
    /// are left out of n.
    /// - Complexity: O(V + E).
    /// - Source: Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    ///   Computational and Mathematical Organization Theory 12, 21–34 (eq. 4).
    public func fragmentation(of nodes: [Int], blocked: [Bool]? = nil) -> Double? {
        let members = nodes.filter { !(blocked?[$0] ?? false) }
        let n = members.count
        guard n >= 2 else { return nil }
        let labels = componentLabels(blocked: blocked).labels
        var sizes: [Int: Int] = [:]
        for v in members { sizes[labels[v], default: 0] += 1 }
        let connectedPairs = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) }
        return 1 - Double(connectedPairs) / Double(n * (n - 1))
    }

    /// Borgatti's distance-weighted fragmentation of a set of nodes.
    ///
    /// DF = 1 − Σ_{i≠j} (1/d_ij) / (n(n − 1)), d_ij the shortest-path length (1/∞ = 0).
    /// Example: helpers gp–pn, gp–psy, psy–doc and a lone sw give Σ 1/d = 8.6667 over 20
    /// ordered pairs, DF = 0.566667.
    ///
    /// Degenerate cases: fewer than two nodes → nil.
    /// - Complexity: O(n (V + E)), the breadth-first searches run on all cores.
    /// - Source: Borgatti (2006), eq. 9.
    public func distanceFragmentation(of nodes: [Int], blocked: [Bool]? = nil) -> Double? {
        let members = nodes.filter { !(blocked?[$0] ?? false) }
        let n = members.count
        guard n >= 2 else { return nil }
        var isMember = [Bool](repeating: false, count: nodeCount)
        for v in members { isMember[v] = true }
        let sums = parallelMap(members) { source -> Double in
            let distance = distances(from: source, blocked: blocked)
            var sum = 0.0
            for v in members where v != source && distance[v] > 0 { sum += 1 / Double(distance[v]) }
            return sum
        }
        return 1 - sums.reduce(0, +) / Double(n * (n - 1))
    }
}

/// Maps `items` on all cores, keeping order. Work is split into one contiguous chunk per
/// worker; a worker is only started for at least `minimumPerWorker` items, so that cheap
/// work is not split finer than it is worth (heavy items: pass 1).
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], minimumPerWorker: Int = 8, _ transform: @Sendable (T) -> R) -> [R] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, items.count / max(1, minimumPerWorker)))
    guard workers > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer {
        // What was initialised is deinitialised: the results (arrays, in betweenness) are
        // released, not leaked with the buffer.
        _ = results.deinitialize()
        results.deallocate()
    }
    let chunk = (items.count + workers - 1) / workers
    nonisolated(unsafe) let output = results
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let start = worker * chunk
        let end = min(start + chunk, items.count)
        guard start < end else { return }
        for index in start..<end { output[index] = transform(items[index]) }
    }
    return results.map { $0! }
}
