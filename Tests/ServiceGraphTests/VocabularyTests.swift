import Testing
@testable import ServiceGraph

@Suite struct VocabularyTests {
    @Test(arguments: [
        ("user", NodeKind.user), ("bruker", .user), ("Pasient", .user), ("fagperson", .professional),
        ("hjelper", .professional), ("tjeneste", .service), ("enhet", .unit), ("ansvarsgruppe", .forum),
        ("team", .forum), ("pårørende", .relative), (" Service ", .service),
    ])
    func nodeKindAliases(name: String, kind: NodeKind) {
        #expect(NodeKind(name: name) == kind)
    }

    @Test func unknownNamesAreNil() {
        #expect(NodeKind(name: "doctor") == nil)
        #expect(Level(name: "county") == nil)
        #expect(EdgeKind(name: "friendship") == nil)
        #expect(NodeKind(name: "") == nil)
    }

    @Test(arguments: [
        ("kommune", Level.municipal), ("bydel", .municipal), ("1", .municipal), ("stat", .state),
        ("2", .dps), ("distrikt", .dps), ("DPS", .dps), ("sykehus", .hospital), ("3", .hospital),
        ("privat", .civil), ("sivil", .civil),
    ])
    func levelAliases(name: String, level: Level) {
        #expect(Level(name: name) == level)
    }

    @Test func ranksPutMunicipalAndStateOnOneLine() {
        #expect(Level.civil.rank == 0)
        #expect(Level.municipal.rank == 1)
        #expect(Level.state.rank == 1)
        #expect(Level.dps.rank == 2)
        #expect(Level.hospital.rank == 3)
    }

    @Test func edgeKindAliasesAndEventClasses() {
        #expect(EdgeKind(name: "henvisning") == .referral)
        #expect(EdgeKind(name: "epikrise") == .epicrisis)
        #expect(EdgeKind(name: "reports_to") == .reportsTo)
        #expect(EdgeKind(name: "vedtak") == .order)
        #expect(EdgeKind.admission.isPathwayEvent)
        #expect(!EdgeKind.contact.isPathwayEvent)
        #expect(EdgeKind.message.isHelperEvent)
        #expect(!EdgeKind.admission.isHelperEvent)
    }

    @Test func normalisingRewritesAliasesAndKeepsUnknownNames() {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "bruker", "level": "kommune"]))
        graph.addNode(Node(id: "x", attributes: ["kind": "wizard", "level": "mars"]))
        graph.addEdge(Edge(source: "u", target: "x", attributes: ["kind": "kontakt", "level": "2"]))
        let normalised = graph.normalizingVocabulary()
        #expect(normalised["u"]?.attributes == ["kind": "user", "level": "municipal"])
        #expect(normalised["x"]?.attributes == ["kind": "wizard", "level": "mars"])
        #expect(normalised.edges[0].attributes == ["kind": "contact", "level": "dps"])
    }

    @Test func kindIsInferredFromRole() {
        #expect(Node(id: "a", attributes: ["role": "GP"]).kind == .professional)
        #expect(Node(id: "b").kind == .service)
        #expect(Node(id: "c", attributes: ["kind": "forum", "role": "x"]).kind == .forum)
    }
}
