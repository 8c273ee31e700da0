import Foundation

/// The seven functional requirements of the national guidance on organising municipal
/// mental-health work, in its order (docs/requirements.md). The guidance recommends no
/// organisation model; it asks each municipality to judge itself against these.
public enum Requirement: String, CaseIterable, Sendable {
    /// A service the user experiences as holistic and coordinated.
    case coordinated
    /// A good professional milieu.
    case professionalMilieu = "professional_milieu"
    /// The user treated with respect, trusting the helpers and consulted.
    case respect
    /// Work on a shared foundation of values: not structural, never scored.
    case sharedValues = "shared_values"
    /// Continuity through stable relations and as few people as possible.
    case continuity
    /// Those who need help get it: mental-health work visible in the organisation.
    case visible
    /// Sufficient services, in line with the rights the law gives.
    case sufficient

    /// Its number in the guidance's list, from 1.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// The requirement's heading for a reader, in the guidance's own wording.
    public func heading(_ language: Language) -> String { language.requirements.heading(self) }
}

/// What an indicator is: its JSON key and CSV value, in the order a scorecard lists them.
public enum IndicatorKey: String, CaseIterable, Sendable {
    case coordinatorReach = "coordinator_reach"
    case helperGroups = "helper_groups"
    case fragmentation
    case keyHelper = "key_helper"
    case forums
    case mhForums = "mh_forums"
    case mhPartners = "mh_partners"
    case informalTies = "informal_ties"
    case mhFTE = "mh_fte"
    case mhFTEPer1000 = "mh_fte_per_1000"
    case mhUnits = "mh_units"
    case largestMHUnit = "largest_mh_unit"
    case interMunicipal = "inter_municipal"
    case voiceInForum = "voice_in_forum"
    case relatives
    case coordinator
    case helpers
    case handovers
    case coc
    case upc
    case discontinuityIndex = "discontinuity_index"
    case brokenRelations = "broken_relations"
    case followup7d = "followup_7d"
    case mhMarked = "mh_marked"
    case mhHelpers = "mh_helpers"
    case mhFormalLevel = "mh_formal_level"
    case placementModel = "placement_model"
    case entryPoints = "entry_points"
    case purchaserHandOffs = "purchaser_hand_offs"
    case serviceKinds = "service_kinds"
    case outOfHours = "out_of_hours"

    /// The requirement the indicator speaks to.
    public var requirement: Requirement {
        switch self {
        case .coordinatorReach, .helperGroups, .fragmentation, .keyHelper, .forums, .mhForums, .mhPartners, .informalTies:
            .coordinated
        case .mhFTE, .mhFTEPer1000, .mhUnits, .largestMHUnit, .interMunicipal: .professionalMilieu
        case .voiceInForum, .relatives, .coordinator: .respect
        case .helpers, .handovers, .coc, .upc, .discontinuityIndex, .brokenRelations, .followup7d: .continuity
        case .mhMarked, .mhHelpers, .mhFormalLevel, .placementModel, .entryPoints, .purchaserHandOffs: .visible
        case .serviceKinds, .outOfHours: .sufficient
        }
    }
}

/// The kinds of service the guidance's "sufficient services" asks to be present and reachable.
public enum ServiceKind: String, CaseIterable, Sendable {
    case gp
    case homeServices = "home_services"
    case mentalHealth = "mental_health"
    case nav
    case housing
    case dps
}

/// When help is there outside office hours, as the data say it.
public enum OutOfHours: String, CaseIterable, Sendable {
    case evening, night, weekend
}

