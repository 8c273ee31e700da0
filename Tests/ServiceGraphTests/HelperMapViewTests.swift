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

    /// A node's pinned position, relative to the user's (the view moves the whole drawing so
    /// that neato leaves it where it is).
    private func position(_ view: CollaborationGraph, _ id: NodeID) throws -> (x: Double, y: Double) {
        func pinned(_ id: NodeID) throws -> (x: Double, y: Double) {
            let pos = try #require(view[id]?.attributes["pos"])
            #expect(pos.hasSuffix("!"))  // pinned
            let parts = pos.dropLast().split(separator: ",").compactMap { Double($0) }
            return (parts[0], parts[1])
        }
        let p = try pinned(id), centre = try pinned("u")
        return (p.x - centre.x, p.y - centre.y)
    }

    private func radius(_ p: (x: Double, y: Double)) -> Double { (p.x * p.x + p.y * p.y).squareRoot() }

    private func turn(_ view: CollaborationGraph, _ id: NodeID) throws -> Double {
        let p = try position(view, id)
        let angle = atan2(p.x, p.y)  // clockwise from the top
        return angle < 0 ? angle + 2 * .pi : angle
    }

    @Test func userInTheCentreAndHelpersInRingsByVisits() throws {
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        let radii = try ["gp", "pn", "psy", "nurse", "sw"].map { radius(try position(view, NodeID($0))) }
        #expect(radii == radii.sorted() && Set(radii).count == 5, "rings by visits, inside out: \(radii)")
        #expect(view.attributes["layout"] == "neato")
        #expect(view.attributes["splines"] == "true")  // ties routed around the nodes
        // Five rings drawn in the background, numbered 1 to 5 on the rings.
        #expect(view.attributes["_background"]?.components(separatedBy: " e ").count == 6)
        #expect((1...5).allSatisfy { view[NodeID("__ring\($0)")]?.attributes["label"] == String($0) })
        #expect(view["__ring6"] == nil)
    }

    @Test func sectorsRunClockwiseFromTheTopInLevelOrder() throws {
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        // hospital, dps, municipal, state
        #expect(try turn(view, "nurse") < turn(view, "psy"))
        #expect(try turn(view, "psy") < turn(view, "gp"))
        #expect(try turn(view, "gp") < turn(view, "sw"))
    }

    /// Family and network: a sector of its own, last, ringed by dated meetings; the mother's
    /// tie to a helper drawn; relatives are not helpers (not dashed as isolated).
    @Test func relativesInASectorOfTheirOwn() throws {
        var graph = self.graph
        graph.addNode(Node(id: "mother", attributes: ["kind": "relative", "label": "Mother"]))
        graph.addNode(Node(id: "friend", attributes: ["kind": "relative"]))
        graph.addEdge(Edge(source: "u", target: "mother", attributes: ["kind": "informal", "dates": "2024-01-02 2024-02-02 2024-03-02 2024-04-02 2024-05-02"]))
        graph.addEdge(Edge(source: "u", target: "friend", attributes: ["kind": "informal"]))
        graph.addEdge(Edge(source: "mother", target: "psy", attributes: ["kind": "informal"]))
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        #expect(try turn(view, "mother") > turn(view, "sw") && turn(view, "friend") > turn(view, "sw"))
        #expect(abs(radius(try position(view, "mother")) - radius(try position(view, "pn"))) < 0.6)  // 5 meetings: ring 2 like pn
        #expect(radius(try position(view, "friend")) > radius(try position(view, "nurse")))  // no dated meeting: outermost
        #expect(view["mother"]?.attributes["fillcolor"] == Style.colors(for: .civil).fill)
        #expect(view.edges.contains { UnorderedPair($0.source, $0.target) == UnorderedPair("mother", "psy") })
        #expect(view.edges.filter { $0.source == "u" }.count == 7)
        #expect(view["mother"]?.attributes["style"]?.contains("dashed") == false)
        let legend = try #require(view["__legend"]?.attributes["label"])
        #expect(legend.contains("Family and civil society") && legend.contains("family or network and a helper"))
    }

    /// Only drawn rings are numbered, from 1 inside: with nobody met 8 times the legend still
    /// starts at 1.
    @Test func ringNumbersStartAtOne() throws {
        var graph = Sketch.helperNetwork(helpers: [])
        for (id, visits) in [("a", 2), ("b", 1)] {
            graph.addNode(Node(id: NodeID(id), attributes: ["kind": "professional", "level": "municipal"]))
            let dates = (0..<visits).map { String(format: "2024-01-%02d", $0 + 1) }.joined(separator: " ")
            graph.addEdge(Edge(source: "u", target: NodeID(id), attributes: ["kind": "contact", "dates": dates]))
        }
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        let legend = try #require(view["__legend"]?.attributes["label"])
        #expect(legend.contains(">1</FONT></TD><TD ALIGN=\"LEFT\">met 2–3 times"))
        #expect(legend.contains(">2</FONT></TD><TD ALIGN=\"LEFT\">met once"))
        #expect(!legend.contains(">3</FONT>") && view["__ring3"] == nil)
    }

    /// The centre grows to fit a long name, and the first ring stands outside it.
    @Test func theCentreFitsTheUsersLabel() throws {
        var graph = self.graph
        graph.updateNode("u") { $0.attributes["label"] = "Ingrid Marie Solheim-Bakken Johannessen (user)" }
        let view = try #require(HelperMapView().styled(graph, user: "u"))
        let width = try #require(Double(view["u"]?.attributes["width"] ?? ""))
        let lines = try #require(view["u"]?.attributes["label"]).components(separatedBy: "\\n")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { TextLayout.width(of: $0, points: 12) < width - 0.2 })
        #expect(radius(try position(view, "gp")) > width / 2)
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
        #expect(legend.contains("between helpers"))
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
