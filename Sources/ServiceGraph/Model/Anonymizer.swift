import Foundation

/// Replaces the people in a graph with stable pseudonyms, so that a helper network can be
/// shared for research.
///
/// Users, relatives and professionals get a pseudonym (`U-…`, `R-…`, `P-…`) made from a keyed
/// hash of their id: the same person gets the same pseudonym in every file anonymised with the
/// same key. Their labels become the pseudonym; the attributes that describe the care (kind,
/// role, level, service, coordinator, FTE, municipality) are kept, and any other attribute on
/// them — free text, notes, tooltips, links — is removed. Services, units and forums are
/// organisational and kept. Finally every kept string anywhere in the graph (titles, group
/// labels, service names, edge notes) is searched for an original name or id, and replaced if
/// it holds one. With `shiftDates`, every date of a user's events moves by one offset in whole
/// days, the same for all that user's dates, so intervals within a pathway are unchanged.
public struct Anonymizer: Sendable {
    /// A keyed hash: the same input and key give the same output.
    public let pseudonymHash: @Sendable (String) -> String
    /// Days to shift a user's dates by (nil: dates kept).
    public let dateShift: (@Sendable (String) -> Int)?

    public init(pseudonymHash: @escaping @Sendable (String) -> String, dateShift: (@Sendable (String) -> Int)? = nil) {
        self.pseudonymHash = pseudonymHash
        self.dateShift = dateShift
    }

    /// Attributes that describe care, not the person: kept on people.
    public static let keptAttributes: Set<String> = [
        "kind", "role", "level", "service", "coordinator", "mh", "mh_fte", "staff", "municipality",
    ]
    /// Edge attributes kept as they are.
    public static let keptEdgeAttributes: Set<String> = ["kind", "date", "dates", "level", "authority", "count", "weight"]

    public func anonymize(_ graph: CollaborationGraph) -> CollaborationGraph {
        let people = graph.nodes.filter { [.user, .relative, .professional].contains($0.kind) }
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
        // Everything that could name a person, longest first so that "Dr Hansen" goes before "Hansen".
        let originals = Set(people.flatMap { [$0.id.rawValue, $0.label] + ($0.attributes["name"].map { [$0] } ?? []) })
            .filter { $0.count >= 3 }.sorted { $0.count > $1.count }
        func scrub(_ text: String) -> String {
            originals.contains { text.localizedCaseInsensitiveContains($0) } ? "[removed]" : text
        }
        // A service or forum whose id holds a person's name gets a neutral id too.
        for node in graph.nodes where pseudonyms[node.id] == nil && scrub(node.id.rawValue) != node.id.rawValue {
            pseudonyms[node.id] = NodeID("N-" + pseudonymHash("node:" + node.id.rawValue).prefix(8))
        }
        func map(_ id: NodeID) -> NodeID { pseudonyms[id] ?? id }
        var groupIDs: [String: String] = [:]
        for (index, group) in graph.groups.enumerated() where scrub(group.id) != group.id {
            groupIDs[group.id] = (group.id.hasPrefix("cluster") ? "cluster_" : "group_") + String(index + 1)
        }

        var result = CollaborationGraph(name: scrub(graph.name), isDirected: graph.isDirected, isStrict: graph.isStrict,
                                        attributes: graph.attributes.mapValues(scrub))
        result.htmlAttributes = graph.htmlAttributes
        for node in graph.nodes {
            if let pseudonym = pseudonyms[node.id], [.user, .relative, .professional].contains(node.kind) {
                var attributes = node.attributes.filter { Self.keptAttributes.contains($0.key) }.mapValues(scrub)
                attributes["label"] = pseudonym.rawValue
                result.addNode(Node(id: pseudonym, attributes: attributes))
            } else {
                result.addNode(Node(id: map(node.id), attributes: node.attributes.mapValues(scrub),
                                    htmlAttributes: node.htmlAttributes))
            }
        }
        let userOf = eventUsers(graph)
        for (index, edge) in graph.edges.enumerated() {
            var attributes: [String: String] = [:]
            for (key, value) in edge.attributes {
                if key == "user" {
                    attributes[key] = map(NodeID(value)).rawValue
                } else if Self.keptEdgeAttributes.contains(key) {
                    attributes[key] = value
                } else {
                    attributes[key] = scrub(value)
                }
            }
            if let dateShift, let user = userOf[index] {
                let days = dateShift(user.rawValue)
                for key in ["date", "dates"] {
                    guard let value = attributes[key] else { continue }
                    attributes[key] = Self.shift(value, days: days)
                }
            }
            result.addEdge(Edge(source: map(edge.source), target: map(edge.target), attributes: attributes,
                                htmlAttributes: edge.htmlAttributes))
        }
        result.groups = graph.groups.map {
            Group(id: groupIDs[$0.id] ?? $0.id, attributes: $0.attributes.mapValues(scrub), members: $0.members.map(map),
                  parent: $0.parent.map { groupIDs[$0] ?? $0 }, htmlAttributes: $0.htmlAttributes)
        }
        return result
    }

    /// The user each dated edge belongs to (as pathways assign them).
    private func eventUsers(_ graph: CollaborationGraph) -> [Int: NodeID] {
        let users = graph.users.map(\.id)
        let userSet = Set(users)
        var result: [Int: NodeID] = [:]
        for (index, edge) in graph.edges.enumerated() where !edge.dateStrings.isEmpty {
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
