import Foundation

/// What followed one index discharge: the follow-up visits and whether the user was readmitted.
public struct DischargeOutcome: Sendable, Equatable {
    /// D, the index discharge (the latest discharge of a closed chain of stays).
    public let time: Timestamp
    /// Days (fractional) from D to the first visit at a health-care level (municipal, DPS or
    /// hospital — not `state`) on a later calendar day and inside no stay; nil if none.
    public let followupDays: Double?
    /// The same for the first such visit at level `municipal`.
    public let followupMunicipalDays: Double?
    /// An admission at rank ≥ 2 in (D, D + 30 days].
    public let readmitted: Bool
    /// Days from D to the data end; nil when the data end is not known.
    public let observedDays: Double?

    /// No follow-up within `horizon` days, and the data end less than `horizon` days after D:
    /// whether it came cannot be known.
    public func isCensored(horizon: Double, municipal: Bool = false) -> Bool {
        let days = municipal ? followupMunicipalDays : followupDays
        let followedUp = days.map { $0 <= horizon } ?? false
        return !followedUp && (observedDays.map { $0 < horizon } ?? false)
    }
}

/// Follow-up after discharge, readmissions and referral waits.
///
/// For each index discharge D (`CareModel`), in time order: the first visit v at a health-care
/// level (`municipal`, `dps` or `hospital`; a NAV or county-governor contact, level `state`, is not
/// follow-up) with date(v) > date(D) — not the day of discharge, as in HEDIS FUH — and time(v)
/// inside no stay (a visit at the instant of an admission is inside it). The follow-up share
/// within H days is #{follow-up ≤ H} / (discharges − censored for H), nil when that is 0; a
/// discharge is censored for H when it has no follow-up within H days and the data end less than
/// H days after it. D is readmitted when an admission at rank ≥ 2 has time in (D, D + 30 days];
/// the readmission rate leaves out the discharges not readmitted whose data end is less than 30
/// days after them.
///
/// Referral wait: for each referral whose target is a professional or a service, in time order,
/// days until the first visit to that target at or after it (a visit by that professional, else
/// one whose service is it); nil if none.
///
/// Example: discharge from the acute ward 03-15, the GP 03-20 → follow-up 5.0 days, 7-day and
/// 30-day follow-up 1.0; a DPS ward after the acute stay (a transfer) is counted from the DPS
/// discharge instead.
/// - Complexity: O(D · (N + S) + R · N) for D discharges, N visits, S stays, R referrals.
/// - Source: 7- and 30-day follow-up after psychiatric discharge (HEDIS FUH, with its direct-
///   transfer rule); suicides after discharge with no follow-up are among the failure points the
///   collaboration study names.
struct DischargeAnalysis {
    let outcomes: [DischargeOutcome]
    let referralWaitDays: [Double?]

    init<E: MeasuredEvent>(events: [E], visits: [E], care: CareModel, dataEnd: Timestamp?) {
        let admissions = events.filter { $0.eventKind == .admission && ($0.eventLevel?.rank ?? 0) >= 2 }.map(\.eventTime)
        outcomes = care.indexDischarges.map { discharge in
            let later = visits.lazy.filter {
                $0.eventTime.dayNumber > discharge.dayNumber && !care.isInsideStay($0.eventTime)
            }
            let any = later.first { $0.eventLevel.map(\.isHealthCare) ?? false }
            let municipal = later.first { $0.eventLevel == .municipal }
            let readmitted = admissions.contains { $0 > discharge && discharge.days(to: $0) <= 30 }
            return DischargeOutcome(time: discharge, followupDays: any.map { discharge.days(to: $0.eventTime) },
                                    followupMunicipalDays: municipal.map { discharge.days(to: $0.eventTime) },
                                    readmitted: readmitted, observedDays: dataEnd.map { discharge.days(to: $0) })
        }
        var waits: [Double?] = []
        for referral in events where referral.eventKind == .referral && (referral.targetKey != nil || referral.serviceKey != nil) {
            let time = referral.eventTime, target = referral.targetKey, service = referral.serviceKey
            let visit = visits.first { visit in
                visit.eventTime >= time && (target.map { visit.actorKey == $0 } ?? (visit.serviceKey == service))
            }
            waits.append(visit.map { time.days(to: $0.eventTime) })
        }
        referralWaitDays = waits
    }
}

extension Level {
    /// Municipal, DPS or hospital: a level whose visit is follow-up (not `state`, not `civil`).
    var isHealthCare: Bool {
        switch self {
        case .municipal, .dps, .hospital: true
        case .civil, .state: false
        }
    }
}
