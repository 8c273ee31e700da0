import Foundation

/// One dated event on a user's pathway (docs/pathways.md): a visit (`contact`) or a referral,
/// admission, discharge, message, epicrisis or meeting.
public struct PathwayEvent: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case contact, referral, admission, discharge, message, epicrisis, meeting

        /// Information passed between helpers: what can bridge a level transition.
        public var carriesInformation: Bool { self == .referral || self == .message || self == .epicrisis || self == .meeting }
    }

    public var user: NodeID
    public var time: Timestamp
    public var kind: Kind
    /// The professional who met the user or sent the event; nil for a visit to a service
    /// with no named professional.
    public var actor: String?
    /// The service of the visit, or where a referral, admission or discharge goes.
    public var service: String?
    /// A referral's target professional, when it names one.
    public var target: String?
    public var level: Level?
    /// Position in the input, to order events at the same time as written.
    public var sourceOrder: Int

    public init(user: NodeID, time: Timestamp, kind: Kind, actor: String? = nil, service: String? = nil,
                target: String? = nil, level: Level? = nil, sourceOrder: Int = 0) {
        self.user = user
        self.time = time
        self.kind = kind
        self.actor = actor
        self.service = service
        self.target = target
        self.level = level
        self.sourceOrder = sourceOrder
    }
}

/// What the pathway measures read of an event: `PathwayEvent`, with names as `String`s, or the
/// byte-level reader's `CompactEvent`, with names as ids. The measures are written once, on
/// this, and specialised for each.
protocol MeasuredEvent {
    associatedtype Name: Hashable & Comparable
    var eventTime: Timestamp { get }
    var eventKind: PathwayEvent.Kind { get }
    var eventLevel: Level? { get }
    var actorKey: Name? { get }
    var serviceKey: Name? { get }
    var targetKey: Name? { get }
}

extension PathwayEvent: MeasuredEvent {
    var eventTime: Timestamp { time }
    var eventKind: Kind { kind }
    var eventLevel: Level? { level }
    var actorKey: String? { actor }
    var serviceKey: String? { service }
    var targetKey: String? { target }
}

/// One user's time-ordered events.
public struct Pathway: Sendable, Equatable {
    public let user: NodeID
    /// Ordered by time, then by source order.
    public let events: [PathwayEvent]

    public init(user: NodeID, events: [PathwayEvent]) {
        self.user = user
        self.events = events.sorted { ($0.time, $0.sourceOrder) < ($1.time, $1.sourceOrder) }
    }
}

/// What a provider is, when counting continuity and handovers.
public enum Granularity: String, CaseIterable, Sendable {
    case professional, service, level

    /// The provider of a visit at this granularity. At `professional`, a visit with no named
    /// professional is one unnamed person per service, `<service>#unnamed`.
    public func provider(of visit: PathwayEvent) -> String {
        switch self {
        case .professional: visit.actor ?? ((visit.service ?? "") + "#unnamed")
        case .service: visit.service ?? visit.actor ?? "#unknown"
        case .level: visit.level?.rawValue ?? "unknown"
        }
    }
}