/// One indicator of one requirement: its value, or none when the data do not hold what it
/// needs (never a bad value in place of a missing one), and the nodes or facts it rests on.
public struct Indicator: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case count(Int)
        case number(Double)
        /// So many of so many: helpers a coordinator reaches, forums the user is in.
        case share(Int, of: Int)
        case flag(Bool)
        /// A formal level (the chief executive is 1).
        case level(Int)
        case model(MentalHealthModel, reason: PlacementReason)
        /// A fragmentation before and after losing one helper.
        case change(from: Double?, to: Double)
        /// The service kinds found, each with the first node that showed it.
        case kinds([(kind: ServiceKind, node: String)])
        case times([OutOfHours])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case let (.count(a), .count(b)), let (.level(a), .level(b)): a == b
            case let (.number(a), .number(b)): a == b
            case let (.share(a, x), .share(b, y)): a == b && x == y
            case let (.flag(a), .flag(b)): a == b
            case let (.model(a, x), .model(b, y)): a == b && x == y
            case let (.change(a, x), .change(b, y)): a == b && x == y
            case let (.kinds(a), .kinds(b)): a.map(\.kind) == b.map(\.kind) && a.map(\.node) == b.map(\.node)
            case let (.times(a), .times(b)): a == b
            default: false
            }
        }
    }

    public let key: IndicatorKey
    /// nil: the data do not hold what the indicator needs.
    public let value: Value?
    /// What it rests on, for a reader to trace: node labels, ties («a» – «b»), dates.
    public let evidence: [String]

    public init(_ key: IndicatorKey, _ value: Value?, evidence: [String] = []) {
        self.key = key
        self.value = value
        self.evidence = evidence
    }

    public var isMissing: Bool { value == nil }
}

/// Why a requirement cannot be assessed from a graph: what it would need.
public enum RequirementNeed: String, Sendable {
    /// An org chart (`reports_to` edges).
    case orgChart = "org_chart"
    /// A user's helper network or pathway.
    case users
    /// A user or an org chart: the graph has neither.
    case usersOrOrgChart = "users_or_org_chart"
    /// A graph: an event log holds visits only.
    case graph
}

/// One requirement held up to one subject.
public struct RequirementAssessment: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// The graph supports indicators for it (some of which may have no data).
        case assessed
        /// The graph cannot show it; it would need this.
        case notAssessable(RequirementNeed)
        /// Not structural: no graph shows it, and it is never scored.
        case notStructural
    }

    public let requirement: Requirement
    public let status: Status
    public let indicators: [Indicator]

    /// Every indicator is missing, or there are none.
    public var hasNoData: Bool { indicators.allSatisfy(\.isMissing) }
}

/// What a graph is, as far as the requirements go.
public enum ScorecardSubject: String, Sendable {
    /// One user's helper network (and pathway) in a graph.
    case helperNetwork = "helper_network"
    /// An org chart.
    case orgChart = "org_chart"
    /// One user's helper network in a graph that is also an org chart.
    case helperNetworkAndOrgChart = "helper_network_and_org_chart"
    /// One user's pathway in an event log.
    case pathway
    /// A graph with neither users nor `reports_to` edges.
    case neither
}

/// The seven requirements held up to one subject: an org chart, or one user of a graph or
/// event log (docs/requirements.md).
public struct RequirementsScorecard: Sendable, Equatable {
    public let input: String
    /// The name a reader knows it by: the municipality, the chart's title, the user's label.
    public let name: String
    /// The user, for a helper network or pathway.
    public let user: NodeID?
    public let subject: ScorecardSubject
    /// The seven, in the guidance's order.
    public let assessments: [RequirementAssessment]

    /// The same scorecard under another name (a scenario's "before" and "after").
    public func named(_ name: String) -> RequirementsScorecard {
        RequirementsScorecard(input: input, name: name, user: user, subject: subject, assessments: assessments)
    }

    public func assessment(_ requirement: Requirement) -> RequirementAssessment? {
        assessments.first { $0.requirement == requirement }
    }

    public func indicator(_ key: IndicatorKey) -> Indicator? {
        assessments.lazy.flatMap(\.indicators).first { $0.key == key }
    }

    /// The requirements this subject cannot show at all (shared values apart: never scored).
    public var notAssessable: [(Requirement, RequirementNeed)] {
        assessments.compactMap {
            if case .notAssessable(let need) = $0.status { return ($0.requirement, need) }
            return nil
        }
    }

    public static func == (lhs: RequirementsScorecard, rhs: RequirementsScorecard) -> Bool {
        lhs.input == rhs.input && lhs.name == rhs.name && lhs.user == rhs.user && lhs.subject == rhs.subject
            && lhs.assessments == rhs.assessments
    }
}
