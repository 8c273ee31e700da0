import Foundation

/// A closed vocabulary read from input: the English name, or one of its aliases (Norwegian
/// words, numbers), case-insensitively; the English name is written out.
public protocol VocabularyTerm: RawRepresentable, CaseIterable where RawValue == String {
    static var aliases: [String: Self] { get }
}

extension VocabularyTerm {
    /// Parses a name or one of its aliases.
    public init?(name: String) {
        // Readers store the canonical name, so an exact match is the common case: no
        // allocation on the hot path of the measures, which ask for kinds constantly.
        if let exact = Self(rawValue: name) { self = exact; return }
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let term = Self(rawValue: key) { self = term; return }
        guard let term = Self.aliases[key] else { return nil }
        self = term
    }
}

/// The kinds of node a service-collaboration graph knows.
///
/// Norwegian aliases are accepted on input (`bruker`, `fagperson`, `tjeneste`, …) and the
/// English name is written out.
public enum NodeKind: String, CaseIterable, Sendable, Codable, VocabularyTerm {
    case user, professional, service, unit, forum, relative


    public static let aliases: [String: NodeKind] = [
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
public enum Level: String, CaseIterable, Sendable, Codable, Comparable, VocabularyTerm {
    case civil, municipal, state, dps, hospital

    public var rank: Int {
        switch self {
        case .civil: 0
        case .municipal, .state: 1
        case .dps: 2
        case .hospital: 3
        }
    }


    public static let aliases: [String: Level] = [
        "kommune": .municipal, "bydel": .municipal, "1": .municipal,
        "stat": .state,
        "2": .dps, "distrikt": .dps,
        "sykehus": .hospital, "3": .hospital,
        "privat": .civil, "sivil": .civil, "0": .civil,
    ]

    /// The order levels are drawn in, top to bottom: hospital, DPS, municipality, state, family.
    public static let drawingOrder: [Level] = [.hospital, .dps, .municipal, .state, .civil]

    public static func < (lhs: Level, rhs: Level) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The kinds of edge. Direction is as written (tail → head).
public enum EdgeKind: String, CaseIterable, Sendable, Codable, VocabularyTerm {
    case contact, collaboration, member, referral, admission, discharge
    case message, epicrisis, meeting
    case reportsTo = "reports_to"
    case order, agreement, informal


    public static let aliases: [String: EdgeKind] = [
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

/// Where a unit of an org chart sits (attribute `tier`), read by the placement model.
public enum Tier: String, CaseIterable, Sendable, Codable, VocabularyTerm {
    /// The chief executive (rådmann, kommunedirektør, bydelsdirektør).
    case executive
    /// A sector head (kommunalsjef): a management layer that delivers no service itself.
    case sector
    /// A unit with its own head: resultatenhet, enterprise (foretak), a service area.
    case unit
    /// A sub-unit of a unit (avdeling).
    case department
    /// A team or service inside a unit (tjeneste).
    case service


    public static let aliases: [String: Tier] = [
        "rådmann": .executive, "radmann": .executive, "kommunedirektør": .executive, "kommunedirektor": .executive,
        "bydelsdirektør": .executive, "bydelsdirektor": .executive,
        "sektor": .sector, "kommunalsjef": .sector,
        "enhet": .unit, "resultatenhet": .unit, "foretak": .unit, "virksomhet": .unit,
        "avdeling": .department,
        "tjeneste": .service,
    ]
}
