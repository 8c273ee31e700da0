import Foundation

/// Writes a graph as DOT text, deterministically: graph attributes, every node in source order,
/// the groups (clusters, nested as in the model) listing their members, then the edges in
/// source order. Attributes are sorted by name so that golden files hold.
public struct DOTWriter: Sendable {
    public init() {}

    public func write(_ graph: CollaborationGraph) -> String {
        var out = ""
        out += graph.isStrict ? "strict " : ""
        out += graph.isDirected ? "digraph " : "graph "
        out += graph.name.isEmpty ? "{\n" : Self.identifier(graph.name) + " {\n"
        if !graph.attributes.isEmpty {
            out += "  graph" + Self.attributeList(graph.attributes, html: graph.htmlAttributes) + ";\n"
        }
        let edgeOperator = graph.isDirected ? " -> " : " -- "

        // Every node first, in order, with its attributes: cgraph numbers nodes as they first
        // appear, so this keeps the order through a round trip. Clusters then list members.
        for node in graph.nodes {
            out += "  " + Self.identifier(node.id.rawValue) + Self.attributeList(node.attributes, html: node.htmlAttributes) + ";\n"
        }
        let childrenOf = Dictionary(grouping: graph.groups, by: \.parent)
        func writeGroup(_ group: Group, indent: String) {
            out += indent + "subgraph " + Self.identifier(group.id) + " {\n"
            if !group.attributes.isEmpty {
                out += indent + "  graph" + Self.attributeList(group.attributes, html: group.htmlAttributes) + ";\n"
            }
            for child in childrenOf[group.id] ?? [] {
                writeGroup(child, indent: indent + "  ")
            }
            let nested = Set((childrenOf[group.id] ?? []).flatMap(\.members))
            let own = group.members.filter { !nested.contains($0) }
            if !own.isEmpty {
                out += indent + "  " + own.map { Self.identifier($0.rawValue) }.joined(separator: "; ") + ";\n"
            }
            out += indent + "}\n"
        }
        for group in childrenOf[nil] ?? [] {
            writeGroup(group, indent: "  ")
        }
        for edge in graph.edges {
            out += "  " + Self.identifier(edge.source.rawValue) + edgeOperator + Self.identifier(edge.target.rawValue)
            out += Self.attributeList(edge.attributes, html: edge.htmlAttributes) + ";\n"
        }
        out += "}\n"
        return out
    }

    /// ` [a="1", b="2"]` with names sorted, or the empty string.
    static func attributeList(_ attributes: [String: String], html: Set<String>) -> String {
        guard !attributes.isEmpty else { return "" }
        let items = attributes.sorted { $0.key < $1.key }.map { key, value in
            identifier(key) + "=" + (html.contains(key) ? "<" + value + ">" : Self.quote(value))
        }
        return " [" + items.joined(separator: ", ") + "]"
    }

    /// An ID as DOT writes it: bare when it is a plain identifier and no keyword, else quoted.
    public static func identifier(_ text: String) -> String {
        let isPlain = text.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } ?? false
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            && !keywords.contains(text.lowercased())
        return isPlain ? text : quote(text)
    }

    static let keywords: Set<String> = ["graph", "digraph", "subgraph", "node", "edge", "strict"]

    /// Quotes a DOT string. Values are DOT strings already (see `Node`), so backslashes
    /// stay as written; only `"` is escaped, and a trailing lone backslash (which no DOT
    /// string can end in) is doubled so that it cannot swallow the closing quote.
    public static func quote(_ text: String) -> String {
        var out = "\""
        var pendingBackslashes = 0
        for character in text {
            if character == "\\" {
                pendingBackslashes += 1
                continue
            }
            out += String(repeating: "\\", count: pendingBackslashes)
            if character == "\"" && pendingBackslashes % 2 == 0 { out += "\\" }
            pendingBackslashes = 0
            out.append(character)
        }
        out += String(repeating: "\\", count: pendingBackslashes + pendingBackslashes % 2)
        return out + "\""
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
