import Foundation

/// Writes a graph as DOT text, deterministically: graph attributes, every node in source order,
/// the groups (clusters, nested as in the model) listing their members, then the edges in
/// source order. Attributes are sorted by name so that golden files hold.
public struct DOTWriter: Sendable {
    public init() {}

    public func write(_ graph: CollaborationGraph) -> String {
        // Appended in place: writing DOT runs once per render, and building each line from
        // temporary strings cost more than cgraph's reading it back.
        var out: [UInt8] = []
        out.reserveCapacity(96 * (graph.nodes.count + graph.edges.count) + 256)
        out.append(contentsOf: (graph.isStrict ? "strict " : "").utf8)
        out.append(contentsOf: (graph.isDirected ? "digraph " : "graph ").utf8)
        if !graph.name.isEmpty {
            Self.appendIdentifier(graph.name, to: &out)
            out.append(contentsOf: " ".utf8)
        }
        out.append(contentsOf: "{\n".utf8)
        if !graph.attributes.isEmpty {
            out.append(contentsOf: "  graph".utf8)
            Self.appendAttributes(graph.attributes, html: graph.htmlAttributes, to: &out)
            out.append(contentsOf: ";\n".utf8)
        }
        let edgeOperator = graph.isDirected ? " -> " : " -- "

        // Every node first, in order, with its attributes: cgraph numbers nodes as they first
        // appear, so this keeps the order through a round trip. Clusters then list members.
        for node in graph.nodes {
            out.append(contentsOf: "  ".utf8)
            Self.appendIdentifier(node.id.rawValue, to: &out)
            Self.appendAttributes(node.attributes, html: node.htmlAttributes, to: &out)
            out.append(contentsOf: ";\n".utf8)
        }
        let childrenOf = Dictionary(grouping: graph.groups, by: \.parent)
        func writeGroup(_ group: Group, indent: String) {
            out.append(contentsOf: (indent + "subgraph ").utf8)
            Self.appendIdentifier(group.id, to: &out)
            out.append(contentsOf: " {\n".utf8)
            if !group.attributes.isEmpty {
                out.append(contentsOf: (indent + "  graph").utf8)
                Self.appendAttributes(group.attributes, html: group.htmlAttributes, to: &out)
                out.append(contentsOf: ";\n".utf8)
            }
            for child in childrenOf[group.id] ?? [] {
                writeGroup(child, indent: indent + "  ")
            }
            let nested = Set((childrenOf[group.id] ?? []).flatMap(\.members))
            let own = group.members.filter { !nested.contains($0) }
            if !own.isEmpty {
                out.append(contentsOf: (indent + "  ").utf8)
                for (index, member) in own.enumerated() {
                    if index > 0 { out.append(contentsOf: "; ".utf8) }
                    Self.appendIdentifier(member.rawValue, to: &out)
                }
                out.append(contentsOf: ";\n".utf8)
            }
            out.append(contentsOf: (indent + "}\n").utf8)
        }
        for group in childrenOf[nil] ?? [] {
            writeGroup(group, indent: "  ")
        }
        for edge in graph.edges {
            out.append(contentsOf: "  ".utf8)
            Self.appendIdentifier(edge.source.rawValue, to: &out)
            out.append(contentsOf: (edgeOperator).utf8)
            Self.appendIdentifier(edge.target.rawValue, to: &out)
            Self.appendAttributes(edge.attributes, html: edge.htmlAttributes, to: &out)
            out.append(contentsOf: ";\n".utf8)
        }
        out.append(contentsOf: "}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// ` [a="1", b="2"]` with names sorted, or the empty string.
    /// ` [a="1", b="2"]` with names sorted; nothing for no attributes.
    static func appendAttributes(_ attributes: [String: String], html: Set<String>, to out: inout [UInt8]) {
        guard !attributes.isEmpty else { return }
        out.append(contentsOf: " [".utf8)
        var first = true
        for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
            if !first { out.append(contentsOf: ", ".utf8) }
            first = false
            appendIdentifier(key, to: &out)
            out.append(0x3D)  // =
            if !html.isEmpty && html.contains(key) {
                out.append(0x3C)
                out.append(contentsOf: value.utf8)
                out.append(0x3E)
            } else {
                appendQuoted(value, to: &out)
            }
        }
        out.append(0x5D)  // ]
    }

    static func appendIdentifier(_ text: String, to out: inout [UInt8]) {
        if isPlainIdentifier(text) { out.append(contentsOf: text.utf8) } else { appendQuoted(text, to: &out) }
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        if text.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 }) {
            out.append(contentsOf: quote(text).utf8)
        } else {
            out.append(0x22)
            out.append(contentsOf: text.utf8)
            out.append(0x22)
        }
    }

    /// An ID as DOT writes it: bare when it is a plain identifier and no keyword, else quoted.
    /// (Works on UTF-8 bytes: Character-by-Character tests cost a Unicode property lookup
    /// each, and writing DOT was a sixth of a render.)
    public static func identifier(_ text: String) -> String {
        isPlainIdentifier(text) ? text : quote(text)
    }

    static func isPlainIdentifier(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        guard let first = utf8.next(), isLetterOrUnderscore(first) else { return false }
        while let byte = utf8.next() {
            guard isLetterOrUnderscore(byte) || (byte >= 0x30 && byte <= 0x39) else { return false }
        }
        // Keywords (graph, digraph, subgraph, node, edge, strict) begin with one of these letters.
        guard let initial = text.utf8.first, "gdsneGDSNE".utf8.contains(initial), text.utf8.count <= 8 else { return true }
        return !keywords.contains(text.lowercased())
    }

    private static func isLetterOrUnderscore(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    static let keywords: Set<String> = ["graph", "digraph", "subgraph", "node", "edge", "strict"]

    /// Quotes a DOT string. Values are DOT strings already (see `Node`), so backslashes
    /// stay as written; only `"` is escaped, and a trailing lone backslash (which no DOT
    /// string can end in) is doubled so that it cannot swallow the closing quote.
    ///
    /// Works on UTF-8 bytes: `\` and `"` never occur inside a multi-byte sequence, and a quote
    /// followed by a combining mark is still a quote to cgraph (as a Character it was not,
    /// and went out unescaped).
    public static func quote(_ text: String) -> String {
        let backslash: UInt8 = 0x5C, quoteMark: UInt8 = 0x22
        guard text.utf8.contains(where: { $0 == backslash || $0 == quoteMark }) else { return "\"" + text + "\"" }
        var out: [UInt8] = [quoteMark]
        out.reserveCapacity(text.utf8.count + 8)
        var pendingBackslashes = 0
        for byte in text.utf8 {
            if byte == backslash {
                pendingBackslashes += 1
                continue
            }
            out.append(contentsOf: repeatElement(backslash, count: pendingBackslashes))
            if byte == quoteMark && pendingBackslashes % 2 == 0 { out.append(backslash) }
            pendingBackslashes = 0
            out.append(byte)
        }
        out.append(contentsOf: repeatElement(backslash, count: pendingBackslashes + pendingBackslashes % 2))
        out.append(quoteMark)
        return String(decoding: out, as: UTF8.self)
    }

    /// Turns plain text (a name from CSV, a legend entry) into a DOT string that Graphviz
    /// shows as written: backslashes doubled, newlines as `\n`.
    public static func escString(plain text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }
}
