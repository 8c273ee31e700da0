import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

@Suite struct WholeGraphTests {
    private func ids(_ graph: SimpleGraph, _ indices: [Int]) -> [String] { indices.map { graph.ids[$0].rawValue } }

    @Test func pathStarCompleteAndSquare() {
        let path = Sketch.simple(["a-b", "b-c", "c-d"])
        #expect(path.betweenness().map { ($0 * 1e6).rounded() / 1e6 } == [0, 0.666667, 0.666667, 0])
        #expect(ids(path, path.cutStructure().articulationPoints) == ["b", "c"])
        #expect(path.cutStructure().bridges.count == 3)

        let star = Sketch.simple(["hub-a", "hub-b", "hub-c", "hub-d"])
        #expect(star.betweenness() == [1, 0, 0, 0, 0])
        #expect(ids(star, star.cutStructure().articulationPoints) == ["hub"])

        let complete = Sketch.simple(["a-b", "a-c", "a-d", "b-c", "b-d", "c-d"])
        #expect(complete.betweenness() == [0, 0, 0, 0])
        #expect(complete.cutStructure().articulationPoints.isEmpty && complete.cutStructure().bridges.isEmpty)

        // Two shortest paths between opposite corners: each middle node gets half.
        let square = Sketch.simple(["a-b", "b-c", "c-d", "d-a"])
        #expect(square.betweenness().allSatisfy { approximately($0, 1.0 / 6) })
        #expect(square.cutStructure().articulationPoints.isEmpty)
    }

