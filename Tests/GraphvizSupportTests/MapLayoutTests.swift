import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// The helper-network map as neato lays it out: no tie runs through the box of a node other
/// than its two ends (not the user, not an isolated helper, not a label), and the rings drawn
/// in the background are centred on the user.
@Suite(.serialized) struct MapLayoutTests {
    @discardableResult
    private func check(_ graph: CollaborationGraph, user: NodeID, _ name: String, in calendar: CalendarPeriod? = nil) throws -> (SVGInspection, String) {
        let view = try #require(HelperMapView().styled(graph, user: user, in: calendar, span: calendar.map { _ in "2024Q1–2024Q4" }))
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
        return (svg, text)
    }

    /// `--by quarter`: each quarter's map of the 26-helper network keeps every helper where the
    /// whole year's map has them, draws the helpers met in that quarter and no other, and routes
    /// its ties around the boxes as the whole map does.
    @Test func mapsByQuarterKeepPositions() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/one-year-26-helpers.dot")
        let graph = try DOTReader.read(text: try String(contentsOf: url, encoding: .utf8))
        // Centres relative to the user's (a period's legend has one line more, so its picture may be taller).
        func centres(_ svg: SVGInspection) throws -> [String: (Double, Double)] {
            let user = try #require(svg.nodes.first { $0.title == "kari" })
            let (ux, uy) = ((user.minX + user.maxX) / 2, (user.minY + user.maxY) / 2)
            return Dictionary(svg.nodes.filter(\.hasBox).map { ($0.title, (($0.minX + $0.maxX) / 2 - ux, ($0.minY + $0.maxY) / 2 - uy)) }) { a, _ in a }
        }
        let year = try centres(try check(graph, user: "kari", "the year").0)
        let dates = try #require(graph.dateRange())
        let quarters = PeriodStep.quarter.periods(first: dates.first, last: dates.last)
        #expect(quarters.map(\.label) == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"])
        var seen = Set<String>()
        var frames: Set<String> = []
        for quarter in quarters {
            let (svg, text) = try check(graph, user: "kari", quarter.label, in: quarter)
            let drawn = try centres(svg)
            let met = Set(graph.helpers(of: "kari", period: quarter.period).map(\.rawValue))
            let helpers = Set(graph.helpers(of: "kari").map(\.rawValue))
            #expect(Set(drawn.keys).intersection(helpers) == met, "\(quarter.label): the helpers drawn are not those met")
            for (id, point) in drawn where !id.hasPrefix("__legend") {
                let whole = try #require(year[id], "\(quarter.label): \(id) is not on the year's map")
                #expect(abs(point.0 - whole.0) < 0.5 && abs(point.1 - whole.1) < 0.5, "\(quarter.label): \(id) moved")
            }
            // Every quarter's picture is the same size with the user at the same place on the page
            // (Graphviz writes graph coordinates, shifted by the root group's translate).
            let user = try #require(svg.nodes.first { $0.title == "kari" })
            let shift = try #require(text.firstMatch(of: /<svg width="([\d.]+)pt" height="([\d.]+)pt"[\s\S]*?translate\(([-\d.]+) ([-\d.]+)\)/))
            let page = (Double(shift.3)! + (user.minX + user.maxX) / 2, Double(shift.4)! + (user.minY + user.maxY) / 2)
            frames.insert("\(shift.1)×\(shift.2) at \(Int(page.0.rounded())),\(Int(page.1.rounded()))")
            seen.formUnion(met)
        }
        #expect(frames.count == 1, "the user stands at \(frames) in the quarters' pictures")
        #expect(seen == Set(graph.helpers(of: "kari").map(\.rawValue)))  // every helper is on some quarter's map
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
