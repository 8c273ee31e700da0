import Foundation

/// The language of legends and headings: English or Norwegian bokmål.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en, nb

    public func name(of level: Level?) -> String {
        guard let level else { return self == .en ? "Level unknown" : "Ukjent nivå" }
        switch (self, level) {
        case (.en, .municipal): return "Municipality (1st line)"
        case (.en, .state): return "State (NAV, county governor)"
        case (.en, .dps): return "DPS (2nd line)"
        case (.en, .hospital): return "Hospital (3rd line)"
        case (.en, .civil): return "Family and civil society"
        case (.nb, .municipal): return "Kommune (1. linje)"
        case (.nb, .state): return "Stat (NAV, statsforvalter)"
        case (.nb, .dps): return "DPS (2. linje)"
        case (.nb, .hospital): return "Sykehus (3. linje)"
        case (.nb, .civil): return "Familie og sivilsamfunn"
        }
    }

    public func name(of kind: NodeKind) -> String {
        switch (self, kind) {
        case (.en, .user): "service user"
        case (.en, .professional): "professional"
        case (.en, .service): "service"
        case (.en, .unit): "administrative unit"
        case (.en, .forum): "forum or team"
        case (.en, .relative): "relative or network"
        case (.nb, .user): "bruker"
        case (.nb, .professional): "fagperson"
        case (.nb, .service): "tjeneste"
        case (.nb, .unit): "enhet"
        case (.nb, .forum): "forum eller team"
        case (.nb, .relative): "pårørende eller nettverk"
        }
    }

    public func name(of kind: EdgeKind) -> String {
        switch (self, kind) {
        case (.en, .contact): "contact with the user"
        case (.en, .collaboration): "collaboration"
        case (.en, .member): "works in / member of"
        case (.en, .referral): "referral"
        case (.en, .admission): "admission"
        case (.en, .discharge): "discharge"
        case (.en, .message): "message"
        case (.en, .epicrisis): "epicrisis"
        case (.en, .meeting): "meeting"
        case (.en, .reportsTo): "reports to"
        case (.en, .order): "order (purchaser decision)"
        case (.en, .agreement): "agreement"
        case (.en, .informal): "informal tie"
        case (.nb, .contact): "kontakt med bruker"
        case (.nb, .collaboration): "samarbeid"
        case (.nb, .member): "arbeider i / medlem av"
        case (.nb, .referral): "henvisning"
        case (.nb, .admission): "innleggelse"
        case (.nb, .discharge): "utskrivning"
        case (.nb, .message): "melding"
        case (.nb, .epicrisis): "epikrise"
        case (.nb, .meeting): "møte"
        case (.nb, .reportsTo): "rapporterer til"
        case (.nb, .order): "bestilling (vedtak)"
        case (.nb, .agreement): "samarbeidsavtale"
        case (.nb, .informal): "uformell kontakt"
        }
    }

    var legendTitle: String { self == .en ? "Legend" : "Tegnforklaring" }
    var levelsHeading: String { self == .en ? "Levels of care" : "Nivå" }
    var kindsHeading: String { self == .en ? "Nodes" : "Noder" }
    var edgesHeading: String { self == .en ? "Ties" : "Bånd" }
    var articulationNote: String {
        self == .en ? "thick red outline: single point of failure" : "tykk rød kant: sårbart knutepunkt"
    }
    var mentalHealthNote: String {
        self == .en ? "thick purple outline: mental-health work" : "tykk lilla kant: psykisk helsearbeid"
    }
    var bridgeNote: String { self == .en ? "thick red line: bridge" : "tykk rød linje: bro" }
}