    /// The whole graph's distance fragmentation comes from the betweenness searches
    /// (`--scope whole`): pinned by hand and against the helper-network routine.
    @Test func wholeGraphFragmentationsFromTheBetweennessSearches() {
        // Path a–b–c and a lone d: 6 of 12 ordered pairs connected, F = 0.5; Σ 1/d over
        // ordered pairs = 2 · (1 + 1 + 1/2) = 5, DF = 1 − 5/12.
        let graph = Sketch.simple(["a-b", "b-c"], isolated: ["d"])
        let (betweenness, inverse) = graph.betweennessAndInverseDistances()
        #expect(betweenness == graph.betweenness())
        #expect(approximately(inverse, 5))
        #expect(graph.fragmentation(of: [0, 1, 2, 3]) == 0.5)
        #expect(approximately(graph.distanceFragmentation(of: [0, 1, 2, 3]) ?? -1, 1 - 5.0 / 12))

        let square = Sketch.simple(["a-b", "b-c", "c-d", "d-a", "c-e"])
        #expect(approximately(1 - square.betweennessAndInverseDistances().inverseDistanceSum / 20,
                              square.distanceFragmentation(of: Array(0..<5)) ?? -1))

        // Degenerate: one edge (both connected, distance 1), two lone nodes, one node.
        #expect(Sketch.simple(["a-b"]).betweennessAndInverseDistances().inverseDistanceSum == 2)
        #expect(Sketch.simple([], isolated: ["a", "b"]).betweennessAndInverseDistances().inverseDistanceSum == 0)
        #expect(Sketch.simple([], isolated: ["a"]).betweennessAndInverseDistances().inverseDistanceSum == 0)
    }

    @Test func wholeGraphMeasuresCarryBothFragmentations() {
        let graph = Sketch.graph(
            [Node(id: "a", attributes: ["kind": "professional"]), Node(id: "b", attributes: ["kind": "professional"]),
             Node(id: "c", attributes: ["kind": "professional"]), Node(id: "d", attributes: ["kind": "professional"])],
            [Sketch.edge("a-b"), Sketch.edge("b-c")])
        let whole = graph.wholeGraphMeasures()
        #expect(whole.fragmentation == 0.5)
        #expect(approximately(whole.distanceFragmentation ?? -1, 1 - 5.0 / 12))
        let lone = Sketch.graph([Node(id: "a", attributes: ["kind": "professional"])]).wholeGraphMeasures()
        #expect(lone.fragmentation == nil && lone.distanceFragmentation == nil)
    }

    @Test func degenerateGraphs() {
        let empty = SimpleGraph(ids: [], edges: [])
        #expect(empty.betweenness().isEmpty)
        #expect(empty.componentLabels().count == 0)
        #expect(empty.cutStructure().articulationPoints.isEmpty)
        let pair = Sketch.simple(["a-b"], isolated: ["c"])
        #expect(pair.betweenness() == [0, 0, 0])
        #expect(pair.componentLabels().count == 2)
        #expect(pair.cutStructure().bridges.map { [$0.0, $0.1] } == [[0, 1]])
        #expect(pair.fragmentation(of: [0]) == nil)
    }

    @Test func disconnectedGraph() {
        // Two triangles joined by nothing, and a path of three.
        let graph = Sketch.simple(["a-b", "b-c", "c-a", "d-e", "e-f", "f-d", "x-y", "y-z"])
        #expect(graph.componentLabels().count == 3)
        #expect(ids(graph, graph.cutStructure().articulationPoints) == ["y"])
        #expect(graph.fragmentation(of: Array(0..<9)) == 1 - Double(6 + 6 + 6) / 72)
        // betweenness of y: (x,z) and (z,x) over (9 − 1)(9 − 2)
        #expect(approximately(graph.betweenness()[7], 2.0 / 56))
    }

    /// Borgatti (2006), Figure 8, with the values the project's oracles cite.
    @Test func borgatti2006Figure8() throws {
        let text = try Fixtures.text("borgatti2006-fig8-edges.csv")
        let pairs = text.split(separator: "\n").dropFirst().map { line -> String in
            line.replacingOccurrences(of: ",", with: "-")
        }
        let graph = Sketch.simple(pairs)
        #expect(graph.nodeCount == 32)
        #expect(graph.edgeCount == 56)
        let all = Array(0..<graph.nodeCount)
        #expect(graph.fragmentation(of: all) == 0)
        #expect(approximately(graph.distanceFragmentation(of: all), 0.64755, tolerance: 5e-6))

        var blocked = [Bool](repeating: false, count: graph.nodeCount)
        for id in ["HS", "HA", "GM"] { blocked[try #require(graph.ids.firstIndex(of: NodeID(id)))] = true }
        #expect(approximately(graph.fragmentation(of: all, blocked: blocked), 0.44335, tolerance: 5e-6))
        #expect(approximately(graph.distanceFragmentation(of: all, blocked: blocked), 0.74676, tolerance: 5e-6))

        #expect(ids(graph, graph.cutStructure().articulationPoints).sorted()
                == ["BM", "BS2", "BS3", "BW", "CD", "DI", "HA", "HB", "NP", "SR", "WD"])
        let betweenness = graph.betweenness()
        let top = betweenness.indices.sorted { betweenness[$0] > betweenness[$1] }.prefix(3)
        #expect(ids(graph, Array(top)) == ["BM", "HA", "WD"])
        for (id, value) in [("BM", 0.539785), ("HA", 0.513978), ("WD", 0.453226)] {
            let index = try #require(graph.ids.firstIndex(of: NodeID(id)))
            #expect(approximately(betweenness[index], value), "betweenness of \(id)")
        }
    }

    @Test func wholeGraphOfAHelperNetwork() {
        var graph = Sketch.helperNetwork(helpers: ["gp", "pn", "psy"], ties: ["gp-pn", "gp-psy", "gp-pn:message"],
                                         levels: ["gp": "municipal", "pn": "municipal", "psy": "dps"])
        graph.addEdge(Edge(source: "psy", target: "psy", attributes: ["kind": "collaboration"]))
        let m = graph.wholeGraphMeasures()
        #expect(m.nodes == 4)
        #expect(m.edges == 7)  // records as written
        #expect(m.density == 5.0 / 6)  // u–gp, u–pn, u–psy, gp–pn, gp–psy
        #expect(m.components == 1)
        #expect(m.articulationPoints.isEmpty)
        #expect(m.levelMixing == 0.5)  // gp–pn within, gp–psy across
        #expect(m.eiIndex == 0)
        #expect(m.centrality.map(\.degree) == [3, 3, 2, 2])
    }

    @Test func levelMixingIgnoresUsersUnknownLevelsAndOtherKinds() {
        let graph = Sketch.helperNetwork(helpers: ["a", "b", "c"], ties: ["a-b:member", "a-c"],
                                         levels: ["a": "municipal", "b": "dps"])
        let mixing = graph.levelMixing()
        #expect(mixing.share == nil && mixing.ei == nil)  // a–c: c has no level; a–b: a membership
        let across = Sketch.helperNetwork(helpers: ["a", "b"], ties: ["a-b:referral"], levels: ["a": "municipal", "b": "hospital"])
        #expect(across.levelMixing().ei == 1)
    }
}
