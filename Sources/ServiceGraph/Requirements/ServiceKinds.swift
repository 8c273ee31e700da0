import Foundation

extension ServiceKind {
    /// Whether `node` is a service of this kind: a `service_kind` attribute naming it (the way
    /// to say it for certain), else its mark or level (mental health: `mh=true`; DPS: level
    /// `dps`), else a word of its id, label or role, in English or Norwegian (docs/requirements.md
    /// lists them). Only services, units and professionals count: a forum that names the doctors
    /// is not a GP service.
    ///
    /// Example: «Doctors» (Aukra) and «Dr Hansen», role "GP (fastlege)", are `gp`; «Unit Helse
    /// (head: municipal doctor)» is not (one doctor heading a unit is no GP service).
    func matches(_ node: Node, level: Level?) -> Bool {
        guard [.service, .unit, .professional].contains(node.kind) else { return false }
        let stated = (node.attributes["service_kind"] ?? "").lowercased()
            .split(whereSeparator: { " ,;".contains($0) }).compactMap { ServiceKind(rawValue: String($0)) }
        if stated.contains(self) { return true }
        switch self {
        case .mentalHealth:
            if node.flag("mh") { return true }
            if let level, level.rank >= 2 { return false }  // a psychiatric ward is not the municipal service
        case .dps: if level == .dps { return true }
        default: break
        }
        let text = [node.id.rawValue, node.attributes["label"] ?? "", node.attributes["role"] ?? ""]
            .joined(separator: " ").lowercased()
        let words = Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        return !words.isDisjoint(with: Self.words[self] ?? []) || (Self.stems[self] ?? []).contains { text.contains($0) }
    }

    /// Whole words that name the kind.
    static let words: [ServiceKind: Set<String>] = [
        .gp: ["gp", "fastlege", "fastlegar", "fastleger", "legekontor", "legetjeneste", "legetjenesten", "legetenesta",
              "lege", "legar", "leger", "doctors", "allmennlege"],
        .nav: ["nav"],
        .dps: ["dps"],
    ]

    /// Parts of words (or phrases) that name it.
    static let stems: [ServiceKind: [String]] = [
        .gp: ["general practi"],
        .homeServices: ["home serv", "home nurs", "home-based", "home based", "home care", "hjemmesykepleie", "hjemmetjeneste",
                        "hjemmebaser", "heimeteneste", "heimetenesta", "heimesjukepleie", "heimebaser"],
        .mentalHealth: ["mental health", "mental-health", "psykisk helse", "psykososial", "psychosocial",
                        "psychiatric nurse", "psykiatrisk sykepleier"],
        .housing: ["housing", "bolig", "botjeneste", "bustad"],
        .dps: ["district psychiatric", "distriktspsykiatrisk"],
    ]
}

extension OutOfHours {
    /// What a text says about help outside office hours: evening, night or weekend, from the
    /// words of a `cover` attribute, a label, role or note. An out-of-hours clinic (legevakt) is
    /// evening and night.
    static func said(in text: String) -> [OutOfHours] {
        let lower = text.lowercased()
        let words = Set(lower.split(whereSeparator: { !$0.isLetter }).map(String.init))
        var found = Set<OutOfHours>()
        if !words.isDisjoint(with: ["evening", "evenings", "kveld", "kvelder", "kveldar", "kveldstid"]) {
            found.insert(.evening)
        }
        if !words.isDisjoint(with: ["night", "nights", "natt", "netter", "nattestid", "overnight"]) { found.insert(.night) }
        if !words.isDisjoint(with: ["weekend", "weekends", "helg", "helger", "helgar", "helgene"]) { found.insert(.weekend) }
        if lower.contains("legevakt") || lower.contains("out-of-hours") || lower.contains("out of hours") {
            found.formUnion([.evening, .night])
        }
        return allCases.filter(found.contains)
    }

    /// When a visit written with a time of day took place outside office hours: 17:00–21:59 is
    /// evening, 22:00–06:59 night; a visit on a Saturday or Sunday (with or without a time) is
    /// at the weekend. A date without a time says nothing about the hour.
    static func of(visit written: String) -> [OutOfHours] {
        guard let time = Timestamp(iso: written) else { return [] }
        var found: [OutOfHours] = []
        if written.contains("T") {
            let hour = Int(((time.secondsSinceEpoch % 86_400) + 86_400) % 86_400 / 3_600)
            if (17..<22).contains(hour) { found.append(.evening) }
            if hour >= 22 || hour < 7 { found.append(.night) }
        }
        // 1970-01-01 was a Thursday: day 0 → 4; Saturday is 6 and Sunday 0.
        let weekday = ((time.dayNumber + 4) % 7 + 7) % 7
        if weekday == 6 || weekday == 0 { found.append(.weekend) }
        return found
    }
}
