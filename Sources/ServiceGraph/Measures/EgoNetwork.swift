import Foundation

/// Structural-hole measures of the user on the ego network E = G[{u} ∪ H].
struct EgoNetwork {
    let effectiveSize: Double
    let efficiency: Double
    let constraint: Double

    /// - Parameters:
    ///   - helpers: the helpers' indices; the user is tied to each of them by definition.
    ///   - graph: the full simple graph, for the ties among helpers.
    ///
    /// **Effective size** = n − 2t/n, t the ties among helpers (Borgatti's shortcut for
    /// unweighted, undirected ego networks of Burt's redundancy measure); **efficiency** =
    /// effective size / n. **Constraint** of u as NetworkX computes it: Σ_j (p_uj + Σ_q p_uq
    /// p_qj)², with p_xy = 1 / deg_E(x) for each tie (unweighted mutual weights, normalised
    /// over x's ties). Example (docs/measures.md): five helpers with ties gp–pn, gp–psy, psy–doc give
    /// effective size 5 − 6/5 = 3.8, efficiency 0.76, constraint 0.451111.
    ///
    /// Degenerate case: one helper → 1, 1, 1. Call only with at least one helper.
    /// - Complexity: O(n²) adjacency tests.
    /// - Source: Burt, R. S. (1992). Structural Holes. Harvard University Press; Borgatti, S. P.
    ///   (1997). Structural holes: unpacking Burt's redundancy measures. Connections 20(1), 35–38.
    init(helpers: [Int], in graph: SimpleGraph) {
        let n = helpers.count
        var adjacent = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
        var ties = 0
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) where graph.hasEdge(helpers[i], helpers[j]) {
                adjacent[i][j] = true
                adjacent[j][i] = true
                ties += 1
            }
        }
        effectiveSize = Double(n) - 2 * Double(ties) / Double(n)
        efficiency = effectiveSize / Double(n)
        // In E every helper is tied to the user and to its helper neighbours.
        let degree = adjacent.map { 1 + $0.filter { $0 }.count }
        let pUser = 1 / Double(n)
        var total = 0.0
        for j in 0..<n {
            var indirect = 0.0
            for q in 0..<n where adjacent[q][j] { indirect += pUser / Double(degree[q]) }
            total += (pUser + indirect) * (pUser + indirect)
        }
        constraint = total
    }
}
