import Foundation

/// A node: a service user, professional, service, unit, forum or relative.
///
/// Attribute values are kept as DOT strings: as cgraph hands them over, backslash escapes
/// included, so a DOT file round-trips unchanged. Every other format (GraphML, CSV folders,
/// JSON) stores the same strings, so conversions are lossless; in a label `\n` is a line break
/// whatever the format.
public struct Node: Sendable, Equatable {
    public var id: NodeID
    /// Every attribute as written, known or not, so nothing is lost on the way back out.
    public var attributes: [String: String]
    /// Names of attributes whose value is an HTML-like string (`label=<…>` in DOT).
    public var htmlAttributes: Set<String> = []

    public init(id: NodeID, attributes: [String: String] = [:], htmlAttributes: Set<String> = []) {
        self.id = id
        self.attributes = attributes
        self.htmlAttributes = htmlAttributes
    }

    /// The declared kind, if it names a known kind.
    public var declaredKind: NodeKind? { attributes["kind"].flatMap(NodeKind.init(name:)) }

    /// The kind the measures use: the declared one, else `professional` when the node has a
    /// `role`, else `service` (validation warns about the inference).
    public var kind: NodeKind {
        if let declaredKind { return declaredKind }
        return attributes["role"]?.isEmpty == false ? .professional : .service
    }

    /// The node's own `level` attribute, if it names a known level.
    public var declaredLevel: Level? { attributes["level"].flatMap(Level.init(name:)) }

    /// The text shown for the node: its `label`, else its id.
    public var label: String {
        if let label = attributes["label"], !label.isEmpty { return label }
        return id.rawValue
    }

    public func flag(_ name: String) -> Bool { Self.isTrue(attributes[name]) }

    static func isTrue(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["true", "yes", "1", "ja", "sann"].contains(value.lowercased())
    }
}

/// An edge, tail → head as written.
public struct Edge: Sendable, Equatable {
    public var source: NodeID
    public var target: NodeID
    public var attributes: [String: String]
    public var htmlAttributes: Set<String> = []

    public init(source: NodeID, target: NodeID, attributes: [String: String] = [:],
                htmlAttributes: Set<String> = []) {
        self.source = source
        self.target = target
        self.attributes = attributes
        self.htmlAttributes = htmlAttributes
    }

    public var declaredKind: EdgeKind? { attributes["kind"].flatMap(EdgeKind.init(name:)) }

    /// The timestamps of `date` and `dates` together, in the order written. Unparseable
    /// entries are left out; validation reports them.
    public var timestamps: [Timestamp] {
        dateStrings.compactMap(Timestamp.init(iso:))
    }

    /// The raw date entries of `date` and `dates`: `dates` is a list separated by spaces or commas.
    public var dateStrings: [String] {
        var entries: [String] = []
        if let date = attributes["date"], !date.isEmpty { entries.append(date) }
        if let dates = attributes["dates"] {
            // Split on bytes (space, comma, tab, CR, LF): by Character this was a Unicode
            // lookup per letter, and CR LF, one Character, did not split at all.
            for part in dates.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2C || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
                entries.append(String(decoding: part, as: UTF8.self))
            }
        }
        return entries
    }

    /// How many entries `dateStrings` has, counted without making them.
    public var dateCount: Int {
        var count = 0
        if let date = attributes["date"], !date.isEmpty { count += 1 }
        if let dates = attributes["dates"] {
            var inEntry = false
            for byte in dates.utf8 {
                let separator = byte == 0x20 || byte == 0x2C || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !separator && !inEntry { count += 1 }
                inEntry = !separator
            }
        }
        return count
    }

    public func touches(_ id: NodeID) -> Bool { source == id || target == id }
}

/// A group of nodes: a DOT cluster, with its own attributes.
public struct Group: Sendable, Equatable {
    public var id: String
    public var attributes: [String: String]
    public var htmlAttributes: Set<String> = []
    /// Members in source order. A node in a nested group is also listed in its parents.
    public var members: [NodeID]
    /// The enclosing group, for nested clusters.
    public var parent: String?

