import Testing
@testable import ServiceGraph

/// What the pathway view marks after a scenario, by hand: visits matched by time, professional
/// and service; at another level relevelled, unmatched in the edited pathway new (added or
/// changed), unmatched in the original gone.
@Suite struct ScenarioPathwayTests {
    private func visit(_ day: Int, _ actor: String, _ level: Level, service: String = "s", order: Int = 0) -> PathwayEvent {
        PathwayEvent(user: "u", time: Timestamp(year: 2024, month: 1, day: day)!, kind: .contact, actor: actor, service: service,
                     target: nil, level: level, sourceOrder: order)
    }

    @Test func relevelledVisitsAreBlueAndNothingIsGone() {
        let before = Pathway(user: "u", events: [visit(1, "gp", .municipal), visit(5, "psy", .dps), visit(9, "psy", .dps)])
        let after = Pathway(user: "u", events: [visit(1, "gp", .municipal), visit(5, "psy", .municipal), visit(9, "psy", .municipal)])
        let marks = ScenarioPathway(before: before, after: after, added: [])
        #expect(marks.colours == [ScenarioPathway.Visit(visit(5, "psy", .municipal)): ScenarioView.relevelled,
                                  ScenarioPathway.Visit(visit(9, "psy", .municipal)): ScenarioView.relevelled])
        #expect(marks.gone.isEmpty)
    }

    @Test func removedMergedAndAdded() {
        // remove nurse; merge pn_b into pn_a; add coord with a visit on the 20th.
        let before = Pathway(user: "u", events: [visit(1, "nurse", .municipal), visit(3, "pn_b", .municipal), visit(4, "pn_a", .municipal)])
        let after = Pathway(user: "u", events: [visit(3, "pn_a", .municipal), visit(4, "pn_a", .municipal), visit(20, "coord", .municipal)])
        let marks = ScenarioPathway(before: before, after: after, added: ["coord"])
        #expect(marks.colours == [ScenarioPathway.Visit(visit(3, "pn_a", .municipal)): ScenarioView.changed,
                                  ScenarioPathway.Visit(visit(20, "coord", .municipal)): ScenarioView.added])
        #expect(marks.gone.map(\.actor) == ["nurse", "pn_b"])  // in time order
        // Two visits at one instant by one professional: one kept, one gone.
        let twice = Pathway(user: "u", events: [visit(2, "gp", .municipal, order: 0), visit(2, "gp", .municipal, order: 1)])
        let once = ScenarioPathway(before: twice, after: Pathway(user: "u", events: [visit(2, "gp", .municipal)]), added: [])
        #expect(once.colours.isEmpty && once.gone.count == 1)
    }

    @Test func noEditsNoMarks() {
        let pathway = Pathway(user: "u", events: [visit(1, "gp", .municipal), visit(5, "psy", .dps)])
        #expect(ScenarioPathway(before: pathway, after: pathway, added: []).isEmpty)
        #expect(ScenarioPathway(before: nil, after: nil, added: []).isEmpty)
    }
}
