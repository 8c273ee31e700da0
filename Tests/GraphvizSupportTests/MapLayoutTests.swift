import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// The helper-network map as neato lays it out: no tie runs through the box of a node other
/// than its two ends (not the user, not an isolated helper, not a label), and the rings drawn
/// in the background are centred on the user.
@Suite(.serialized) struct MapLayoutTests {
    private func check(_ graph: CollaborationGraph, user: NodeID, _ name: String) throws {
        let view = try #require(HelperMapView().styled(graph, user: user))
        let (data, messages) = try Renderer(engine: .neato, force: true).renderWithMessages(dot: DOTWriter().write(view))
        // neato falls back to straight lines, with a warning, when nodes touch.
        #expect(messages.isEmpty, "\(name): Graphviz said \(messages)")
        let svg = try #require(SVGInspection(data))
        let boxes = Dictionary(svg.nodes.map { ($0.title, $0) }) { a, _ in a }
        let drawn = view.nodes.filter { $0.attributes["style"] != "invis" }
        #expect(drawn.allSatisfy { boxes[$0.id.rawValue]?.hasBox == true }, "\(name): a node is not drawn")
        #expect(svg.edges.count == view.edges.count, "\(name): a tie is not drawn")
        for edge in svg.edges {
            let ends = edge.title.components(separatedBy: "--")
            let others = svg.nodes.filter { !ends.contains($0.title) }
            for (x, y) in SVGInspection.curve(edge.points) {
                if let hit = others.first(where: { $0.contains(x, y) }) {
                    Issue.record("\(name): the tie \(edge.title) runs through \(hit.title) at (\(Int(x)), \(Int(y)))")
                    break
                }
            }
        }
        // The rings are drawn about the user.
        let user = try #require(boxes[user.rawValue])
        let text = String(decoding: data, as: UTF8.self)
        let rings = text.components(separatedBy: "<ellipse fill=\"none\" stroke=\"#bdbdbd\"").dropFirst()
        #expect(!rings.isEmpty, "\(name): no rings drawn")
        for ring in rings {
            func value(_ name: String) -> Double? {
                ring.components(separatedBy: " \(name)=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) }
            }
            #expect(abs((value("cx") ?? .nan) - (user.minX + user.maxX) / 2) < 1, "\(name): a ring is not centred on the user")
            #expect(abs((value("cy") ?? .nan) - (user.minY + user.maxY) / 2) < 1, "\(name): a ring is not centred on the user")
        }
    }

    @Test func theShippedHelperNetworks() throws {
        for file in ["one-year-26-helpers.dot", "interview-15-helpers.dot"] {
            let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/" + file)
            let graph = try DOTReader.read(text: try String(contentsOf: url, encoding: .utf8))
            for user in graph.users { try check(graph, user: user.id, file) }
        }
    }

    /// Generated networks of 20 to 60 people, with a mother, a sister and a friend, the mother
    /// and the friend tied to helpers.
    @Test(arguments: [1, 2, 3, 5, 8, 13, 21])
    func generatedNetworks(seed: Int) throws {
        var graph = Generator.helperNetwork(size: seed == 21 ? 68 : 20 + seed * 3, seed: UInt64(seed))
        let helpers = graph.nodes.filter { $0.kind == .professional }.map(\.id)
        for (id, visits) in [("mother", 5), ("sister", 2), ("friend", 0)] {
            graph.addNode(Node(id: NodeID(id), attributes: ["kind": "relative", "label": id.capitalized]))
            let dates = (0..<visits).map { String(format: "2024-03-%02d", $0 + 1) }.joined(separator: " ")
            graph.addEdge(Edge(source: "user", target: NodeID(id), attributes: visits > 0 ? ["kind": "informal", "dates": dates] : ["kind": "informal"]))
        }
        graph.addEdge(Edge(source: "mother", target: helpers[0], attributes: ["kind": "informal"]))
        graph.addEdge(Edge(source: "mother", target: helpers[helpers.count / 2], attributes: ["kind": "informal"]))
        graph.addEdge(Edge(source: "friend", target: helpers[helpers.count - 1], attributes: ["kind": "informal"]))
        try check(graph, user: "user", "generated \(seed)")
    }
}
