import Foundation
import Testing
@testable import ServiceGraph

@Suite struct AnonymizerTests {
    /// A stand-in keyed hash for the core's tests (the CLI uses HMAC-SHA256).
    private let hash: @Sendable (String) -> String = { text in
        var value: UInt64 = 1469598103934665603
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 1099511628211 }
        return String(format: "%016llX", value)
    }

    private var graph: CollaborationGraph {
        var graph = CollaborationGraph(attributes: ["title": "Network of Kari Nordmann"])
        graph.addNode(Node(id: "kari", attributes: ["kind": "user", "label": "Kari Nordmann", "phone": "12345678"]))
        graph.addNode(Node(id: "mother", attributes: ["kind": "relative", "label": "Ingrid Nordmann"]))
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "label": "Dr Hansen", "role": "GP",
                                                  "service": "legekontor", "note": "knows Kari well"]))
        graph.addNode(Node(id: "legekontor", attributes: ["kind": "service", "label": "GP surgery", "level": "municipal"]))
        graph.addEdge(Edge(source: "kari", target: "gp", attributes: ["kind": "contact", "dates": "2024-01-01, 2024-01-15T10:30"]))
        graph.addEdge(Edge(source: "gp", target: "legekontor", attributes: ["kind": "member", "note": "Dr Hansen's list"]))
        graph.addEdge(Edge(source: "kari", target: "mother", attributes: ["kind": "informal"]))
        graph.groups = [Group(id: "cluster_kari", attributes: ["label": "Kari's helpers"], members: ["gp"])]
        return graph
    }

    @Test func peopleGetPseudonymsAndNothingOfThemLeaks() {
        let anonymous = Anonymizer(pseudonymHash: hash).anonymize(graph)
        let text = DOTWriter().write(anonymous)
        for original in ["kari", "Kari", "Nordmann", "Ingrid", "Hansen", "12345678", "mother"] {
            #expect(!text.contains(original), "\(original) is still in the output")
        }
        let user = anonymous.users.first
        #expect(user?.id.rawValue.hasPrefix("U-") == true)
        #expect(anonymous.nodes.filter { $0.kind == .professional }.first?.attributes ==
                ["kind": "professional", "label": anonymous.nodes[2].id.rawValue, "role": "GP", "service": "legekontor"])
        #expect(anonymous["legekontor"]?.attributes["label"] == "GP surgery")  // organisations are kept
        #expect(anonymous.attributes["title"] == "[removed]")
        #expect(anonymous.groups.first?.attributes["label"] == "[removed]")
        #expect(anonymous.edges[0].attributes["dates"] == "2024-01-01, 2024-01-15T10:30")
    }

    @Test func deterministicForOneKey() {
        let first = DOTWriter().write(Anonymizer(pseudonymHash: hash).anonymize(graph))
        let second = DOTWriter().write(Anonymizer(pseudonymHash: hash).anonymize(graph))
        #expect(first == second)
        let otherKey = DOTWriter().write(Anonymizer(pseudonymHash: { hash("other" + $0) }).anonymize(graph))
        #expect(otherKey != first)
    }

    @Test func measuresAreUnchanged() throws {
        let before = try graph.helperNetworkMeasures()[0], after = try Anonymizer(pseudonymHash: hash).anonymize(graph).helperNetworkMeasures()[0]
        #expect(before.helpers == after.helpers && before.fragmentation == after.fragmentation)
        #expect(before.effectiveSize == after.effectiveSize && before.constraint == after.constraint)
        #expect(graph.wholeGraphMeasures().centrality.map(\.betweenness)
                == Anonymizer(pseudonymHash: hash).anonymize(graph).wholeGraphMeasures().centrality.map(\.betweenness))
    }

    @Test func shiftingDatesKeepsIntervalsAndTimes() throws {
        let shifted = Anonymizer(pseudonymHash: hash, dateShift: { _ in -40 }).anonymize(graph)
        #expect(shifted.edges[0].attributes["dates"] == "2023-11-22, 2023-12-06T10:30")
        let before = try #require(graph.pathways().pathways.first).measures()
        let after = try #require(shifted.pathways().pathways.first).measures()
        #expect(before.continuity == after.continuity)
        #expect(Anonymizer.shift("2024-03-01 2024-02-28T23:59:30", days: 1) == "2024-03-02 2024-02-29T23:59:30")
    }
}
