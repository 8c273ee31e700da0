import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ServiceGraph

@Suite struct GraphMLWriterTests {
    @Test func typedKeysAndEscapedValues() throws {
        var graph = CollaborationGraph(name: "g", isDirected: false, attributes: ["title": "<T> & co"])
        graph.addNode(Node(id: "a", attributes: ["label": #"<script>"x"</script>"#, "mh_fte": "0.5"]))
        graph.addNode(Node(id: "b", attributes: ["mh_fte": "2.0", "code": "007", "share": "1.50"]))
        graph.addEdge(Edge(source: "a", target: "b", attributes: ["count": "3"]))
        let text = GraphMLWriter().write(graph)
        let document = try XMLDocument(xmlString: text)
        let keys = try document.nodes(forXPath: "//*[local-name()='key']").compactMap { $0 as? XMLElement }
        // swift-corelibs-foundation's attribute(forName:) misses names with a dot; read the list.
        func value(_ element: XMLElement, _ name: String) -> String? {
            element.attributes?.first { $0.name == name }?.stringValue
        }
        let byName = Dictionary(keys.map { (value($0, "attr.name") ?? "?", value($0, "attr.type") ?? "?") }) { first, _ in first }
        #expect(byName == ["title": "string", "label": "string", "mh_fte": "double", "count": "int", "code": "string",
                           "share": "string"])
        let graphElement = try #require(try document.nodes(forXPath: "//*[local-name()='graph']").first as? XMLElement)
        #expect(value(graphElement, "edgedefault") == "undirected")
        #expect(text.contains("&lt;script&gt;"))
        #expect(!text.contains("<script>"))
        let data = try document.nodes(forXPath: "//*[local-name()='node'][@id='a']/*[local-name()='data']").map(\.stringValue)
        #expect(data.contains(#"<script>"x"</script>"#))  // the value survives, escaped in the file
    }
}
