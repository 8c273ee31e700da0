import Testing
@testable import ServiceGraph

@Suite struct LevelResolutionTests {
    private func graph(_ nodes: [Node], _ edges: [Edge] = []) -> CollaborationGraph { Sketch.graph(nodes, edges) }

    @Test func ownLevelFirst() {
        let resolved = graph([Node(id: "gp", attributes: ["kind": "professional", "level": "municipal"])]).resolveLevels()
        #expect(resolved["gp"] == .municipal)
        #expect(resolved.conflicts.isEmpty)
    }

    @Test func levelOfTheNamedService() {
        let resolved = graph([
            Node(id: "dps", attributes: ["kind": "service", "level": "dps"]),
            Node(id: "psy", attributes: ["kind": "professional", "service": "dps"]),
        ]).resolveLevels()
        #expect(resolved["psy"] == .dps)
    }

    @Test func levelOfTheSingleMemberService() {
        let resolved = graph(
            [Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]),
             Node(id: "doc", attributes: ["kind": "professional"]),
             Node(id: "forum", attributes: ["kind": "forum", "level": "municipal"])],
            [Edge(source: "doc", target: "ward", attributes: ["kind": "member"]),
             Edge(source: "doc", target: "forum", attributes: ["kind": "member"])]
        ).resolveLevels()
        #expect(resolved["doc"] == .hospital)  // forums do not lend their level
        #expect(resolved.conflicts.isEmpty)
    }

    @Test func ownLevelAgainstServiceIsAConflict() {
        let resolved = graph([
            Node(id: "dps", attributes: ["kind": "service", "level": "dps"]),
            Node(id: "psy", attributes: ["kind": "professional", "service": "dps", "level": "municipal"]),
        ]).resolveLevels()
        #expect(resolved.conflicts.map(\.node) == ["psy"])
        #expect(resolved.conflicts[0].answers.map(\.level) == [.municipal, .dps])
        #expect(resolved["psy"] == .municipal)
    }

    @Test func severalMemberServicesOfDifferentLevelsWithoutOwnLevel() {
        let services = [Node(id: "a", attributes: ["kind": "service", "level": "dps"]),
                        Node(id: "b", attributes: ["kind": "service", "level": "hospital"])]
        let member = [Edge(source: "p", target: "a", attributes: ["kind": "member"]),
                      Edge(source: "p", target: "b", attributes: ["kind": "member"])]
        let unresolved = graph(services + [Node(id: "p", attributes: ["kind": "professional"])], member).resolveLevels()
        #expect(unresolved.conflicts.map(\.node) == ["p"])
        #expect(unresolved["p"] == nil)

        let own = graph(services + [Node(id: "p", attributes: ["kind": "professional", "level": "dps"])], member)
            .resolveLevels()
        #expect(own.conflicts.isEmpty)
        #expect(own["p"] == .dps)
    }

    @Test func municipalAgainstStateIsStillAConflict() {
        let resolved = graph([
            Node(id: "nav", attributes: ["kind": "service", "level": "state"]),
            Node(id: "c", attributes: ["kind": "professional", "service": "nav", "level": "kommune"]),
        ].map { $0 }).normalizingVocabulary().resolveLevels()
        #expect(resolved.conflicts.count == 1)
    }

    @Test func noSourceNoLevel() {
        #expect(graph([Node(id: "x")]).resolveLevels()["x"] == nil)
    }
}
