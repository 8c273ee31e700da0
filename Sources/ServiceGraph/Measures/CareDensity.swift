import Foundation

/// How many users each pair of helpers shares: the patient-sharing network behind care density.
struct CareSharing {
    private var usersOfHelper: [NodeID: Set<Int>] = [:]

    init(helperSets: [[NodeID]]) {
        for (user, helpers) in helperSets.enumerated() {
            for helper in helpers { usersOfHelper[helper, default: []].insert(user) }
        }
    }

    func shared(_ a: NodeID, _ b: NodeID) -> Int {
        guard let first = usersOfHelper[a], let second = usersOfHelper[b] else { return 0 }
        return first.intersection(second).count
    }

    /// Pollack's care density of a user with these helpers: the mean, over pairs of helpers,
    /// of the number of users the pair shares.
    ///
    /// Example (Pollack et al. 2013): users 1:{A,C,D}, 2:{A,D}, 3:{A,D}, 4:{D}, 5:{C}; user
    /// 1's pairs AC, AD, CD share 1, 3, 1 users: 5/3 = 1.666667; users 2 and 3 → 3.
    ///
    /// Degenerate case: fewer than two helpers → nil (no pairs).
    /// - Complexity: O(n² · u) for n helpers and u users per helper.
    /// - Source: Pollack, C. E. et al. (2013). Patient sharing among physicians and costs of
    ///   care: a network analytic approach to care coordination using claims data. Journal of
    ///   General Internal Medicine 28(3), 459–465.
    func careDensity(of helpers: [NodeID]) -> Double? {
        let n = helpers.count
        guard n >= 2 else { return nil }
        var sum = 0
        for i in 0..<n { for j in (i + 1)..<n { sum += shared(helpers[i], helpers[j]) } }
        return Double(sum) / Double(n * (n - 1) / 2)
    }

    /// Shared-user sums per level pair (a helper without a level on the `unknown` side): the
    /// connection-specific sums of Engels et al. (2024).
    func sharedByLevelPair(of helpers: [NodeID], levels: LevelResolution) -> [LevelPair: Int] {
        var sums: [LevelPair: Int] = [:]
        let n = helpers.count
        guard n >= 2 else { return sums }
        for i in 0..<n {
            for j in (i + 1)..<n {
                sums[LevelPair(levels[helpers[i]], levels[helpers[j]]), default: 0] += shared(helpers[i], helpers[j])
            }
        }
        return sums
    }
}

/// Weights per pair of levels for the fragmented care density (`--fcd-weights FILE`, lines
/// `level_a,level_b,weight`).
public struct LevelPairWeights: Sendable, Equatable {
    public private(set) var weights: [LevelPair: Double]

    public init(_ weights: [LevelPair: Double]) { self.weights = weights }

    /// Engels' fragmented care density: Σ_k w_k · S_k / (n(n − 1)/2), S_k the shared-user sum
    /// over helper pairs of level pair k.
    ///
    /// Degenerate case: fewer than two helpers → nil.
    /// - Source: Engels, A. et al. (2024). Development and validation of the fragmented care
    ///   density index. BMC Medical Research Methodology 24, 4.
    func fragmentedCareDensity(sharedByPair: [LevelPair: Int], helperCount n: Int) throws(MeasureError) -> Double? {
        guard n >= 2 else { return nil }
        var total = 0.0
        for (pair, shared) in sharedByPair.sorted(by: { $0.key < $1.key }) {
            guard let weight = weights[pair] else { throw .missingWeight(levelPair: pair) }
            total += weight * Double(shared)
        }
        return total / Double(n * (n - 1) / 2)
    }
}
