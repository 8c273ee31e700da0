import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads GraphML (http://graphml.graphdrawing.org) with Foundation's XML parser: keys with
/// their names and defaults, one graph per file (directed or undirected as a whole), node and
/// edge data as attributes. Files from Gephi, yEd, NetworkX and igraph read without error:
/// data that holds markup (yEd's graphics) is left out, but a yEd node label becomes `label`.
public enum GraphMLReader {
    public static func read(_ data: Data, file: String) throws(Diagnostic) -> CollaborationGraph {
        // XMLDocument recovers from malformed input without a word; check well-formedness with
        // the event parser first, which also says where it broke. (swift-corelibs-foundation's
        // XMLParser returns true with an error set, and says nothing of an unclosed element, so
        // the error is checked and the elements are counted.)
        let checker = XMLParser(data: data)
        let balance = ElementBalance()
        checker.delegate = balance
        if !checker.parse() || checker.parserError != nil || balance.depth != 0 || !balance.sawRoot {
            throw Diagnostic(file: file, line: checker.lineNumber > 0 ? checker.lineNumber : nil,
                             message: "not well-formed XML (truncated, or an element left open)")
        }
        let document: XMLDocument
        do {
            document = try XMLDocument(data: data, options: [])
        } catch {
            let text = "\(error)"
            let line = text.range(of: "line ").flatMap { Int(text[$0.upperBound...].prefix(while: \.isNumber)) }
            throw Diagnostic(file: file, line: line, message: "not well-formed XML: \(error.localizedDescription)")
        }
        guard let root = document.rootElement(), root.localName == "graphml" else {
            throw Diagnostic(file: file, line: nil, message: "not GraphML: the root element is not <graphml>")
        }
        struct Key { let name: String, domain: String, defaultValue: String? }
        var keys: [String: Key] = [:]
        for element in children(of: root, named: "key") {
            guard let id = value(element, "id") else { continue }
            let defaultValue = children(of: element, named: "default").first?.stringValue
            keys[id] = Key(name: value(element, "attr.name") ?? id, domain: value(element, "for") ?? "all", defaultValue: defaultValue)
        }
        let graphs = children(of: root, named: "graph")
        guard graphs.count == 1, let graphElement = graphs.first else {
            throw Diagnostic(file: file, line: nil, message: graphs.isEmpty ? "the file holds no <graph>"
                             : "the file holds \(graphs.count) graphs; Samhandling reads one graph per file (split it)")
        }

        func attributes(of element: XMLElement, domain: String) -> [String: String] {
            var result: [String: String] = [:]
            for (_, key) in keys where (key.domain == domain || key.domain == "all") {
                if let defaultValue = key.defaultValue { result[key.name] = defaultValue }
            }
            for data in children(of: element, named: "data") {
                guard let id = value(data, "key") else { continue }
                let name = keys[id]?.name ?? id
                if (data.children ?? []).contains(where: { $0.kind == .element }) {
                    // yEd's graphics: keep only the text of its node label.
                    if let label = descendants(of: data, named: "NodeLabel").first?.stringValue?
                        .trimmingCharacters(in: .whitespacesAndNewlines), !label.isEmpty, result["label"] == nil {
                        result["label"] = label
                    }
                    continue
                }
                result[name] = data.stringValue ?? ""
            }
            return result
        }
        func html(_ attributes: inout [String: String]) -> Set<String> {
            guard let names = attributes.removeValue(forKey: GraphMLWriter.htmlKey) else { return [] }
            return Set(names.split(separator: " ").map(String.init))
        }

        var graphAttributes = attributes(of: graphElement, domain: "graph")
        let groupsText = graphAttributes.removeValue(forKey: GraphMLWriter.groupsKey)
        let strict = graphAttributes.removeValue(forKey: GraphMLWriter.strictKey) == "true"
        let graphHTML = html(&graphAttributes)
        let name = value(graphElement, "id") ?? ""
        var graph = CollaborationGraph(name: name == "G" ? "" : name,
                                       isDirected: value(graphElement, "edgedefault") != "undirected",
                                       isStrict: strict, attributes: graphAttributes)
        graph.htmlAttributes = graphHTML
        for element in children(of: graphElement, named: "node") {
            guard let id = value(element, "id") else {
                throw Diagnostic(file: file, line: nil, message: "a <node> has no id")
            }
            var values = attributes(of: element, domain: "node")
            let htmlNames = html(&values)
            graph.addNode(Node(id: NodeID(id), attributes: values, htmlAttributes: htmlNames))
        }
        for element in children(of: graphElement, named: "edge") {
            guard let source = value(element, "source"), let target = value(element, "target") else {
                throw Diagnostic(file: file, line: nil, message: "an <edge> has no source or target")
            }
            var values = attributes(of: element, domain: "edge")
            let htmlNames = html(&values)
            graph.addEdge(Edge(source: NodeID(source), target: NodeID(target), attributes: values, htmlAttributes: htmlNames))
        }
        if let groupsText {
            guard let groups = ModelJSON.groups(fromJSON: groupsText) else {
                throw Diagnostic(file: file, line: nil, message: "the \(GraphMLWriter.groupsKey) data is not valid")
            }
            graph.groups = groups
        }
        return graph.normalizingVocabulary()
    }

    private final class ElementBalance: NSObject, XMLParserDelegate {
        var depth = 0
        var sawRoot = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            sawRoot = true
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
        }
    }

    private static func children(of element: XMLElement, named name: String) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
    }

    private static func descendants(of element: XMLElement, named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for child in (element.children ?? []).compactMap({ $0 as? XMLElement }) {
            if child.localName == name { found.append(child) }
            found += descendants(of: child, named: name)
        }
        return found
    }

    /// An attribute's value. (swift-corelibs-foundation's attribute(forName:) misses names
    /// with a dot, such as `attr.name`.)
    private static func value(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }
}
