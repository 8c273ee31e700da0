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

/// Names planted in random attributes of random graphs: none may survive anonymising, in any
/// spelling (case, diacritics, possessive, glued, inside an e-mail address or a link).
@Suite struct AnonymizerLeakTests {
    private let hash: @Sendable (String) -> String = { text in
        var value: UInt64 = 1469598103934665603
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 1099511628211 }
        return String(format: "%016llX", value)
    }

    static let people = [("Per", "Hansen"), ("Åse", "Ødegård"), ("Kari", "Nordmann"), ("Bjørn", "Ås"), ("Ola", "Lie"),
                         ("Ingrid", "Bø"), ("Siv", "Jensen"), ("Li", "Wang")]
    /// The forms a name is planted in, by number.
    static func form(_ number: Int, _ first: String, _ last: String) -> String {
        switch number {
        case 0: "\(first) \(last)"
        case 1: last
        case 2: first
        case 3: "\(last)s kontor"
        case 4: "Dr \(last)"
        case 5: "\(first).\(last)@example.org".lowercased()
        case 6: "mailto:\(first.lowercased())_\(last.lowercased())@x.no"
        case 7: "\(first)\(last)"
        case 8: "v/ \(first) \(last.uppercased())"
        default: "https://\(last.lowercased()).no/profile"
        }
    }

    @Test(arguments: 0..<60)
    func noPlantedNameSurvives(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let chosen = (0..<3).map { _ in Self.people[Int.random(in: 0..<Self.people.count, using: &random)] }
        var graph = CollaborationGraph(attributes: ["title": "Network"])
        graph.addNode(Node(id: "user", attributes: ["kind": "user", "label": "\(chosen[0].0) \(chosen[0].1)"]))
        graph.addNode(Node(id: "s1", attributes: ["kind": "service", "label": "Legekontor", "level": "municipal"]))
        graph.addNode(Node(id: "f1", attributes: ["kind": "forum", "label": "Ansvarsgruppe"]))
        for (index, person) in chosen.dropFirst().enumerated() {
            let id = NodeID(random.nextBool() ? "p\(index)" : "\(person.0.lowercased())_\(person.1.lowercased())")
            graph.addNode(Node(id: id, attributes: ["kind": random.nextBool() ? "professional" : "relative",
                                                    "label": "\(person.0) \(person.1)", "role": "nurse", "service": "s1"]))
            graph.addEdge(Edge(source: "user", target: id, attributes: ["kind": "contact", "date": "2024-01-0\(index + 1)"]))
        }
        graph.groups = [Group(id: "cluster_1", attributes: ["label": "Team"], members: ["s1"])]
        // Plant each name in a random form, in a random attribute of a random object.
        let keys = ["label", "note", "tooltip", "URL", "comment", "title", "municipality", "role", "email", "xlabel"]
        for person in chosen {
            for _ in 0..<4 {
                let text = Self.form(Int.random(in: 0...9, using: &random), person.0, person.1)
                let key = keys[Int.random(in: 0..<keys.count, using: &random)]
                switch Int.random(in: 0..<5, using: &random) {
                case 0: graph.attributes[key] = text
                case 1: graph.updateNode("s1") { $0.attributes[key] = text }
                case 2: graph.updateNode("f1") { $0.attributes[key] = text }
                case 3: graph.groups[0].attributes[key] = text
                default: graph.edges[0].attributes[key] = text
                }
            }
        }
        let anonymizer = Anonymizer(pseudonymHash: hash)
        let anonymous = anonymizer.anonymize(graph)
        #expect(anonymizer.leaks(in: anonymous, original: graph).isEmpty)
        let text = (DOTWriter().write(anonymous) + GraphMLWriter().write(anonymous)).lowercased()
            .folding(options: [.diacriticInsensitive], locale: nil)
        for person in chosen {
            for part in [person.0, person.1] {
                for spelling in NameTokens.foldings(part) where spelling.count >= 2 {
                    let words = Set(NameTokens.words(text).map { $0.lowercased() })
                    #expect(!words.contains(spelling) && !words.contains(spelling + "s"), "«\(spelling)» survives (seed \(seed))")
                }
            }
        }
    }

    @Test func theSecondLookFindsWhatTheFirstMissed() {
        var original = CollaborationGraph()
        original.addNode(Node(id: "p", attributes: ["kind": "professional", "label": "Siv Jensen"]))
        var leaked = Anonymizer(pseudonymHash: hash).anonymize(original)
        leaked.attributes["title"] = "met Siv"
        leaked.updateNode(leaked.nodes[0].id) { $0.attributes["role"] = "JENSENS nurse" }
        let found = Anonymizer(pseudonymHash: hash).leaks(in: leaked, original: original)
        #expect(found.count == 2 && found.contains { $0.contains("attribute title") && $0.contains("«siv»") })
    }

    @Test func organisationsKeepTheirLabelsUnlessANameIsInThem() {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "label": "Dr Per Hansen", "role": "GP"]))
        graph.addNode(Node(id: "nav_office", attributes: ["kind": "service", "label": "NAV office", "URL": "http://nav.no"]))
        graph.addNode(Node(id: "legekontor", attributes: ["kind": "service", "label": "Legekontoret v/ Per Hansen"]))
        let anonymous = Anonymizer(pseudonymHash: hash).anonymize(graph)
        #expect(anonymous["nav_office"]?.attributes == ["kind": "service", "label": "NAV office"])  // URL removed
        #expect(anonymous["legekontor"]?.attributes["label"] == "legekontor")
        #expect(anonymous.nodes[0].attributes["role"] == "GP")
    }
}

private extension SeededRandom {
    mutating func nextBool() -> Bool { next() & 1 == 1 }
}
