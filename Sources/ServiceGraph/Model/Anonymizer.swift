import Foundation

/// Replaces the people in a graph with stable pseudonyms, so that a helper network can be
/// shared for research, and keeps nothing else that could name them.
///
/// - Users, relatives and professionals get a pseudonym (`U-…`, `R-…`, `P-…`) made from a keyed
///   hash of their id: the same person gets the same pseudonym in every file anonymised with the
///   same key. Their label becomes the pseudonym.
/// - Only the attributes on an allow-list are kept (`keptOnPeople`, `keptOnOrganisations`,
///   `keptOnEdges`, `keptOnGroups`, `keptOnGraph`); every other attribute — notes, tooltips,
///   links, comments, e-mail addresses, edge labels — is removed.
/// - Every kept text is checked, word by word, against every token of every original name:
///   the ids, labels, name fields and e-mail local parts of the people, compared without case and
///   without diacritics (`Ødegård` matches `odegard` and `oedegaard`), and with a genitive `s`
///   (`Hansens`). A text holding one is replaced (an organisation's label by its id, a title by
///   `[removed]`) or dropped; an organisation or group whose id holds one gets a neutral id.
/// - `leaks(in:original:)` then scans the result again; `samhandling anonymize` refuses to write
///   when it finds anything.
/// - With `shiftDates`, every date of a user's events moves by one offset in whole days, the
///   same for all that user's dates, so intervals within a pathway are unchanged.
public struct Anonymizer: Sendable {
    /// A keyed hash: the same input and key give the same output.
    public let pseudonymHash: @Sendable (String) -> String
    /// Days to shift a user's dates by (nil: dates kept).
    public let dateShift: (@Sendable (String) -> Int)?

    public init(pseudonymHash: @escaping @Sendable (String) -> String, dateShift: (@Sendable (String) -> Int)? = nil) {
        self.pseudonymHash = pseudonymHash
        self.dateShift = dateShift
    }

    /// Attributes of people that describe the care, not the person (text ones checked for names).
    public static let keptOnPeople: Set<String> = [
        "kind", "role", "level", "service", "coordinator", "mh", "mh_fte", "staff", "municipality", "tier",
    ]
    /// Attributes of services, units and forums (the label checked for names).
    public static let keptOnOrganisations: Set<String> = [
        "kind", "label", "level", "mh", "mh_fte", "staff", "tier", "municipality", "population", "authority",
    ]
    /// Edge attributes: the kind, the dates (shifted on request) and what measures read.
    public static let keptOnEdges: Set<String> = [
        "kind", "date", "dates", "level", "authority", "count", "weight", "user", "service",
    ]
    public static let keptOnGroups: Set<String> = ["label", "level"]
    public static let keptOnGraph: Set<String> = ["title", "municipality", "population", "year"]

    static func isPerson(_ node: Node) -> Bool { [.user, .relative, .professional].contains(node.kind) }