    public init(id: String, attributes: [String: String] = [:], members: [NodeID] = [], parent: String? = nil,
                htmlAttributes: Set<String> = []) {
        self.id = id
        self.attributes = attributes
        self.htmlAttributes = htmlAttributes
        self.members = members
        self.parent = parent
    }

    public var label: String { attributes["label"] ?? id }
}

/// A service-collaboration graph: nodes, edges, groups and graph attributes, in source order.
public struct CollaborationGraph: Sendable, Equatable {
    /// The graph's name; empty for an anonymous graph.
    public var name: String
    public var isDirected: Bool
    public var isStrict: Bool
    public var attributes: [String: String]
    public var htmlAttributes: Set<String> = []
    public private(set) var nodes: [Node] = []
    public var edges: [Edge] = []
    public var groups: [Group] = []
    private var indexByID: [NodeID: Int] = [:]

    public init(name: String = "", isDirected: Bool = true, isStrict: Bool = false,
                attributes: [String: String] = [:]) {
        self.name = name
        self.isDirected = isDirected
        self.isStrict = isStrict
        self.attributes = attributes
    }

    public subscript(id: NodeID) -> Node? {
        indexByID[id].map { nodes[$0] }
    }

    public func index(of id: NodeID) -> Int? { indexByID[id] }

    /// The graph attribute that says the graph is a network named at an interview (or a survey),
    /// not a record of dated contacts; its value names where it came from (`network-canvas`,
    /// `egor`, as their readers set it). Its contacts are ties as of the interview and have no
    /// dates, so validation does not warn about each one (docs/formats.md).
    public static let interviewKey = "interview"

    /// Whether the graph's `interview` attribute is set: its ties are those of one interview.
    public var isInterviewNetwork: Bool { !(attributes[Self.interviewKey] ?? "").isEmpty }

    /// Adds a node, or merges the attributes into the existing node of that id.
    public mutating func addNode(_ node: Node) {
        if let index = indexByID[node.id] {
            nodes[index].attributes.merge(node.attributes) { _, new in new }
        } else {
            indexByID[node.id] = nodes.count
            nodes.append(node)
        }
    }

    /// Adds an edge, creating missing end nodes with no attributes (as DOT does).
    public mutating func addEdge(_ edge: Edge) {
        for id in [edge.source, edge.target] where indexByID[id] == nil {
            addNode(Node(id: id))
        }
        edges.append(edge)
    }

    public mutating func updateNode(_ id: NodeID, _ change: (inout Node) -> Void) {
        guard let index = indexByID[id] else { return }
        change(&nodes[index])
    }

    /// Removes a node with every edge that touches it and its group memberships.
    public mutating func removeNode(_ id: NodeID) {
        guard let index = indexByID[id] else { return }
        nodes.remove(at: index)
        indexByID = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
        edges.removeAll { $0.touches(id) }
        for group in groups.indices { groups[group].members.removeAll { $0 == id } }
    }

    /// The nodes of one kind, in source order.
    public func nodes(ofKind kind: NodeKind) -> [Node] { nodes.filter { $0.kind == kind } }

    /// Rewrites Norwegian aliases of node kinds, levels and edge kinds to their English names.
    /// Unknown names are kept as written, for validation to report.
    public func normalizingVocabulary() -> CollaborationGraph {
        var copy = self
        for index in copy.nodes.indices {
            if let kind = copy.nodes[index].declaredKind { copy.nodes[index].attributes["kind"] = kind.rawValue }
            if let level = copy.nodes[index].declaredLevel { copy.nodes[index].attributes["level"] = level.rawValue }
        }
        for index in copy.edges.indices {
            if let kind = copy.edges[index].declaredKind { copy.edges[index].attributes["kind"] = kind.rawValue }
            if let level = copy.edges[index].attributes["level"].flatMap(Level.init(name:)) {
                copy.edges[index].attributes["level"] = level.rawValue
            }
        }
        return copy
    }
}
