import Foundation
import ServiceGraph
import Testing

/// GraphML is written as text by the project (Foundation's XMLDocument leaks on Linux), so its
/// escaping is pinned here: whatever XML 1.0 can carry comes back unchanged.
struct GraphMLEscapingTests {
    private func roundTrip(_ graph: CollaborationGraph) throws -> CollaborationGraph {
        try GraphMLReader.read(Data(GraphMLWriter().write(graph).utf8), file: "t.graphml")
    }

    @Test func markupLineEndsAndQuotesSurvive() throws {
        var graph = CollaborationGraph(name: "a \"quoted\" & <odd> name")
        graph.attributes["label"] = "line one\r\nline two\rthree\n\tindented ]]> end"
        graph.addNode(Node(id: "id with\ttab\nand newline", attributes: ["label": "  spaced  ", "note": "<b>&amp;</b>"]))
        graph.addNode(Node(id: "ø", attributes: ["label": "Sjukepleiar på Åndalsnes 🙂"]))
        graph.addEdge(Edge(source: "id with\ttab\nand newline", target: "ø", attributes: ["date": "2024-01-02"]))
        let written = GraphMLWriter().write(graph)
        #expect(written.contains("&#13;"))
        #expect(written.contains("id=\"id with&#9;tab&#10;and newline\""))
        #expect(try roundTrip(graph) == graph)
    }

    @Test func charactersXMLCannotCarryBecomeTheReplacementCharacter() throws {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "a\u{1}b", attributes: ["label": "bell\u{7} and nul\u{0}"]))
        let back = try roundTrip(graph)
        #expect(back.nodes.map(\.id) == ["a\u{FFFD}b"])
        #expect(back.nodes.first?.attributes["label"] == "bell\u{FFFD} and nul\u{FFFD}")
    }

    @Test func emptyValuesAndEmptyGraphSurvive() throws {
        var graph = CollaborationGraph(isDirected: false)
        #expect(try roundTrip(graph) == graph)
        graph.addNode(Node(id: "n", attributes: ["label": ""]))
        #expect(try roundTrip(graph) == graph)
    }
}