    public func anonymize(_ graph: CollaborationGraph) -> CollaborationGraph {
        let people = graph.nodes.filter(Self.isPerson)
        let names = NameTokens(people: people, vocabulary: graph)
        var pseudonyms: [NodeID: NodeID] = [:]
        var used = Set<String>()
        for person in people {
            let prefix = person.kind == .user ? "U" : person.kind == .relative ? "R" : "P"
            let hash = pseudonymHash(person.kind.rawValue + ":" + person.id.rawValue)
            var length = 6
            var candidate = "\(prefix)-\(hash.prefix(length))"
            while used.contains(candidate) && length < hash.count {  // a collision: take more of the hash
                length += 2
                candidate = "\(prefix)-\(hash.prefix(length))"
            }
            used.insert(candidate)
            pseudonyms[person.id] = NodeID(candidate)
        }
        // A service or forum whose id holds a person's name gets a neutral id too.
        for node in graph.nodes where pseudonyms[node.id] == nil && names.found(in: node.id.rawValue) != nil {
            pseudonyms[node.id] = NodeID("N-" + pseudonymHash("node:" + node.id.rawValue).prefix(8))
        }
        func map(_ id: NodeID) -> NodeID { pseudonyms[id] ?? id }
        func checked(_ text: String) -> String? { names.found(in: text) == nil ? text : nil }
        var groupIDs: [String: String] = [:]
        for (index, group) in graph.groups.enumerated() where names.found(in: group.id) != nil {
            groupIDs[group.id] = (group.id.hasPrefix("cluster") ? "cluster_" : "group_") + String(index + 1)
        }

        var result = CollaborationGraph(name: checked(graph.name) ?? "", isDirected: graph.isDirected, isStrict: graph.isStrict)
        for (key, value) in graph.attributes where Self.keptOnGraph.contains(key) {
            result.attributes[key] = checked(value) ?? "[removed]"
        }
        for node in graph.nodes {
            let id = map(node.id)
            var attributes: [String: String] = [:]
            var html: Set<String> = []
            if Self.isPerson(node) {
                for (key, value) in node.attributes where Self.keptOnPeople.contains(key) {
                    attributes[key] = key == "service" ? map(NodeID(value)).rawValue : checked(value)
                }
                attributes["label"] = id.rawValue
            } else {
                for (key, value) in node.attributes where Self.keptOnOrganisations.contains(key) {
                    attributes[key] = checked(value)
                }
                if node.attributes["label"] != nil && attributes["label"] == nil { attributes["label"] = id.rawValue }
                if attributes["label"] == node.attributes["label"] { html = node.htmlAttributes.intersection(["label"]) }
            }
            result.addNode(Node(id: id, attributes: attributes, htmlAttributes: html))
        }
        let userOf = eventUsers(graph)
        for (index, edge) in graph.edges.enumerated() {
            var attributes: [String: String] = [:]
            for (key, value) in edge.attributes where Self.keptOnEdges.contains(key) {
                attributes[key] = key == "user" || key == "service" ? map(NodeID(value)).rawValue : checked(value)
            }
            if let dateShift, let user = userOf[index] {
                let days = dateShift(user.rawValue)
                for key in ["date", "dates"] {
                    guard let value = attributes[key] else { continue }
                    attributes[key] = Self.shift(value, days: days)
                }
            }
            result.addEdge(Edge(source: map(edge.source), target: map(edge.target), attributes: attributes))
        }
        result.groups = graph.groups.map { group in
            var attributes: [String: String] = [:]
            for (key, value) in group.attributes where Self.keptOnGroups.contains(key) {
                attributes[key] = checked(value) ?? "[removed]"
            }
            return Group(id: groupIDs[group.id] ?? group.id, attributes: attributes, members: group.members.map(map),
                         parent: group.parent.map { groupIDs[$0] ?? $0 })
        }
        return result
    }

    /// Where an original name survives in `anonymous`: `node 'x' attribute label holds «…»`, … —
    /// empty when nothing does. `original` is the graph before anonymising.
    public func leaks(in anonymous: CollaborationGraph, original: CollaborationGraph) -> [String] {
        let names = NameTokens(people: original.nodes.filter(Self.isPerson), vocabulary: original)
        var found: [String] = []
        func check(_ text: String, _ place: @autoclosure () -> String) {
            if let token = names.found(in: text) { found.append("\(place()) holds «\(token)»") }
        }
        check(anonymous.name, "the graph's name")
        for (key, value) in anonymous.attributes { check(key + " " + value, "graph attribute \(key)") }
        for node in anonymous.nodes {
            check(node.id.rawValue, "node id '\(node.id)'")
            for (key, value) in node.attributes { check(key + " " + value, "node '\(node.id)' attribute \(key)") }
        }
        for edge in anonymous.edges {
            for (key, value) in edge.attributes { check(key + " " + value, "edge '\(edge.source)' → '\(edge.target)' attribute \(key)") }
        }
        for group in anonymous.groups {
            check(group.id, "group id '\(group.id)'")
            for (key, value) in group.attributes { check(key + " " + value, "group '\(group.id)' attribute \(key)") }
        }
        return found
    }

    /// The user each dated edge belongs to (as pathways assign them).
    private func eventUsers(_ graph: CollaborationGraph) -> [Int: NodeID] {
        let users = graph.users.map(\.id)
        let userSet = Set(users)
        var result: [Int: NodeID] = [:]
        for (index, edge) in graph.edges.enumerated() where edge.dateCount > 0 {
            if userSet.contains(edge.source) { result[index] = edge.source }
            else if userSet.contains(edge.target) { result[index] = edge.target }
            else if let named = edge.attributes["user"], userSet.contains(NodeID(named)) { result[index] = NodeID(named) }
            else if users.count == 1 { result[index] = users[0] }
        }
        return result
    }

