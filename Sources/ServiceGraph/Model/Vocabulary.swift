import Foundation

/// The kinds of node a service-collaboration graph knows (DESIGN §3).
///
/// Norwegian aliases are accepted on input (`bruker`, `fagperson`, `tjeneste`, …) and the
/// English name is written out.
public enum NodeKind: String, CaseIterable, Sendable, Codable {
    case user, professional, service, unit, forum, relative

    /// Parses a kind name or one of its aliases, case-insensitively.
    public init?(name: String) {
        // Readers store the canonical name, so an exact match is the common case: no
        // allocation on the hot path of the measures, which ask for kinds constantly.
        if let exact = NodeKind(rawValue: name) { self = exact; return }
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let kind = NodeKind(rawValue: key) { self = kind; return }
        guard let kind = Self.aliases[key] else { return nil }
        self = kind
    }

    static let aliases: [String: NodeKind] = [
        "bruker": .user, "pasient": .user, "patient": .user,
        "fagperson": .professional, "hjelper": .professional,
        "tjeneste": .service,
        "enhet": .unit,
        "team": .forum, "ansvarsgruppe": .forum,
        "pårørende": .relative, "parorende": .relative,
    ]
}

/// The levels of care, each with the rank the care level is taken on (docs/pathways.md).
///
/// `municipal` and `state` share rank 1, so a step between them is not a transition.
public enum Level: String, CaseIterable, Sendable, Codable, Comparable {
    case civil, municipal, state, dps, hospital

    public var rank: Int {
        switch self {
        case .civil: 0
        case .municipal, .state: 1
        case .dps: 2
        case .hospital: 3
        }
    }

    public init?(name: String) {
        if let exact = Level(rawValue: name) { self = exact; return }  // the common case, as above
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let level = Level(rawValue: key) { self = level; return }
        guard let level = Self.aliases[key] else { return nil }
        self = level
    }

    static let aliases: [String: Level] = [
        "kommune": .municipal, "bydel": .municipal, "1": .municipal,
        "stat": .state,
        "2": .dps, "distrikt": .dps,
        "sykehus": .hospital, "3": .hospital,
        "privat": .civil, "sivil": .civil, "0": .civil,
    ]

    public static func < (lhs: Level, rhs: Level) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kinds of edge (DESIGN §3). Direction is as written (tail → head).
public enum EdgeKind: String, CaseIterable, Sendable, Codable {
    case contact, collaboration, member, referral, admission, discharge
    case message, epicrisis, meeting
    case reportsTo = "reports_to"
    case order, agreement, informal

    public init?(name: String) {
        // Readers store the canonical name, so an exact match is the common case: no
        // allocation on the hot path of the measures, which ask for kinds constantly.
        if let exact = EdgeKind(rawValue: name) { self = exact; return }
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let kind = EdgeKind(rawValue: key) { self = kind; return }
        guard let kind = Self.aliases[key] else { return nil }
        self = kind
    }

    static let aliases: [String: EdgeKind] = [
        "kontakt": .contact, "samarbeid": .collaboration, "medlem": .member,
        "henvisning": .referral, "innleggelse": .admission, "utskrivning": .discharge,
        "melding": .message, "epikrise": .epicrisis, "møte": .meeting, "mote": .meeting,
        "rapporterer_til": .reportsTo, "reports-to": .reportsTo, "bestilling": .order,
        "vedtak": .order, "avtale": .agreement, "samarbeidsavtale": .agreement,
        "uformell": .informal,
    ]

    /// Dated events on a pathway (everything but contacts, which are visits).
    public var isPathwayEvent: Bool {
        switch self {
        case .referral, .admission, .discharge, .message, .epicrisis, .meeting: true
        default: false
        }
    }

    /// Events passed between helpers, which name their user with `user=` in multi-user files.
    public var isHelperEvent: Bool {
        switch self {
        case .referral, .message, .epicrisis, .meeting: true
        default: false
        }
    }
}
