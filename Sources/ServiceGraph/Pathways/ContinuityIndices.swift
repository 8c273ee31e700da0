import Foundation

/// Continuity-of-care indices of a sequence of visits, by provider (docs/pathways.md).
public struct ContinuityIndices: Sendable, Equatable {
    /// N, the number of visits.
    public let contacts: Int
    /// n, the number of distinct providers; nil without visits.
    public let providers: Int?
    /// Usual provider of care: max n_j / N (Breslau & Reeb 1975).
    public let upc: Double?
    /// Bice–Boxerman continuity of care: (Σ n_j² − N) / (N(N − 1)) (Bice & Boxerman 1977).
    public let coc: Double?
    /// Sequential continuity: #{i : p_i = p_{i+1}} / (N − 1) (Steinwachs 1979).
    public let secon: Double?
    /// Modified modified continuity index: (1 − n/(N + 0.1)) / (1 − 1/(N + 0.1)) (Magill & Senf 1987).
    public let mmci: Double?
    /// Herfindahl–Hirschman concentration of visits: Σ (n_j / N)².
    public let hhi: Double?
    /// #{i : p_i ≠ p_{i+1}}: how often the user was handed to another provider.
    public let handovers: Int?

    /// Example (the project's oracles): AAAABBBC gives coc 18/56 = 0.321429; visits Dr1, Dr1,
    /// Dr2 give secon 0.5; 5 visits split (3, 2) give mmci 0.756098.
    ///
    /// Degenerate cases: no visits → contacts 0, everything else nil; one visit → upc, hhi
    /// and mmci 1, coc and secon nil, handovers 0.
    /// - Complexity: O(N).
    public init<S: Sequence>(providers sequence: S) where S.Element: Hashable {
        let visits = Array(sequence)
        var counts: [S.Element: Int] = [:]
        for provider in visits { counts[provider, default: 0] += 1 }
        self.init(visits: visits, counts: Array(counts.values))
    }

    /// The same for providers that sort (the event-log engine's integer keys): counted on a
    /// sorted copy, no dictionary.
    init<P: Comparable>(sortable visits: [P]) {
        let sorted = visits.sorted()
        var counts: [Int] = []
        for (index, provider) in sorted.enumerated() {
            if index > 0 && provider == sorted[index - 1] { counts[counts.count - 1] += 1 } else { counts.append(1) }
        }
        self.init(visits: visits, counts: counts)
    }

    /// `visits` in order and how many visits each distinct provider has (in any order).
    private init<P: Equatable>(visits: [P], counts providerCounts: [Int]) {
        let total = visits.count
        contacts = total
        guard total > 0 else {
            (providers, upc, coc, secon, mmci, hhi, handovers) = (nil, nil, nil, nil, nil, nil, nil)
            return
        }
        let n = Double(total)
        providers = providerCounts.count
        upc = Double(providerCounts.max() ?? 0) / n
        // Σ n_j² / N² in integers: summing shares in dictionary order would make the last
        // digits depend on the order Swift happens to iterate in.
        let sumOfSquares = providerCounts.reduce(0) { $0 + $1 * $1 }
        hhi = Double(sumOfSquares) / (n * n)
        mmci = (1 - Double(providerCounts.count) / (n + 0.1)) / (1 - 1 / (n + 0.1))
        let same = zip(visits, visits.dropFirst()).filter { $0 == $1 }.count
        handovers = total - 1 - same
        if total >= 2 {
            coc = Double(sumOfSquares - total) / (n * (n - 1))
            secon = Double(same) / (n - 1)
        } else {
            coc = nil
            secon = nil
        }
    }
}
