import Foundation

/// A move between levels of care along a pathway: where organised discontinuity happens.
public struct LevelTransition: Sendable, Equatable {
    /// T_j, the time of the care event at which the care level changed.
    public let time: Timestamp
    /// The care level before and after, by rank: `municipal` (1), `dps` (2), `hospital` (3).
    public let from: Level
    public let to: Level
    /// Index of the first visit at or after `time` (the visit count when there is none).
    public let firstVisitAfter: Int
    /// Named professionals first met in the stretch that begins here, within the window after it.
    public let newFaces: Int
    /// Named professionals met both within the window before and within the window after.
    public let carried: Int
    /// Named professionals last met in the stretch before, within the window before.
    public let broken: Int
    /// Someone was carried across, or information was passed within the window.
    public let bridged: Bool
    /// The data end before the window after the transition closes: faces and broken relations
    /// cannot be seen in full, so the totals leave it out.
    public let censored: Bool

    public var isUp: Bool { to.rank > from.rank }
}

/// Level transitions of a pathway and the relations they make and break.
///
/// A transition happens at a care event e (a visit, an admission or a discharge, in pathway
/// order) when the care level c(e) is not none and the last not-none care level at an earlier
/// care event differs from it (`CareModel.careRank(at:)`); at most one per instant. With T_j its
/// time, k_j the index of the first visit at or after T_j (N if none), k_0 = 0, k_{m+1} = N, a
/// window W, and for each named professional p the indices f_p and l_p of p's first and last visit
/// (faces are people at every granularity; an unnamed visit is never a face):
/// - new faces = #{p : k_j ≤ f_p < k_{j+1} and time(f_p) ≤ T_j + W};
/// - broken = #{p : k_{j−1} ≤ l_p < k_j and time(l_p) ≥ T_j − W};
/// - carried = #{p : p has a visit of index < k_j at time ≥ T_j − W and one of index ≥ k_j at
///   time ≤ T_j + W};
/// - bridged = carried > 0, or a referral, message, epicrisis or meeting in [T_j − W, T_j + W];
/// - censored = T_j + W > the data end.
///
/// Example (W = 30 days): gp 01-01, gp 01-20 (municipal), psy 02-10, psy 02-24 (DPS), an admission
/// and doc 03-01 (hospital), the discharge 03-15, gp 03-20, gp 04-30. The municipal episode runs
/// 01-01…04-30, so the DPS visits raise the care level without the GP leaving it: transitions on
/// 02-10 municipal → dps (new 1), 03-01 dps → hospital (new 1, broken 1: psy) and 03-20
/// hospital → municipal (broken 1: doc), none carried or bridged.
/// Concurrent care — a nurse weekly all year, a psychologist fortnightly 03-05…05-28 — gives 14
/// level switches between consecutive visits but two transitions, both carried by the nurse.
/// - Complexity: O((E + m · P) log N) for E care events, m transitions, P named professionals.
/// - Source: Nyttingnes & Skjerve (2005) on organised discontinuity; the indices are the
///   project's operationalisation.
struct TransitionAnalysis {
    let transitions: [LevelTransition]
    /// Whether some care event had a care level (`PathwayMeasures.wasInCare`).
    let wasInCare: Bool

    /// `careEvents` are the visits, admissions and discharges in pathway order; `visits` the
    /// visits alone; `informationTimes` the times of referrals, messages, epicrises and meetings.
    init<E: MeasuredEvent>(careEvents: [E], visits: [E], care: CareModel, informationTimes: [Timestamp],
                           windowSeconds: Int64, dataEnd: Timestamp?) {
        // Where the care level changes.
        var points: [(time: Timestamp, from: Int, to: Int)] = []
        var previous: Int?
        for event in careEvents {
            let time = event.eventTime
            guard let rank = care.careRank(at: time) else { continue }
            if let previous, previous != rank { points.append((time, previous, rank)) }
            previous = rank
        }
        wasInCare = previous != nil
        guard !points.isEmpty else {
            transitions = []
            return
        }
        let times = visits.map(\.eventTime.secondsSinceEpoch)
        let ks = points.map { point in times.partitioningIndex { $0 >= point.time.secondsSinceEpoch } }

        // Each named professional's visit indices, in order: `own[groups[g]..<groups[g + 1]]`.
        var byActor: [(actor: E.Name, index: Int)] = []
        for (index, visit) in visits.enumerated() {
            if let actor = visit.actorKey { byActor.append((actor, index)) }
        }
        byActor.sort { $0.actor < $1.actor || ($0.actor == $1.actor && $0.index < $1.index) }
        let own = byActor.map(\.index)
        var groups: [Int] = []
        for position in byActor.indices where position == 0 || byActor[position].actor != byActor[position - 1].actor {
            groups.append(position)
        }
        groups.append(byActor.count)
        let information = informationTimes.map(\.secondsSinceEpoch).sorted()

        var result: [LevelTransition] = []
        for (j, point) in points.enumerated() {
            let t = point.time.secondsSinceEpoch
            let before = t - windowSeconds, after = t + windowSeconds
            let k = ks[j]
            let previousK = j == 0 ? 0 : ks[j - 1]
            let nextK = j + 1 < ks.count ? ks[j + 1] : visits.count
            var newFaces = 0, broken = 0, carried = 0
            for group in 0..<(groups.count - 1) {
                let lower = groups[group], upper = groups[group + 1]
                let first = own[lower], last = own[upper - 1]
                if first >= k && first < nextK && times[first] <= after { newFaces += 1 }
                if last >= previousK && last < k && times[last] >= before { broken += 1 }
                // The last visit before k_j and the first at or after it.
                var low = lower, high = upper
                while low < high {
                    let middle = (low + high) / 2
                    if own[middle] >= k { high = middle } else { low = middle + 1 }
                }
                if low > lower && low < upper && times[own[low - 1]] >= before && times[own[low]] <= after {
                    carried += 1
                }
            }
            let firstInformation = information.partitioningIndex { $0 >= before }
            let informed = firstInformation < information.count && information[firstInformation] <= after
            guard let from = Level(careRank: point.from), let to = Level(careRank: point.to) else { continue }
            result.append(LevelTransition(
                time: point.time, from: from, to: to, firstVisitAfter: k, newFaces: newFaces, carried: carried,
                broken: broken, bridged: carried > 0 || informed,
                censored: dataEnd.map { after > $0.secondsSinceEpoch } ?? false))
        }
        transitions = result
    }
}

extension PathwayMeasures {
    /// The last visit of each relation a transition broke (an index into `visits`, the measured
    /// visits), with whether that transition was censored; a relation broken at an uncensored
    /// transition counts as uncensored.
    public func brokenRelationVisits(_ visits: [PathwayEvent], windowDays: Double) -> [Int: Bool] {
        let window = Int64((windowDays * 86_400).rounded())
        var last: [String: Int] = [:]
        for (index, visit) in visits.enumerated() { if let actor = visit.actor { last[actor] = index } }
        var result: [Int: Bool] = [:]
        for (j, transition) in transitions.enumerated() {
            let previousK = j == 0 ? 0 : transitions[j - 1].firstVisitAfter
            let before = transition.time.secondsSinceEpoch - window
            for l in last.values where l >= previousK && l < transition.firstVisitAfter
                && visits[l].time.secondsSinceEpoch >= before {
                result[l] = (result[l] ?? true) && transition.censored
            }
        }
        return result
    }
}

extension Array {
    /// The index of the first element for which `predicate` holds, in an array where it holds
    /// for a suffix (binary search); `count` if for none.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
