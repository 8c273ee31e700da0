import Foundation
import Testing
@testable import ServiceGraph

/// The edit language, parsed and applied to small graphs whose results are worked out by hand.
@Suite struct EditScriptTests {
    private func apply(_ text: String, to graph: CollaborationGraph) throws -> (CollaborationGraph, ScenarioMarks) {
        try graph.applying(EditScript(text: text, file: "e.txt"))
    }

    private func kinds(_ graph: CollaborationGraph) -> [String] {
        graph.edges.map { "\($0.source)-\($0.target):\($0.attributes["kind"] ?? "")" }
    }

    @Test func wordsCommentsAndQuotes() throws {
        let script = try EditScript(text: "# intro\n\nset a label=\"Two words\" # note\n  remove   b\r\n", file: "e.txt")
        #expect(script.lines.map(\.number) == [3, 4])
        #expect(script.lines.map(\.text) == ["set a label=\"Two words\" # note", "remove   b"])
        #expect(script.lines[0].edit == .set("a", ["label": "Two words"]))
    }

    @Test func mergeMovesEveryEdgeDropsTheTieBetweenAndDuplicates() throws {
        // a–b, a–c, b–c, b–d; merging b into a: a–c (twice: one is b–c's, a duplicate, dropped),
        // a–d; the a–b tie goes; b's membership in group g becomes a's.
        var graph = Sketch.graph([Node(id: "a"), Node(id: "b"), Node(id: "c"), Node(id: "d")],
                                 ["a-b", "a-c", "b-c", "b-d"].map(Sketch.edge))
        graph.groups = [Group(id: "g", members: ["b", "c"])]
        let (merged, marks) = try apply("merge b into a", to: graph)
        #expect(merged.nodes.map(\.id) == ["a", "c", "d"])
        #expect(kinds(merged) == ["a-c:collaboration", "a-d:collaboration"])
        #expect(merged.groups[0].members == ["c", "a"])
        #expect(marks.removed.map(\.id) == ["b"] && marks.changed == ["a"])
    }

    @Test func mergeKeepsEveryEventAndDropsTiesDoubledInEitherOrder() throws {
        // Two same-day visits to two professionals stay two visits when one merges into the
        // other; in an undirected graph a–b merged with c–a leaves one a–c tie.
        var log = Sketch.graph([Node(id: "u", attributes: ["kind": "user"]), Node(id: "p1"), Node(id: "p2")])
        for actor in ["p1", "p2"] {
            log.addEdge(Edge(source: "u", target: NodeID(actor), attributes: ["kind": "contact", "date": "2024-03-01", "service": "s"]))
        }
        #expect(try apply("merge p1 into p2", to: log).0.edges.count == 2)
        var undirected = Sketch.graph([Node(id: "a"), Node(id: "b"), Node(id: "c")], ["a-b", "c-a"].map(Sketch.edge))
        undirected.isDirected = false
        #expect(kinds(try apply("merge b into c", to: undirected).0) == ["c-a:collaboration"])
    }

    @Test func moveRedrawsTheLineAndRefusesACycle() throws {
        let chart = Sketch.graph([Node(id: "top"), Node(id: "mid"), Node(id: "low")],
                                 ["mid-top:reports_to", "low-mid:reports_to"].map(Sketch.edge))
        let (moved, marks) = try apply("move low under top", to: chart)
        #expect(kinds(moved) == ["mid-top:reports_to", "low-top:reports_to"])
        #expect(marks.moved == ["low"])
        #expect(throws: Diagnostic.self) { try apply("move top under low", to: chart) }
        #expect(throws: Diagnostic.self) { try apply("tie top low kind=reports_to", to: chart) }
    }

    @Test func relevelChangesNodesEdgesAndGroupsAtTheLevel() throws {
        var graph = Sketch.graph([Node(id: "a", attributes: ["level": "dps"]), Node(id: "b", attributes: ["level": "2"]),
                                  Node(id: "c", attributes: ["level": "municipal"])])
        graph.addEdge(Edge(source: "a", target: "c", attributes: ["kind": "contact", "level": "distrikt"]))
        let (relevelled, marks) = try apply("relevel dps municipal", to: graph)
        #expect(relevelled.nodes.map { $0.attributes["level"] } == ["municipal", "municipal", "municipal"])
        #expect(relevelled.edges[0].attributes["level"] == "municipal")
        #expect(marks.relevelled == ["a", "b"])
        #expect(throws: Diagnostic.self) { try apply("relevel hospital dps", to: graph) }  // nothing at that level
    }

    @Test func removeAddTieUntieSet() throws {
        let graph = Sketch.graph([Node(id: "a"), Node(id: "b"), Node(id: "c")], ["a-b", "b-c", "b-c:informal"].map(Sketch.edge))
        let (edited, marks) = try apply("""
            remove a
            add d kind=professional level=dps
            tie d c
            untie b c kind=informal
            set c role=GP level=
            """, to: graph)
        #expect(edited.nodes.map(\.id) == ["b", "c", "d"])
        #expect(kinds(edited) == ["b-c:collaboration", "d-c:collaboration"])
        #expect(edited["d"]?.attributes == ["kind": "professional", "level": "dps"])
        #expect(edited["c"]?.attributes == ["role": "GP"])
        #expect(marks.added == ["d"] && marks.tiesRemoved.count == 2 && marks.tiesAdded.count == 1)
    }

    @Test(arguments: [
        ("untie a c", "no edge between 'a' and 'c'"), ("tie a zz", "no node 'zz'"), ("add a", "already in the graph"),
        ("untie a b kind=nonsense", "unknown edge kind"), ("tie a b kind=colaboration", "unknown kind 'colaboration'"),
        ("set a level=kommunal", "unknown level 'kommunal'"), ("add d kind=persn", "unknown kind 'persn'"), ("tie a b kind=x kind=y", "given twice"), ("move a", "move takes"),
    ] as [(String, String)])
    func badEdits(text: String, message: String) {
        let graph = Sketch.graph([Node(id: "a"), Node(id: "b"), Node(id: "c")], [Sketch.edge("a-b")])
        do throws(Diagnostic) {
            _ = try graph.applying(EditScript(text: text, file: "e.txt"))
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.line == 1 && error.message.contains(message), "\(error)")
        }
    }
}
