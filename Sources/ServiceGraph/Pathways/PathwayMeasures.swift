import Foundation

/// The parameters of the pathway measures.
public struct PathwayOptions: Sendable, Equatable {
    public var granularity: Granularity
    /// W, the window around a level transition, in days.
    public var windowDays: Double
    /// G, the episode gap: a gap between visits longer than this ends a care episode, in days.
    public var episodeGapDays: Double
    public var period: Period
    /// Where the data ends, for censoring: `--to` if given (its last second, for a date alone),
    /// else the latest event time in the input, all users.
    public var dataEnd: Timestamp?

    public init(granularity: Granularity = .professional, windowDays: Double = 30, episodeGapDays: Double = 60,
                period: Period = Period(), dataEnd: Timestamp? = nil) {
        self.granularity = granularity
        self.windowDays = windowDays
        self.episodeGapDays = episodeGapDays
        self.period = period
        self.dataEnd = dataEnd
    }

    var windowSeconds: Int64 { Int64((windowDays * 86_400).rounded()) }
    var episodeGapSeconds: Int64 { Int64((episodeGapDays * 86_400).rounded()) }
}

/// Every pathway measure of one user: continuity, where the user was cared for, the level
/// transitions, follow-up after discharge, referral waits and concurrency.
public struct PathwayMeasures: Sendable, Equatable {
    public var user: NodeID
    public var granularity: Granularity
    public var continuity: ContinuityIndices
    /// #{k ≥ 1 : rank(level_{k−1}) ≠ rank(level_k)}: how often consecutive visits alternate
    /// between levels. High under concurrent care; not a transition count. Nil without visits.
    public var levelSwitches: Int?
    /// Stays, chains, care episodes: what the transitions and discharges are taken on.
    public var care: CareModel
    /// Every level transition, censored ones included.
    public var transitions: [LevelTransition]
    /// Whether the user was in care at some care event (a visit, admission or discharge at a time
    /// when a stay or care episode was open). The transition totals are nil when not.
    public var wasInCare: Bool
    /// One per index discharge, in time order.
    public var dischargeOutcomes: [DischargeOutcome]
    public var referralWaitDays: [Double?]
    public var concurrencyMean: Double?
    public var concurrencyMax: Int?
    /// The `--by` period these were measured in (`2024Q1`); nil when not by period.
    public var period: String?

    // Counted where they are, with no array made: a million users' rows spent a tenth of their
    // time making and freeing the small arrays of filters.
    private var uncensored: LazyFilterSequence<[LevelTransition]> { transitions.lazy.filter { !$0.censored } }
    private func total(_ value: @autoclosure () -> Int) -> Int? { wasInCare ? value() : nil }

    public var levelTransitions: Int? { total(transitions.count) }
    public var upTransitions: Int? { total(transitions.count(where: \.isUp)) }
    public var downTransitions: Int? { total(transitions.count { !$0.isUp }) }
    public var censoredTransitions: Int? { total(transitions.count(where: \.censored)) }
    /// Over the uncensored transitions.
    public var newFaces: Int? { total(uncensored.reduce(0) { $0 + $1.newFaces }) }
    /// Over the uncensored transitions.
    public var brokenRelations: Int? { total(uncensored.reduce(0) { $0 + $1.broken }) }
    /// Over the uncensored transitions.
    public var unbridgedTransitions: Int? { total(uncensored.count { !$0.bridged }) }
    /// Unbridged / uncensored transitions; nil without an uncensored transition.
    public var discontinuityIndex: Double? {
        let counted = transitions.count { !$0.censored }
        return counted == 0 ? nil : Double(uncensored.count { !$0.bridged }) / Double(counted)
    }

    /// Index discharges.
    public var discharges: Int { dischargeOutcomes.count }
    public var transfers: Int { care.transfers }
    /// Index discharges censored for 7 days.
    public var censoredDischarges: Int { dischargeOutcomes.count { $0.isCensored(horizon: 7) } }
    public var followupDays: [Double?] { dischargeOutcomes.map(\.followupDays) }
    public var followupMunicipalDays: [Double?] { dischargeOutcomes.map(\.followupMunicipalDays) }
    public var followup7d: Double? { followupShare(horizon: 7) }
    public var followup30d: Double? { followupShare(horizon: 30) }
    public var followupMunicipal7d: Double? { followupShare(horizon: 7, municipal: true) }
    public var readmissions30d: Int { dischargeOutcomes.count(where: \.readmitted) }
    /// Readmissions / (discharges − those not readmitted with less than 30 days of data after).
    public var readmissionRate30d: Double? {
        let counted = dischargeOutcomes.count { $0.readmitted || !($0.observedDays.map { $0 < 30 } ?? false) }
        return counted == 0 ? nil : Double(readmissions30d) / Double(counted)
    }

