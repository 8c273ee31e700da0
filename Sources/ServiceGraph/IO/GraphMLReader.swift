import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads GraphML (http://graphml.graphdrawing.org) with Foundation's event parser: keys with
/// their names and defaults, one graph per file (directed or undirected as a whole), node and
/// edge data as attributes. Files from Gephi, yEd, NetworkX and igraph read without error:
/// data that holds markup (yEd's graphics) is left out, but a yEd node label becomes `label`.
///
/// A node holding a `<graph>` of its own (GraphML's nested graphs; a yEd group or folder,
/// `yfiles.foldertype="group"`) is a group, not a node: `cluster_<id>`, its data as the group's
/// attributes, the label its shown realizer draws (yEd keeps an open and a closed one) as
/// `label`, the nodes inside at any depth as members, and an enclosing group as its parent.
/// Edges are read wherever they are written (yEd puts them all at the top). An edge to a group
/// itself keeps the group as a node too, with the same data, so that the tie is not lost.
public enum GraphMLReader {
    /// An entity reference that is not one of XML's own five (`&amp;` `&lt;` `&gt;` `&quot;`
    /// `&apos;`) or a character reference, or a document type declaring entities: its line and
    /// what to say. Foundation's parser drops an undeclared entity without a word (`A&xxe;B`
    /// read as `AB`), and a declared one could pull in a file (XXE); GraphML needs neither.
    /// Comments and CDATA sections are skipped.
    static func entityProblem(in data: Data) -> (Int, String)? {
        let bytes = [UInt8](data)
        let own: Set<String> = ["amp", "lt", "gt", "quot", "apos"]
        var line = 1, index = 0
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            return position + pattern.count <= bytes.count && Array(bytes[position..<position + pattern.count]) == pattern
        }
        func skip(to end: String) {
            while index < bytes.count && !starts(end, at: index) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            index += end.utf8.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: "<") {
                if starts("<!--", at: index) { skip(to: "-->"); continue }
                if starts("<![CDATA[", at: index) { skip(to: "]]>"); continue }
                if starts("<!DOCTYPE", at: index) || starts("<!ENTITY", at: index) {
                    return (line, "a document type declaration (<!DOCTYPE …>) is not read: GraphML needs none, and its entities could pull in other files")
                }
            }
            if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < bytes.count, end - index <= 40, bytes[end] != UInt8(ascii: ";"), bytes[end] != UInt8(ascii: "&"),
                      bytes[end] != UInt8(ascii: "<"), bytes[end] > 0x20 { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<min(end, bytes.count)], as: UTF8.self)
                if end < bytes.count, bytes[end] == UInt8(ascii: ";"), !name.hasPrefix("#"), !own.contains(name) {
                    return (line, "the entity &\(name); is not one of XML's own (&amp; &lt; &gt; &quot; &apos;): write the character itself")
                }
            }
            index += 1
        }
        return nil
    }

    public static func read(_ data: Data, file: String) throws(Diagnostic) -> CollaborationGraph {
        try readDocument(data, file: file).graph
    }

    /// The graph, and the XML attributes of its `<graphml>` and `<graph>` elements as written
    /// (`nc:caseId`; the graph's where both have one of a name, in any case): GraphML's own are read into the graph,
    /// but other tools keep metadata of their own there (Network Canvas its case and session).
    public static func readDocument(_ data: Data, file: String) throws(Diagnostic)
        -> (graph: CollaborationGraph, elementAttributes: [String: String])
    {
        // The event parser builds a small tree of our own. (swift-corelibs-foundation's
        // XMLDocument leaks every document it reads — its nodes and the document hold each other
        // strongly — and recovers from malformed input without a word; its XMLParser returns true
        // with an error set and says nothing of an unclosed element, so both are checked here.)
        // Foundation's XMLParser traps on a name or text that is not UTF-8 (found by fuzzing: a
        // Latin-1 'é' in an attribute name crashed the tool), so the bytes are checked first.
        // GraphML from Gephi, yEd, NetworkX and igraph is UTF-8.
        guard String(data: data, encoding: .utf8) != nil else {
            throw Diagnostic(file: file, line: TextFile.firstInvalidLine(data[...]),
                             message: "the file is not UTF-8 text (Samhandling reads GraphML in UTF-8)")
        }
        if let (line, problem) = entityProblem(in: data) { throw Diagnostic(file: file, line: line, message: problem) }
        let parser = XMLParser(data: data)
        let builder = TreeBuilder()
        parser.delegate = builder
        if !parser.parse() || parser.parserError != nil || builder.open.count != 1 {
            throw Diagnostic(file: file, line: parser.lineNumber > 0 ? parser.lineNumber : nil,
                             message: "not well-formed XML (truncated, or an element left open)")
        }
        guard let root = builder.open[0].children.first, root.name == "graphml" else {
            throw Diagnostic(file: file, line: nil, message: "not GraphML: the root element is not <graphml>")
        }
        struct Key { let name: String, domain: String, defaultValue: String? }
        var keys: [String: Key] = [:]
        for element in children(of: root, named: "key") {
            guard let id = value(element, "id") else { continue }
            let defaultValue = children(of: element, named: "default").first?.text
            keys[id] = Key(name: value(element, "attr.name") ?? id, domain: value(element, "for") ?? "all", defaultValue: defaultValue)
        }
        let graphs = children(of: root, named: "graph")
        guard graphs.count == 1, let graphElement = graphs.first else {
            throw Diagnostic(file: file, line: nil, message: graphs.isEmpty ? "the file holds no <graph>"
                             : "the file holds \(graphs.count) graphs; Samhandling reads one graph per file (split it)")
        }

        func attributes(of element: Element, domain: String) -> [String: String] {
            var result: [String: String] = [:]
            for (_, key) in keys where (key.domain == domain || key.domain == "all") {
                if let defaultValue = key.defaultValue { result[key.name] = defaultValue }
            }
            for data in children(of: element, named: "data") {
                guard let id = value(data, "key") else { continue }
                let name = keys[id]?.name ?? id
                if !data.children.isEmpty {
                    // yEd's graphics: keep only the text of its node label.
                    if let label = yEdLabel(in: data), result["label"] == nil { result["label"] = label }
                    continue
                }
                result[name] = data.text
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
        // Nodes depth first in document order, then every edge in document order, so an edge
        // written before its ends (in a nested graph) does not create them without their data.
        var nested: [Group] = []
        var groupNodes: [NodeID: Node] = [:]
        var edgeElements: [Element] = []
        func read(_ element: Element, in group: String?) throws(Diagnostic) -> [NodeID] {
            var members: [NodeID] = []
            for child in element.children {
                if child.name == "edge" { edgeElements.append(child); continue }
                guard child.name == "node" else { continue }
                guard let id = value(child, "id") else {
                    throw Diagnostic(file: file, line: child.line, message: "a <node> has no id")
                }
                var values = attributes(of: child, domain: "node")
                let htmlNames = html(&values)
                let node = Node(id: NodeID(id), attributes: values, htmlAttributes: htmlNames)
                let inner = children(of: child, named: "graph")
                guard !inner.isEmpty else {
                    graph.addNode(node)
                    members.append(node.id)
                    continue
                }
                let groupID = "cluster_" + id
                let index = nested.count
                nested.append(Group(id: groupID, attributes: node.attributes, parent: group, htmlAttributes: node.htmlAttributes))
                groupNodes[node.id] = node
                var inside: [NodeID] = []
                for subgraph in inner { inside += try read(subgraph, in: groupID) }
                nested[index].members = inside
                members += inside
            }
            return members
        }
        _ = try read(graphElement, in: nil)
        for element in edgeElements {
            guard let source = value(element, "source"), let target = value(element, "target") else {
                throw Diagnostic(file: file, line: element.line, message: "an <edge> has no source or target")
            }
            for end in [NodeID(source), NodeID(target)] where graph[end] == nil {
                if let groupNode = groupNodes[end] { graph.addNode(groupNode) }
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
        var groupIDs = Set(graph.groups.map(\.id))
        for group in nested where !groupIDs.insert(group.id).inserted {
            throw Diagnostic(file: file, line: nil, message: "two groups are named \(group.id) (a nested graph's node and a group of the \(GraphMLWriter.groupsKey) data)")
        }
        graph.groups += nested
        var elementAttributes = graphElement.attributes
        let onGraph = Set(graphElement.attributes.keys.map { $0.lowercased() })
        for (name, value) in root.attributes where !onGraph.contains(name.lowercased()) { elementAttributes[name] = value }
        return (graph.normalizingVocabulary(), elementAttributes)
    }

    /// The text of a yEd node label in a `<data>` holding yEd's graphics. A group's
    /// `y:ProxyAutoBoundsNode` holds one `y:GroupNode` realizer per state (open, closed), each
    /// with its own label; `y:Realizers active="…"` names the one shown.
    private static func yEdLabel(in data: Element) -> String? {
        var scope = data
        if let realizers = descendants(of: data, named: "Realizers").first {
            let active = value(realizers, "active").flatMap { Int($0) } ?? 0
            if realizers.children.indices.contains(active) { scope = realizers.children[active] }
        }
        return descendants(of: scope, named: "NodeLabel").lazy
            .map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
    }

    /// An element as read: its local name, attributes, child elements, all the text inside it
    /// (as XPath's string value: descendants' text included), and the line it starts on.
    private final class Element {
        let name: String
        let attributes: [String: String]
        let line: Int
        var children: [Element] = []
        var text = ""

        init(name: String, attributes: [String: String], line: Int) {
            self.name = name
            self.attributes = attributes
            self.line = line
        }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        /// The elements open now, outermost first, under a document element.
        var open = [Element(name: "", attributes: [:], line: 0)]

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let element = Element(name: localName(name), attributes: attributes, line: parser.lineNumber)
            open[open.count - 1].children.append(element)
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard open.count > 1 else { return }
            let closed = open.removeLast()
            // Text is only ever read inside <data> and <default> (yEd's labels sit deep in
            // <data>); the structural elements need not copy their children's text up.
            let parent = open[open.count - 1]
            if !Self.structural.contains(parent.name) { parent.text += closed.text }
        }

        static let structural: Set<String> = ["", "graphml", "graph", "node", "edge", "key", "hyperedge", "port"]

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open[open.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            open[open.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        private func localName(_ name: String) -> String {
            name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
        }
    }

    private static func children(of element: Element, named name: String) -> [Element] {
        element.children.filter { $0.name == name }
    }

    private static func descendants(of element: Element, named name: String) -> [Element] {
        var found: [Element] = []
        for child in element.children {
            if child.name == name { found.append(child) }
            found += descendants(of: child, named: name)
        }
        return found
    }

    private static func value(_ element: Element, _ name: String) -> String? {
        element.attributes[name] ?? element.attributes.first { $0.key.hasSuffix(":" + name) }?.value
    }
}
