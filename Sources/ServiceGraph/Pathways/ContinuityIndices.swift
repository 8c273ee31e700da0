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
        self.init(visits: visits, counts: counts.values)
    }

    /// The same for providers that sort (the event-log engine's integer keys): once the
    /// consecutive pairs are counted, the visits are sorted in place and each provider's visits
    /// are a run of them; no dictionary, no array of counts.
    init<P: Comparable>(sortable keys: consuming [P]) {
        var visits = keys
        let same = Self.consecutiveSame(visits)
        visits.sort()
        var counts = ProviderCounts()
        var run = 0
        for (index, provider) in visits.enumerated() {
            if index > 0 && provider != visits[index - 1] {
                counts.add(run)
                run = 0
            }
            run += 1
        }
        if run > 0 { counts.add(run) }
        self.init(total: visits.count, same: same, counts: counts)
    }

    /// `visits` in order and how many visits each distinct provider has (in any order).
    private init<P: Equatable, C: Sequence<Int>>(visits: [P], counts providerCounts: C) {
        var counts = ProviderCounts()
        for count in providerCounts { counts.add(count) }
        self.init(total: visits.count, same: Self.consecutiveSame(visits), counts: counts)
    }

    /// #{i : p_i = p_{i+1}}.
    private static func consecutiveSame<P: Equatable>(_ visits: [P]) -> Int {
        zip(visits, visits.dropFirst()).count { $0 == $1 }
    }

    /// The distinct providers' visit counts, as the indices need them.
    private struct ProviderCounts {
        var distinct = 0, largest = 0, sumOfSquares = 0

        mutating func add(_ count: Int) {
            distinct += 1
            largest = max(largest, count)
            sumOfSquares += count * count
        }
    }

    /// `total` visits, `same` consecutive pairs with one provider, and the providers' counts.
    private init(total: Int, same: Int, counts: ProviderCounts) {
        contacts = total
        guard total > 0 else {
            (providers, upc, coc, secon, mmci, hhi, handovers) = (nil, nil, nil, nil, nil, nil, nil)
            return
        }
        let n = Double(total)
        providers = counts.distinct
        upc = Double(counts.largest) / n
        // Σ n_j² / N² in integers: summing shares in dictionary order would make the last
        // digits depend on the order Swift happens to iterate in.
        let sumOfSquares = counts.sumOfSquares
        hhi = Double(sumOfSquares) / (n * n)
        mmci = (1 - Double(counts.distinct) / (n + 0.1)) / (1 - 1 / (n + 0.1))
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