    /// #{follow-up ≤ H} / (discharges − censored for H); nil when that is 0.
    private func followupShare(horizon: Double, municipal: Bool = false) -> Double? {
        let counted = dischargeOutcomes.count { !$0.isCensored(horizon: horizon, municipal: municipal) }
        guard counted > 0 else { return nil }
        let within = dischargeOutcomes.count { ((municipal ? $0.followupMunicipalDays : $0.followupDays) ?? .infinity) <= horizon }
        return Double(within) / Double(counted)
    }
}

extension Pathway {
    /// The visits the measures count: contacts inside the period whose level is known, in
    /// pathway order (time, then as written).
    public func visits(in period: Period = Period()) -> [PathwayEvent] {
        events.filter { $0.kind == .contact && $0.level != nil && period.contains($0.time) }
    }

    /// Every pathway measure of this pathway.
    ///
    /// Visits are the contacts inside the period of known level, in time order and then as
    /// written; rows at one instant are taken as written (an admission, a contact and a
    /// discharge at one time open a stay, visit in it and close it). The provider of a visit is
    /// taken at `options.granularity`.
    /// - Complexity: O(E · S + (E + m · P) log N + D · N + days) — see the parts.
    public func measures(_ options: PathwayOptions = PathwayOptions()) -> PathwayMeasures {
        PathwayMeasures(user: user, events: events, options: options, provider: options.granularity.provider(of:),
                        service: Granularity.service.provider(of:), serviceName: { $0 })
    }
}

extension PathwayMeasures {
    /// The measures of one user's `events` (in pathway order) of any form: `provider` keys each
    /// visit's provider at the granularity and `service` its service as `Granularity.service`
    /// names it (keys equal exactly when those names are), `serviceName` names a stay's service.
    init<E: MeasuredEvent, P: Comparable, S: Comparable>(
        user: NodeID, events: [E], options: PathwayOptions, provider: (E) -> P, service: (E) -> S,
        serviceName: (E.Name?) -> String?
    ) {
        let inPeriod = options.period.isUnbounded ? events : events.filter { options.period.contains($0.eventTime) }
        let visits = inPeriod.filter { $0.eventKind == .contact && $0.eventLevel != nil }
        let care = CareModel(events: inPeriod, visits: visits, episodeGapSeconds: options.episodeGapSeconds,
                             dataEnd: options.dataEnd, serviceName: serviceName)
        let careEvents = inPeriod.filter {
            ($0.eventKind == .contact && $0.eventLevel != nil) || $0.eventKind == .admission || $0.eventKind == .discharge
        }
        let transitions = TransitionAnalysis(
            careEvents: careEvents, visits: visits, care: care,
            informationTimes: inPeriod.filter { $0.eventKind.carriesInformation }.map(\.eventTime),
            windowSeconds: options.windowSeconds, dataEnd: options.dataEnd)
        let discharges = DischargeAnalysis(events: inPeriod, visits: visits, care: care, dataEnd: options.dataEnd)
        let concurrency = Concurrency(visits: visits, episodeGapSeconds: options.episodeGapSeconds, service: service)
        self.init(
            user: user, granularity: options.granularity,
            continuity: ContinuityIndices(sortable: visits.map(provider)),
            levelSwitches: visits.isEmpty ? nil : zip(visits, visits.dropFirst()).count { $0.eventLevel?.rank != $1.eventLevel?.rank },
            care: care, transitions: transitions.transitions,
            wasInCare: transitions.wasInCare,
            dischargeOutcomes: discharges.outcomes, referralWaitDays: discharges.referralWaitDays,
            concurrencyMean: concurrency.mean, concurrencyMax: concurrency.maximum)
    }
}
