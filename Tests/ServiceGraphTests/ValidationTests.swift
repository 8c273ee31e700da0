import Testing
@testable import ServiceGraph

@Suite struct ValidationTests {
    private func graph(_ nodes: [Node], _ edges: [Edge] = []) -> CollaborationGraph {
        Sketch.graph(nodes, edges).normalizingVocabulary()
    }

    private let user = Node(id: "u", attributes: ["kind": "user"])
    private let gp = Node(id: "gp", attributes: ["kind": "professional", "level": "municipal"])

    @Test func cleanGraphHasNoProblems() {
        let problems = graph([user, gp], [Edge(source: "u", target: "gp", attributes: ["kind": "contact", "dates": "2024-01-01 2024-02-01"])])
            .validate(file: "g.dot")
        #expect(problems.isEmpty)
    }

    @Test func unknownKindsAndLevels() {
        let problems = graph(
            [user, Node(id: "x", attributes: ["kind": "wizard", "level": "moon"])],
            [Edge(source: "u", target: "x", attributes: ["kind": "hug", "level": "mars"])]
        ).validate(file: "g.dot", lines: SourceLines(nodes: ["x": 4], edges: [7]))
        #expect(problems.map(\.description) == [
            "g.dot:4: error: node 'x' has unknown kind 'wizard' (expected one of user, professional, service, unit, forum, relative)",
            "g.dot:4: error: node 'x' has unknown level 'moon' (expected one of civil, municipal, state, dps, hospital)",
            "g.dot:7: error: edge 'u' → 'x' has unknown kind 'hug' (expected one of contact, collaboration, member, referral, admission, discharge, message, epicrisis, meeting, reports_to, order, agreement, informal)",
            "g.dot:7: error: edge 'u' → 'x' has unknown level 'mars'",
        ])
    }

    @Test func contactWithoutAUserEnd() {
        let problems = graph([user, gp, Node(id: "pn", attributes: ["kind": "professional"])],
                             [Edge(source: "gp", target: "pn", attributes: ["kind": "contact"])]).validate(file: "f")
        #expect(problems.map(\.message) == [
            "edge 'gp' → 'pn' is a contact that has no date: it is in the helper network but on no pathway",
            "edge 'gp' → 'pn' is a contact but neither end is a user node: a tie between helpers is a collaboration (kind=collaboration)",
        ])
    }

    @Test func unparseableDates() {
        let problems = graph([user, gp], [Edge(source: "u", target: "gp",
                                               attributes: ["kind": "contact", "dates": "2024-01-01 01.02.2024 2024-02-30"])])
            .validate(file: "f")
        #expect(problems.map(\.message) == [
            "edge 'u' → 'gp': dates='01.02.2024' is not ISO 8601 — did you mean 2024-02-01?",
            "edge 'u' → 'gp': dates='2024-02-30' is not a date: February 2024 has 29 days",
        ])
    }

    @Test func levelConflict() {
        let problems = graph([Node(id: "dps", attributes: ["kind": "service", "level": "dps"]),
                              Node(id: "psy", attributes: ["kind": "professional", "level": "hospital", "service": "dps"])])
            .validate(file: "f")
        #expect(problems.map(\.message) == ["node 'psy' has conflicting levels: own level says hospital, service dps says dps"])
        #expect(problems.allSatisfy { $0.severity == .error })
    }

    @Test func helperEventWithoutUserInAMultiUserFile() {
        let second = Node(id: "v", attributes: ["kind": "user"])
        let pn = Node(id: "pn", attributes: ["kind": "professional"])
        let events = [Edge(source: "gp", target: "pn", attributes: ["kind": "message", "date": "2024-01-01"]),
                      Edge(source: "gp", target: "pn", attributes: ["kind": "message", "user": "v"]),
                      Edge(source: "gp", target: "pn", attributes: ["kind": "message", "user": "w"])]
        let multi = graph([user, second, gp, pn], events).validate(file: "f")
        #expect(multi.map(\.severity) == [.warning, .error])
        #expect(multi[0].message.contains("belongs to no pathway"))
        #expect(multi[1].message == "edge 'gp' → 'pn' names user 'w', which is not a user node")
        // With one user, every event belongs to that user.
        let single = graph([user, gp, pn], [events[0]]).validate(file: "f")
        #expect(single.isEmpty)
    }

    @Test func missingKindsAreWarnings() {
        let problems = graph([user, Node(id: "r", attributes: ["role": "GP"]), Node(id: "s")],
                             [Edge(source: "r", target: "s")]).validate(file: "f")
        #expect(problems.map(\.severity) == [.warning, .warning, .warning])
        #expect(problems.map(\.message) == [
            "node 'r' has no kind; taken as 'professional' because it has a role",
            "node 's' has no kind; taken as 'service'",
            "edge 'r' → 's' has no kind; it counts as a tie but not as a contact or event",
        ])
    }

    @Test func serviceNamingNoNodeIsAWarning() {
        let problems = graph([Node(id: "p", attributes: ["kind": "professional", "service": "ghost"])]).validate(file: "f")
        #expect(problems.map(\.description) == ["f: warning: node 'p' names service 'ghost', which is not a node in this graph"])
    }
}
