import Foundation

/// Follow-up after discharge, readmissions and referral waits (DESIGN §5.3).
///
/// For each discharge at rank ≥ 2 (DPS or hospital) at time D: follow-up = days until the
/// first visit at rank 1 at or after D, nil if none; it is **censored** when there is no
/// such visit within 7 days and the data ends less than 7 days after D (we cannot know).
/// followup_7d = #{follow-up ≤ 7} / (discharges − censored). Readmissions: admissions at
/// rank ≥ 2 strictly after a discharge at rank ≥ 2 and at most 30 × 24 h after it (an
/// admission at the very time of a discharge is a transfer, not a readmission). Referral
/// wait: days from a referral to the first visit to its target (professional or service) at
/// or after it, nil if none.
///
/// Example (DESIGN §5.3): discharge 03-15 from hospital, next municipal visit 03-20 → follow-up
/// 5.0 days, followup_7d 1.0.
/// - Complexity: O(E log E) for E events.
/// - Source: the 7-day follow-up after psychiatric discharge is a common quality indicator
///   (e.g. HEDIS FUH); suicides after discharge with no follow-up are among the failure points
///   the collaboration study names.
struct DischargeAnalysis {
    var discharges = 0
    var censored = 0
    var followupDays: [Double?] = []
    var followup7d: Double?
    var readmissions30d = 0
    var referralWaitDays: [Double?] = []

    init(events: [PathwayEvent], visits: [PathwayEvent], dataEnd: Timestamp?) {
        let firstLine = visits.filter { $0.level?.rank == 1 }.map(\.time)
        let secondLineDischarges = events.filter { $0.kind == .discharge && ($0.level?.rank ?? 0) >= 2 }.map(\.time)
        var withinSeven = 0
        for discharge in secondLineDischarges {
            discharges += 1
            let next = firstLine.first { $0 >= discharge }
            let days = next.map { discharge.days(to: $0) }
            followupDays.append(days)
            let followedUp = days.map { $0 <= 7.0 } ?? false
            if followedUp {
                withinSeven += 1
            } else if let dataEnd, discharge.days(to: dataEnd) < 7 {
                censored += 1
            }
        }
        followup7d = discharges - censored > 0 ? Double(withinSeven) / Double(discharges - censored) : nil

        let admissions = events.filter { $0.kind == .admission && ($0.level?.rank ?? 0) >= 2 }.map(\.time)
        readmissions30d = admissions.filter { admission in
            secondLineDischarges.contains { admission > $0 && $0.days(to: admission) <= 30 }
        }.count

        for referral in events where referral.kind == .referral && (referral.target != nil || referral.service != nil) {
            let visit = visits.first { visit in
                visit.time >= referral.time
                    && (referral.target.map { visit.actor == $0 } ?? (visit.service == referral.service))
            }
            referralWaitDays.append(visit.map { referral.time.days(to: $0.time) })
        }
    }
}
