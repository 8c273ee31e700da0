import Foundation
import Testing
@testable import ServiceGraph

@Suite struct HelperMapViewTests {
    /// u met gp 9 times, pn 5 times, psy twice, ward nurse once, sw never (undated).
    private var graph: CollaborationGraph {
        var graph = Sketch.helperNetwork(helpers: [], levels: [:])
        let visits = ["gp": 9, "pn": 5, "psy": 2, "nurse": 1, "sw": 0]
        let levels = ["gp": "municipal", "pn": "municipal", "psy": "dps", "nurse": "hospital", "sw": "state"]
        for id in ["gp", "pn", "psy", "nurse", "sw"] {
            graph.addNode(Node(id: NodeID(id), attributes: ["kind": "professional", "level": levels[id]!]))
            let dates = (0..<visits[id]!).map { String(format: "2024-01-%02d", $0 + 1) }.joined(separator: " ")
            graph.addEdge(Edge(source: "u", target: NodeID(id), attributes: dates.isEmpty ? ["kind": "contact"] : ["kind": "contact", "dates": dates]))
        }
        graph.addEdge(Edge(source: "gp", target: "pn", attributes: ["kind": "collaboration"]))
        graph.addEdge(Edge(source: "pn", target: "gp", attributes: ["kind": "message"]))
        graph.updateNode("gp") { $0.attributes["coordinator"] = "true" }
        return graph
    }

    private func position(_ view: CollaborationGraph, _ id: NodeID) throws -> (x: Double, y: Double) {
        let pos = try #require(view[id]?.attributes["pos"])
        #expect(pos.hasSuffix("!"))  // pinned
        let parts = pos.dropLast().split(separator: ",").compactMap { Double($0) }
        return (parts[0], parts[1])
    }

    private func radius(_ p: (x: Double, y: Double)) -> Double { (p.x * p.x + p.y * p.y).squareRoot() }

    @Test func userInTheCentreAndHelpersInRingsByVisits() throws {
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        #expect(try position(view, "u") == (0, 0))
        let first = HelperMapView.firstRadius, step = HelperMapView.ringSpacing
        for (id, ring) in [("gp", 0), ("pn", 1), ("psy", 2), ("nurse", 3), ("sw", 4)] {
            let r = radius(try position(view, NodeID(id)))
            #expect(abs(r - (first + step * Double(ring))) < 0.33 + 1e-9, "\(id) should sit on ring \(ring + 1), at radius \(r)")
        }
        #expect(view.attributes["layout"] == "neato")
    }

    @Test func sectorsRunClockwiseFromTheTopInLevelOrder() throws {
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        func turn(_ id: NodeID) throws -> Double {
            let p = try position(view, id)
            let angle = atan2(p.x, p.y)  // clockwise from the top
            return angle < 0 ? angle + 2 * .pi : angle
        }
        // hospital, dps, municipal, state
        #expect(try turn("nurse") < turn("psy"))
        #expect(try turn("psy") < turn("gp"))
        #expect(try turn("gp") < turn("sw"))
    }

    @Test func tiesIsolationCoordinatorAndLegend() throws {
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        let helperTies = view.edges.filter { $0.attributes["color"] == "#0072B2" }
        #expect(helperTies.count == 1)  // gp–pn, drawn once for two records
        #expect(view.edges.filter { $0.source == "u" }.count == 5)
        // psy, nurse and sw cannot reach another helper without the user.
        for id in ["psy", "nurse", "sw"] { #expect(view[NodeID(id)]?.attributes["style"]?.contains("dashed") == true) }
        #expect(view["gp"]?.attributes["style"]?.contains("dashed") == false)
        #expect(view["gp"]?.attributes["peripheries"] == "2")
        let legend = try #require(view["__legend"]?.attributes["label"])
        #expect(legend.contains("met 8 times or more") && legend.contains("no dated contact"))
        #expect(legend.contains("reaches no other helper without the user"))
    }

    @Test func stableBetweenRuns() throws {
        let first = DOTWriter().write(try #require(HelperMapView().styled(graph, user: "u")))
        let second = DOTWriter().write(try #require(HelperMapView().styled(graph, user: "u")))
        #expect(first == second)
    }

    @Test func norwegian() throws {
        let view = try #require(HelperMapView(language: .nb).styled(graph, user: "u"))
        #expect(view.attributes["label"]?.hasPrefix("Hjelpenettverkskart") == true)
        #expect(view["__legend"]?.attributes["label"]?.contains("møtt én gang") == true)
    }

    @Test func onlyForUsers() {
        #expect(HelperMapView().styled(graph, user: "gp") == nil)
        #expect(HelperMapView().styled(graph, user: "nobody") == nil)
    }

    @Test func aUserWithoutHelpers() throws {
        let view = try #require(HelperMapView().styled(Sketch.helperNetwork(helpers: []), user: "u"))
        #expect(view["u"] != nil)
        #expect(view.edges.isEmpty)
    }
}
