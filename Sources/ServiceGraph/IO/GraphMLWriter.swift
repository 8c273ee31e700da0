import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Writes a graph as GraphML (http://graphml.graphdrawing.org): one `<key>` per attribute name
/// and domain, typed `int`, `double` or `string` from the values it holds; directed or
/// undirected as a whole. NetworkX's `read_graphml`, Gephi and yEd open it.
///
/// The text is written here rather than through Foundation's XMLDocument, which on Linux leaks
/// every node it builds (swift-corelibs-foundation: nodes and their document hold each other).
/// Escaping follows XML 1.0: markup characters and, in attribute values, tab and line ends as
/// character references; a character XML 1.0 cannot carry at all (C0 controls but tab and line
/// ends, U+FFFE, U+FFFF) is written as U+FFFD, the replacement character.
public struct GraphMLWriter: Sendable {
    public init() {}

    /// Data keys that carry what GraphML has no place for, so a round trip loses nothing.
    static let groupsKey = "samhandling_groups", htmlKey = "samhandling_html", strictKey = "samhandling_strict"

    public func write(_ graph: CollaborationGraph) -> String {
        var graph = graph
        if !graph.groups.isEmpty {
            graph.attributes[Self.groupsKey] = ModelJSON.groupsJSON(graph.groups)
        }
        if graph.isStrict { graph.attributes[Self.strictKey] = "true" }
        if !graph.htmlAttributes.isEmpty { graph.attributes[Self.htmlKey] = graph.htmlAttributes.sorted().joined(separator: " ") }
        for node in graph.nodes where !node.htmlAttributes.isEmpty {
            graph.updateNode(node.id) { $0.attributes[Self.htmlKey] = node.htmlAttributes.sorted().joined(separator: " ") }
        }
        for index in graph.edges.indices where !graph.edges[index].htmlAttributes.isEmpty {
            graph.edges[index].attributes[Self.htmlKey] = graph.edges[index].htmlAttributes.sorted().joined(separator: " ")
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        func element(_ name: String, _ attributes: KeyValuePairs<String, String>, indent: Int, close: Bool) {
            xml += String(repeating: "  ", count: indent) + "<" + name
            for (attribute, value) in attributes { xml += " \(attribute)=\"\(Self.escaped(value, inAttribute: true))\"" }
            xml += close ? "/>\n" : ">\n"
        }
        func data(_ attributes: [String: String], keys: [Key], indent: Int) {
            for key in keys {
                guard let value = attributes[key.name] else { continue }
                xml += String(repeating: "  ", count: indent)
                    + "<data key=\"\(Self.escaped(key.id, inAttribute: true))\">\(Self.escaped(value, inAttribute: false))</data>\n"
            }
        }

        let nodeKeys = Self.keys(graph.nodes.map(\.attributes), domain: "node", prefix: "n")
        let edgeKeys = Self.keys(graph.edges.map(\.attributes), domain: "edge", prefix: "e")
        let graphKeys = Self.keys([graph.attributes], domain: "graph", prefix: "g")
        for key in graphKeys + nodeKeys + edgeKeys {
            element("key", ["id": key.id, "for": key.domain, "attr.name": key.name, "attr.type": key.type], indent: 1, close: true)
        }
        element("graph", ["id": graph.name.isEmpty ? "G" : graph.name, "edgedefault": graph.isDirected ? "directed" : "undirected"],
                indent: 1, close: false)
        data(graph.attributes, keys: graphKeys, indent: 2)
        for node in graph.nodes {
            let values = node.attributes
            element("node", ["id": node.id.rawValue], indent: 2, close: values.isEmpty)
            guard !values.isEmpty else { continue }
            data(values, keys: nodeKeys, indent: 3)
            xml += "    </node>\n"
        }
        for edge in graph.edges {
            let values = edge.attributes
            element("edge", ["source": edge.source.rawValue, "target": edge.target.rawValue], indent: 2, close: values.isEmpty)
            guard !values.isEmpty else { continue }
            data(values, keys: edgeKeys, indent: 3)
            xml += "    </edge>\n"
        }
        xml += "  </graph>\n</graphml>\n"
        return xml
    }

    /// Whether XML 1.0 can carry `scalar` at all (its production `Char`).
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` escaped for XML character data or a double-quoted attribute value.
    static func escaped(_ text: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "\t" where inAttribute: result += "&#9;"
            case "\n" where inAttribute: result += "&#10;"
            case "\r": result += "&#13;"  // a raw CR would be read back as a line feed
            default:
                result.unicodeScalars.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    struct Key {
        let id: String, domain: String, name: String, type: String
    }

    /// One key per attribute name, in name order, typed `int` or `double` only when every value
    /// is written exactly as that number prints (so `1.50` or `007` stay strings: a reader that
    /// converts them would not give them back).
    static func keys(_ attributeSets: [[String: String]], domain: String, prefix: String) -> [Key] {
        var values: [String: [String]] = [:]
        for attributes in attributeSets { for (name, value) in attributes { values[name, default: []].append(value) } }
        return values.keys.sorted().enumerated().map { index, name in
            let all = values[name] ?? []
            let isInt = all.allSatisfy { value in Int(value).map { String($0) == value } ?? false }
            let isDouble = all.allSatisfy { value in Double(value).map { $0.isFinite && "\($0)" == value } ?? false }
            let type = isInt ? "int" : isDouble ? "double" : "string"
            return Key(id: "\(prefix)\(index)", domain: domain, name: name, type: type)
        }
    }
}
