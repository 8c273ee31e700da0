import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Writes a graph as GraphML (http://graphml.graphdrawing.org), built with Foundation's
/// XMLDocument so that escaping is the XML library's: one `<key>` per attribute name and
/// domain, typed `int`, `double` or `string` from the values it holds; directed or
/// undirected as a whole. NetworkX's `read_graphml`, Gephi and yEd open it.
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
        let root = XMLElement(name: "graphml")
        root.addNamespace(XMLNode.namespace(withName: "", stringValue: "http://graphml.graphdrawing.org/xmlns") as! XMLNode)
        root.addNamespace(XMLNode.namespace(withName: "xsi", stringValue: "http://www.w3.org/2001/XMLSchema-instance") as! XMLNode)
        root.addAttribute(Self.attribute("xsi:schemaLocation", "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"))

        let nodeKeys = Self.keys(graph.nodes.map(\.attributes), domain: "node", prefix: "n")
        let edgeKeys = Self.keys(graph.edges.map(\.attributes), domain: "edge", prefix: "e")
        let graphKeys = Self.keys([graph.attributes], domain: "graph", prefix: "g")
        for key in graphKeys + nodeKeys + edgeKeys {
            let element = XMLElement(name: "key")
            for (name, value) in [("id", key.id), ("for", key.domain), ("attr.name", key.name), ("attr.type", key.type)] {
                element.addAttribute(Self.attribute(name, value))
            }
            root.addChild(element)
        }

        let graphElement = XMLElement(name: "graph")
        graphElement.addAttribute(Self.attribute("id", graph.name.isEmpty ? "G" : graph.name))
        graphElement.addAttribute(Self.attribute("edgedefault", graph.isDirected ? "directed" : "undirected"))
        Self.addData(graph.attributes, keys: graphKeys, to: graphElement)
        for node in graph.nodes {
            let element = XMLElement(name: "node")
            element.addAttribute(Self.attribute("id", node.id.rawValue))
            Self.addData(node.attributes, keys: nodeKeys, to: element)
            graphElement.addChild(element)
        }
        for edge in graph.edges {
            let element = XMLElement(name: "edge")
            element.addAttribute(Self.attribute("source", edge.source.rawValue))
            element.addAttribute(Self.attribute("target", edge.target.rawValue))
            Self.addData(edge.attributes, keys: edgeKeys, to: element)
            graphElement.addChild(element)
        }
        root.addChild(graphElement)
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return String(decoding: document.xmlData(options: [.nodePrettyPrint]), as: UTF8.self) + "\n"
    }

    /// An XML attribute node (Foundation's factory returns `Any`; it is always an XMLNode).
    static func attribute(_ name: String, _ value: String) -> XMLNode {
        XMLNode.attribute(withName: name, stringValue: value) as! XMLNode
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

    static func addData(_ attributes: [String: String], keys: [Key], to element: XMLElement) {
        for key in keys {
            guard let value = attributes[key.name] else { continue }
            let data = XMLElement(name: "data", stringValue: value)
            data.addAttribute(Self.attribute("key", key.id))
            element.addChild(data)
        }
    }
}
