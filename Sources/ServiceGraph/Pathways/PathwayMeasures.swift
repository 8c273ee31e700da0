import Foundation

/// The parameters of the §5.3 measures.
public struct PathwayOptions: Sendable, Equatable {
    public var granularity: Granularity
    /// W, the window around a transition and the gap that ends an episode, in days.
    public var windowDays: Double
    public var period: Period
    /// Where the data ends, for censoring discharges: `--to` if given, else the latest event
    /// time in the input.
    public var dataEnd: Timestamp?

    public init(granularity: Granularity = .professional, windowDays: Double = 30, period: Period = Period(),
                dataEnd: Timestamp? = nil) {
        self.granularity = granularity
        self.windowDays = windowDays
        self.period = period
        self.dataEnd = dataEnd
    }
}

/// Every §5.3 measure of one user's pathway.
public struct PathwayMeasures: Sendable, Equatable {
    public var user: String
    public var granularity: Granularity
    public var continuity: ContinuityIndices
    public var transitions: [LevelTransition]
    public var discharges: Int
    public var censoredDischarges: Int
    public var followupDays: [Double?]
    public var followup7d: Double?
    public var readmissions30d: Int
    public var referralWaitDays: [Double?]
    public var concurrencyMean: Double?
    public var concurrencyMax: Int?

    /// Totals over `transitions`; nil without visits.
    public var levelTransitions: Int? { continuity.contacts > 0 ? transitions.count : nil }
    public var upTransitions: Int? { levelTransitions.map { _ in transitions.filter(\.isUp).count } }
    public var downTransitions: Int? { levelTransitions.map { _ in transitions.filter { !$0.isUp }.count } }
    public var newFaces: Int? { levelTransitions.map { _ in transitions.reduce(0) { $0 + $1.newFaces } } }
    public var brokenRelations: Int? { levelTransitions.map { _ in transitions.reduce(0) { $0 + $1.broken } } }
    public var unbridgedTransitions: Int? { levelTransitions.map { _ in transitions.filter { !$0.bridged }.count } }
    /// Unbridged / transitions; nil without transitions.
    public var discontinuityIndex: Double? {
        transitions.isEmpty ? nil : Double(transitions.filter { !$0.bridged }.count) / Double(transitions.count)
    }
}

extension Pathway {
    /// The visits the measures count: contacts inside the period whose level is known.
    public func visits(in period: Period = Period()) -> [PathwayEvent] {
        events.filter { $0.kind == .contact && $0.level != nil && period.contains($0.time) }
    }

    /// Every §5.3 measure (continuity, transitions, discharges, concurrency) of this pathway.
    /// - Complexity: O(E log E + m · P + D): events, transitions × professionals, days.
    public func measures(_ options: PathwayOptions = PathwayOptions()) -> PathwayMeasures {
        let inPeriod = events.filter { options.period.contains($0.time) }
        let visits = inPeriod.filter { $0.kind == .contact && $0.level != nil }
        let window = Int64((options.windowDays * 86_400).rounded())
        let transitions = TransitionAnalysis(
            visits: visits, informationEvents: inPeriod.filter { $0.kind.carriesInformation }.map(\.time),
            windowSeconds: window)
        let discharges = DischargeAnalysis(events: inPeriod, visits: visits, dataEnd: options.dataEnd)
        let concurrency = Concurrency(visits: visits, windowSeconds: window)
        return PathwayMeasures(
            user: user, granularity: options.granularity,
            continuity: ContinuityIndices(providers: visits.map(options.granularity.provider(of:))),
            transitions: transitions.transitions, discharges: discharges.discharges,
            censoredDischarges: discharges.censored, followupDays: discharges.followupDays,
            followup7d: discharges.followup7d, readmissions30d: discharges.readmissions30d,
            referralWaitDays: discharges.referralWaitDays, concurrencyMean: concurrency.mean,
            concurrencyMax: concurrency.maximum)
    }
}
