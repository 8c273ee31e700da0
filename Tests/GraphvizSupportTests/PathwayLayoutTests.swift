import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// The pathway view as Graphviz lays it out: no two texts overlap, and every text box is as
/// wide as the view asked for (Graphviz enlarges a box whose text is wider, so an estimate that
/// fell short would show here before it showed as an overlap).
@Suite(.serialized) struct PathwayLayoutTests {
    private func svg(of pathway: Pathway, dataEnd: Timestamp?, names: [String: String] = [:]) throws
        -> (SVGInspection, CollaborationGraph)
    {
        let view = PathwayView(options: PathwayOptions(dataEnd: dataEnd), names: names).styled(pathway)
        let data = try Renderer(engine: .neato, force: true).render(dot: DOTWriter().write(view))
        return (try #require(SVGInspection(data)), view)
    }

    private func checkTexts(_ svg: SVGInspection, _ view: CollaborationGraph, _ name: String) {
        let boxes = svg.nodes.filter { $0.title.hasPrefix("__text") }
        #expect(boxes.count == view.nodes.filter { $0.id.rawValue.hasPrefix("__text") }.count, "\(name): a text box is missing")
        for (i, a) in boxes.enumerated() {
            #expect(a.hasBox, "\(name): \(a.title) has no box")
            for b in boxes[(i + 1)...] {
                #expect(!a.intersects(b), "\(name): «\(a.texts.joined(separator: " "))» overlaps «\(b.texts.joined(separator: " "))»")
            }
        }
        for box in boxes {
            guard let node = view[NodeID(box.title)], !node.htmlAttributes.contains("label"),
                  let asked = Double(node.attributes["width"] ?? "") else { continue }
            #expect(box.width <= asked * 72 + 1, "\(name): «\(box.texts.joined())» is wider than estimated")
        }
    }

    @Test func theShippedHelperNetwork() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/helper-networks/one-year-26-helpers.dot")
        let graph = try DOTReader.read(text: try String(contentsOf: url, encoding: .utf8))
        let extracted = graph.pathways()
        let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { a, _ in a }
        let (inspection, view) = try svg(of: try #require(extracted.pathways.first), dataEnd: extracted.dataEnd, names: names)
        checkTexts(inspection, view, "one-year-26-helpers")
        // A year is at least 1,200 px wide (SVG points are 4/3 px).
        let ticks = inspection.nodes.filter { $0.title.hasPrefix("__visit") }
        let span = (ticks.map(\.maxX).max() ?? 0) - (ticks.map(\.minX).min() ?? 0)
        #expect(span * 4 / 3 >= 1_200)
        #expect(inspection.texts.contains("Dr Hansen") && inspection.texts.contains("follow-up 1.0 d"))
    }

    @Test func everyUserOfTheShippedEventLog() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Graphs/pathways/synthetic-event-log.csv")
        let (pathways, summary) = try EventLogReader(url: url, displayName: "log").readAll()
        #expect(pathways.count == 8)
        for pathway in pathways {
            let (inspection, view) = try svg(of: pathway, dataEnd: summary.dataEnd)
            checkTexts(inspection, view, pathway.user.rawValue)
        }
    }

    @Test(arguments: [60, 120])
    func generatedCrowdedNetworks(size: Int) throws {
        let graph = Generator.helperNetwork(size: size, seed: UInt64(size))
        let extracted = graph.pathways()
        let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.label) }) { a, _ in a }
        let (inspection, view) = try svg(of: try #require(extracted.pathways.first), dataEnd: extracted.dataEnd, names: names)
        checkTexts(inspection, view, "generated \(size)")
    }
}
