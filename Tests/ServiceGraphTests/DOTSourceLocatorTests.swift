import Testing
@testable import ServiceGraph

@Suite struct DOTSourceLocatorTests {
    let source = """
        // a comment naming gp -> psy
        digraph g {
          graph [title="gp"];
          /* block comment
             with nurse -> doc */
          gp [kind=professional,
              label="multi
        line"];
          "psy 1" [role="x"]; nurse
          gp -> "psy 1" [kind=collaboration];
          nurse -> gp;
          gp -> "psy 1";
          subgraph cluster_a { doc; }
          user -> { gp nurse } [kind=contact];
          x:port -> y:n;
        }
        """

    @Test func nodesAtTheirFirstStatement() {
        let locator = DOTSourceLocator(text: source)
        #expect(locator.line(ofNode: "gp") == 6)
        #expect(locator.line(ofNode: "psy 1") == 9)
        #expect(locator.line(ofNode: "nurse") == 9)
        #expect(locator.line(ofNode: "doc") == 13)
        #expect(locator.line(ofNode: "user") == 14)
        #expect(locator.line(ofNode: "port") == nil)  // a port is not a node
        #expect(locator.line(ofNode: "title") == nil)
        #expect(locator.line(ofNode: "cluster_a") == nil)
    }

    @Test func edgesByOccurrence() {
        let locator = DOTSourceLocator(text: source)
        #expect(locator.line(ofEdgeFrom: "gp", to: "psy 1", occurrence: 0) == 10)
        #expect(locator.line(ofEdgeFrom: "gp", to: "psy 1", occurrence: 1) == 12)
        #expect(locator.line(ofEdgeFrom: "nurse", to: "gp", occurrence: 0) == 11)
        #expect(locator.line(ofEdgeFrom: "user", to: "nurse", occurrence: 0) == 14)
        #expect(locator.line(ofEdgeFrom: "x", to: "y", occurrence: 0) == 15)
        // Undirected files may store the ends the other way round.
        #expect(locator.line(ofEdgeFrom: "psy 1", to: "gp", occurrence: 0) == 10)
    }

    @Test func sourceLinesForAGraph() {
        var graph = CollaborationGraph()
        graph.addEdge(Edge(source: "gp", target: "psy 1"))
        graph.addEdge(Edge(source: "gp", target: "psy 1"))
        let lines = DOTSourceLocator(text: source).sourceLines(for: graph)
        #expect(lines.edges == [10, 12])
        #expect(lines.nodes["gp"] == 6)
    }

    @Test func escapedQuotesAndNegativeNumbers() {
        let locator = DOTSourceLocator(text: "graph {\n\"say \\\"hi\\\"\" -- -5\n a--b }")
        #expect(locator.line(ofNode: "say \"hi\"") == 2)
        #expect(locator.line(ofNode: "-5") == 2)
        #expect(locator.line(ofEdgeFrom: "a", to: "b", occurrence: 0) == 3)
    }
}