    /// Moves every ISO date in a `date`/`dates` value by whole days, keeping times and separators.
    static func shift(_ value: String, days: Int) -> String {
        var out = ""
        var token = ""
        func flush() {
            if let time = Timestamp(iso: token) {
                // Whole days: the time of day, written after the date, stays as it was.
                out += time.adding(days: Double(days)).dateString + String(token.dropFirst(10))
            } else {
                out += token
            }
            token = ""
        }
        for character in value {
            if character == " " || character == "," {
                flush()
                out.append(character)
            } else {
                token.append(character)
            }
        }
        flush()
        return out
    }
}

/// Every token of every original name of the people in a graph, folded, and the search for
/// them in a text.
///
/// Tokens come from each person's id, label, name fields (`name`, `first_name`, `surname`,
/// `fornavn`, `etternavn`, …) and the local part of every e-mail address among their attributes
/// (`per.hansen` of `mailto:per.hansen@example.org`), split into words. Left out: tokens shorter
/// than two letters, numbers, titles and small words (`Dr`, `fru`, `og`, …), and the graph's own
/// vocabulary — words of the ids of services, units and forums and of the people's roles (`gp` as
/// an id is not a name when `GP` is a role). Compared without case and without diacritics, with
/// both spellings of Norwegian letters (`ø` as `o` and `oe`, `å` as `a` and `aa`, `æ` as `ae`).
struct NameTokens {
    private(set) var tokens: Set<String> = []

    static let nameFields: Set<String> = [
        "name", "first_name", "firstname", "given_name", "last_name", "lastname", "surname", "family_name",
        "fornavn", "etternavn", "navn", "email", "e-mail", "epost", "e-post", "mail", "url", "href",
    ]
    static let smallWords: Set<String> = [
        "dr", "mr", "mrs", "ms", "miss", "prof", "sr", "jr", "fru", "frk", "herr", "user", "bruker", "pasient", "patient",
        "the", "and", "og", "av", "von", "van", "de", "da", "del", "la", "le", "of", "mailto",
    ]

    init(people: [Node], vocabulary graph: CollaborationGraph) {
        var vocabulary = Self.smallWords
        for node in graph.nodes where !Anonymizer.isPerson(node) {
            vocabulary.formUnion(Self.words(node.id.rawValue).flatMap(Self.foldings))
        }
        for node in people { vocabulary.formUnion(Self.words(node.attributes["role"] ?? "").flatMap(Self.foldings)) }
        for person in people {
            var texts = [person.id.rawValue]
            if let label = person.attributes["label"] { texts.append(label) }
            for (key, value) in person.attributes {
                if Self.nameFields.contains(key.lowercased()) { texts.append(value) }
                if let at = value.firstIndex(of: "@") {
                    texts.append(value[..<at].split(separator: ":").last.map(String.init) ?? "")
                }
            }
            for word in texts.flatMap(Self.words) where word.count >= 2 && !word.allSatisfy(\.isNumber) {
                for form in Self.foldings(word) where !vocabulary.contains(form) { tokens.insert(form) }
            }
        }
    }

    /// The first name token found in `text`, or nil; a word also matches without a genitive
    /// `s` (`Hansens kontor` holds `hansen`).
    func found(in text: String) -> String? {
        guard !tokens.isEmpty else { return nil }
        for word in Self.words(text) {
            var candidates = [word]
            if word.count > 3, word.last == "s" || word.last == "S" { candidates.append(String(word.dropLast())) }
            for candidate in candidates {
                for form in Self.foldings(candidate) where tokens.contains(form) { return form }
            }
        }
        return nil
    }

    /// The words of a text: runs of letters and digits, split also where a lower-case letter
    /// meets a capital (`PerHansen` is `Per`, `Hansen`).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current); current = "" }
                continue
            }
            if character.isUppercase, let last = current.last, last.isLowercase {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A word without case or diacritics, in both spellings of æ, ø and å.
    static func foldings(_ word: String) -> [String] {
        let lower = word.lowercased()
        let short = lower.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "å", with: "a")
        let long = lower.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
            .replacingOccurrences(of: "å", with: "aa")
        return Array(Set([short, long].map { $0.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil) }))
    }
}
