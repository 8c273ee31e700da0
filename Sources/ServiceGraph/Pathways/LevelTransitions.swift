import Foundation

/// A step between levels of care along a pathway: where organised discontinuity happens.
public struct LevelTransition: Sendable, Equatable {
    public let time: Timestamp
    public let from: Level
    public let to: Level
    /// Named professionals first met in this stretch, within the window after it.
    public let newFaces: Int
    /// Named professionals met both within the window before and within the window after.
    public let carried: Int
    /// Named professionals last met in the stretch before, within the window before.
    public let broken: Int
    /// Someone was carried across, or information was passed within the window.
    public let bridged: Bool

    public var isUp: Bool { to.rank > from.rank }
}

/// Level transitions of a visit sequence and the relations they make and break (DESIGN §5.3).
///
/// A transition happens at visit k when rank(level_{k−1}) ≠ rank(level_k) (municipal and state
/// share a rank, so a step between them is none). With k_1 < … < k_m the transition indices,
/// T_j the time of visit k_j, k_0 = 0, k_{m+1} = N and a window W, for named professionals p
/// with first and last visits f_p and l_p:
/// new faces = #{p : k_j ≤ f_p < k_{j+1}, time(f_p) ≤ T_j + W};
/// broken = #{p : k_{j−1} ≤ l_p < k_j, time(l_p) ≥ T_j − W};
/// carried = #{p : a visit of index < k_j at time ≥ T_j − W and one of index ≥ k_j at time ≤ T_j + W};
/// bridged = carried > 0 or a referral, message, epicrisis or meeting within [T_j − W, T_j + W].
///
/// Example (DESIGN §5.3, W = 30 days): gp, gp (municipal), psy, psy (DPS), doc (hospital), gp
/// gives transitions on 02-10 (new 1), 03-01 (new 1, broken 1) and 03-20 (broken 1), none bridged.
/// - Complexity: O(N + m · P) for P named professionals.
/// - Source: Nyttingnes & Skjerve (2005) on organised discontinuity; the indices are the
///   project's operationalisation.
struct TransitionAnalysis {
    let transitions: [LevelTransition]

    init(visits: [PathwayEvent], informationEvents: [Timestamp], windowSeconds: Int64) {
        let ranks = visits.map { $0.level?.rank ?? -1 }
        let indices = (1..<max(1, visits.count)).filter { ranks[$0 - 1] != ranks[$0] }
        var first: [String: Int] = [:], last: [String: Int] = [:], visitsOf: [String: [Int]] = [:]
        for (index, visit) in visits.enumerated() {
            guard let actor = visit.actor else { continue }  // an unnamed visit is never a face
            if first[actor] == nil { first[actor] = index }
            last[actor] = index
            visitsOf[actor, default: []].append(index)
        }
        let sortedInformation = informationEvents.sorted()
        var result: [LevelTransition] = []
        for (j, k) in indices.enumerated() {
            let t = visits[k].time.secondsSinceEpoch
            let before = t - windowSeconds, after = t + windowSeconds
            let previous = j == 0 ? 0 : indices[j - 1]
            let next = j + 1 < indices.count ? indices[j + 1] : visits.count
            var newFaces = 0, broken = 0, carried = 0
            for (actor, f) in first where f >= k && f < next && visits[f].time.secondsSinceEpoch <= after {
                _ = actor
                newFaces += 1
            }
            for (_, l) in last where l >= previous && l < k && visits[l].time.secondsSinceEpoch >= before {
                broken += 1
            }
            for (_, own) in visitsOf {
                let hasBefore = own.contains { $0 < k && visits[$0].time.secondsSinceEpoch >= before }
                let hasAfter = own.contains { $0 >= k && visits[$0].time.secondsSinceEpoch <= after }
                if hasBefore && hasAfter { carried += 1 }
            }
            let informed = sortedInformation.contains { $0.secondsSinceEpoch >= before && $0.secondsSinceEpoch <= after }
            if let from = visits[k - 1].level, let to = visits[k].level {
                result.append(LevelTransition(time: visits[k].time, from: from, to: to, newFaces: newFaces,
                                              carried: carried, broken: broken, bridged: carried > 0 || informed))
            }
        }
        transitions = result
    }
}
