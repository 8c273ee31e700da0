import Foundation
import Testing
@testable import ServiceGraph

private func t(_ text: String) -> Timestamp { Timestamp(iso: text)! }

/// A pathway written as visits `(date, actor, service, level)` plus other events.
private func pathway(_ visits: [(String, String?, String, Level)], events: [PathwayEvent] = []) -> Pathway {
    let contacts = visits.enumerated().map { index, visit in
        PathwayEvent(user: "u", time: t(visit.0), kind: .contact, actor: visit.1, service: visit.2, level: visit.3,
                     sourceOrder: index)
    }
    return Pathway(user: "u", events: contacts + events)
}

private func event(_ kind: PathwayEvent.Kind, _ date: String, service: String? = nil, target: String? = nil,
                   level: Level? = nil) -> PathwayEvent {
    PathwayEvent(user: "u", time: t(date), kind: kind, service: service, target: target, level: level, sourceOrder: 1_000)
}

@Suite struct PathwayMeasuresTests {
    /// DESIGN §5.3's worked example, built as a graph and read out as a pathway.
    private var workedExample: CollaborationGraph {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "user"]))
        graph.addNode(Node(id: "legekontor", attributes: ["kind": "service", "level": "municipal"]))
        graph.addNode(Node(id: "dps", attributes: ["kind": "service", "level": "dps"]))
        graph.addNode(Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]))
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "service": "legekontor"]))
        graph.addNode(Node(id: "psy", attributes: ["kind": "professional", "service": "dps"]))
        graph.addNode(Node(id: "doc", attributes: ["kind": "professional", "service": "ward"]))
        graph.addEdge(Edge(source: "u", target: "gp", attributes: ["kind": "contact", "dates": "2024-01-01 2024-01-20 2024-03-20"]))
        graph.addEdge(Edge(source: "u", target: "psy", attributes: ["kind": "contact", "dates": "2024-02-10 2024-02-24"]))
        graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": "admission", "date": "2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "doc", attributes: ["kind": "contact", "date": "2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": "discharge", "date": "2024-03-15"]))
        return graph
    }

    @Test(arguments: Granularity.allCases)
    func workedExample(granularity: Granularity) throws {
        let extracted = workedExample.pathways()
        let pathway = try #require(extracted.pathways.first)
        #expect(extracted.dataEnd == t("2024-03-20"))
        let m = pathway.measures(PathwayOptions(granularity: granularity, dataEnd: extracted.dataEnd))
        let c = m.continuity
        #expect(c.contacts == 6 && c.providers == 3 && c.handovers == 3)
        #expect(c.upc == 0.5)
        #expect(approximately(c.coc, 0.266667) && approximately(c.secon, 0.4))
        #expect(approximately(c.mmci, 0.607843) && approximately(c.hhi, 0.388889))
        #expect(m.levelTransitions == 3 && m.upTransitions == 2 && m.downTransitions == 1)
        #expect(m.transitions.map(\.time) == [t("2024-02-10"), t("2024-03-01"), t("2024-03-20")])
        #expect(m.transitions.map(\.newFaces) == [1, 1, 0])
        #expect(m.transitions.map(\.broken) == [0, 1, 1])
        #expect(m.transitions.map(\.carried) == [0, 0, 0])
        #expect(m.transitions.allSatisfy { !$0.bridged })
        #expect(m.discontinuityIndex == 1.0)
        #expect(m.discharges == 1 && m.censoredDischarges == 0)
        #expect(m.followupDays == [5.0] && m.followup7d == 1.0)
        #expect(m.readmissions30d == 0)
        #expect(m.concurrencyMean == 0.4625 && m.concurrencyMax == 1)
    }

    @Test func theThreeGranularitiesDiffer() {
        // Two psychiatric nurses in one municipal service, then the GP, then NAV (state: same rank).
        let p = pathway([("2024-01-01", "pn1", "mh", .municipal), ("2024-01-08", "pn2", "mh", .municipal),
                         ("2024-01-15", "gp", "gp-surgery", .municipal), ("2024-01-22", "nav1", "nav", .state)])
        let byProfessional = p.measures(PathwayOptions(granularity: .professional))
        let byService = p.measures(PathwayOptions(granularity: .service))
        let byLevel = p.measures(PathwayOptions(granularity: .level))
        #expect([byProfessional.continuity.providers, byService.continuity.providers, byLevel.continuity.providers] == [4, 3, 2])
        #expect([byProfessional.continuity.handovers, byService.continuity.handovers, byLevel.continuity.handovers] == [3, 2, 1])
        #expect(byLevel.continuity.upc == 0.75)
        #expect(byProfessional.levelTransitions == 0)  // municipal → state is no transition
    }

    @Test(arguments: [
        ("AAAABBBC", 0.321429), ("AAAABBCC", 0.285714), ("AAAAAAAABB", 0.644444), ("AAAAAAAAAB", 0.8),
    ])
    func cocOracle(sequence: String, expected: Double) {
        #expect(approximately(ContinuityIndices(providers: sequence.map(String.init)).coc, expected))
    }

    @Test func seconAndMmciOracles() {
        #expect(ContinuityIndices(providers: ["Dr1", "Dr1", "Dr2"]).secon == 0.5)
        #expect(approximately(ContinuityIndices(providers: ["Dr1", "Dr2", "Dr1", "Dr1"]).secon, 0.333333))
        #expect(approximately(ContinuityIndices(providers: ["a", "a", "a", "b", "b"]).mmci, 0.756098))
        #expect(approximately(ContinuityIndices(providers: ["a", "a", "b", "b", "c"]).mmci, 0.512195))
        #expect(approximately(ContinuityIndices(providers: ["a", "b"]).mmci, 0.090909))
        let thousand = (0..<1_000).map { "p\($0 % 10)" }
        #expect(approximately(ContinuityIndices(providers: thousand).mmci, 0.990992))
    }

    @Test func noVisitsAndOneVisit() {
        let none = ContinuityIndices(providers: [String]())
        #expect(none.contacts == 0)
        #expect([none.upc, none.coc, none.secon, none.mmci, none.hhi].allSatisfy { $0 == nil })
        #expect(none.providers == nil && none.handovers == nil)
        let one = ContinuityIndices(providers: ["gp"])
        #expect([one.upc, one.hhi, one.mmci] == [1, 1, 1])
        #expect(one.coc == nil && one.secon == nil && one.handovers == 0)

        let empty = Pathway(user: "u", events: []).measures()
        #expect(empty.levelTransitions == nil && empty.discontinuityIndex == nil && empty.concurrencyMean == nil)
        let single = pathway([("2024-01-01", "gp", "s", .municipal)]).measures()
        #expect(single.levelTransitions == 0 && single.discontinuityIndex == nil)
        #expect(single.concurrencyMean == 1 && single.concurrencyMax == 1)
    }

    @Test func anUnnamedVisitCountsAsOnePersonPerServiceAndIsNeverAFace() {
        let p = pathway([("2024-01-01", "gp", "legekontor", .municipal), ("2024-01-05", nil, "dps-clinic", .dps),
                         ("2024-01-06", nil, "dps-clinic", .dps), ("2024-01-09", nil, "ward", .hospital)])
        let m = p.measures()
        #expect(m.continuity.providers == 3)  // gp, dps-clinic#unnamed, ward#unnamed
        #expect(m.continuity.handovers == 2)
        #expect(m.transitions.map(\.newFaces) == [0, 0])
        #expect(m.transitions.map(\.broken) == [1, 0])  // the GP's relation breaks; no unnamed one
    }

    @Test func overlappingWindowsAndTwoTransitionsOnOneDay() {
        // municipal → dps and back on the same day; the GP is carried across both.
        let p = pathway([("2024-01-01", "gp", "s", .municipal), ("2024-01-10T09:00", "psy", "d", .dps),
                         ("2024-01-10T15:00", "gp", "s", .municipal), ("2024-01-20", "psy", "d", .dps)])
        let m = p.measures()
        #expect(m.levelTransitions == 3)
        // Windows overlap: at the middle step both are seen before and after; at the first only the
        // GP has a visit before it, at the last only psy one after it.
        #expect(m.transitions.map(\.carried) == [1, 2, 1])
        #expect(m.transitions.allSatisfy { $0.bridged })
        #expect(m.transitions.map(\.newFaces) == [1, 0, 0])
        #expect(m.discontinuityIndex == 0)
    }

    @Test func informationPassedBridgesATransition() {
        let visits = [("2024-01-01", "gp", "s", Level.municipal), ("2024-03-01", "psy", "d", Level.dps)]
        #expect(pathway(visits).measures().unbridgedTransitions == 1)
        let referred = pathway(visits, events: [event(.referral, "2024-02-05", target: "psy")])
        #expect(referred.measures().unbridgedTransitions == 0)
        let tooEarly = pathway(visits, events: [event(.epicrisis, "2024-01-20")])
        #expect(tooEarly.measures().unbridgedTransitions == 1)  // 41 days before, outside W = 30
        #expect(tooEarly.measures(PathwayOptions(windowDays: 45)).unbridgedTransitions == 0)
    }

    @Test func dischargesFollowedUpNeverAndCensored() {
        let events = [event(.discharge, "2024-02-01", service: "ward", level: .hospital),
                      event(.discharge, "2024-03-01", service: "dps", level: .dps),
                      event(.discharge, "2024-03-28", service: "ward", level: .hospital),
                      event(.discharge, "2024-03-10", service: "x", level: .municipal)]  // rank 1: not counted
        let p = pathway([("2024-02-04T12:00", "gp", "s", .municipal), ("2024-03-20", "gp", "s", .municipal)], events: events)
        let m = p.measures(PathwayOptions(dataEnd: t("2024-03-30")))
        #expect(m.discharges == 3)
        #expect(m.followupDays == [3.5, 19, nil])
        #expect(m.censoredDischarges == 1)  // 03-28: no follow-up yet and the data ends 2 days later
        #expect(m.followup7d == 0.5)  // 1 of the 2 uncensored within 7 days
        // Without the data ending, the last one is simply never followed up.
        #expect(p.measures(PathwayOptions(dataEnd: t("2024-06-01"))).censoredDischarges == 0)
    }

    @Test func readmissionsAndReferralWaits() {
        let events = [event(.admission, "2024-01-01", service: "ward", level: .hospital),
                      event(.discharge, "2024-01-10", service: "ward", level: .hospital),
                      event(.admission, "2024-01-10", service: "dps", level: .dps),  // a transfer, not a readmission
                      event(.discharge, "2024-01-20", service: "dps", level: .dps),
                      event(.admission, "2024-02-19", service: "ward", level: .hospital),  // 30 days after 01-20
                      event(.admission, "2024-04-01", service: "ward", level: .hospital),  // too late
                      event(.referral, "2024-01-25", service: "clinic"), event(.referral, "2024-01-26", target: "nobody")]
        let p = pathway([("2024-01-22", "gp", "s", .municipal), ("2024-02-04T06:00", "psy", "clinic", .dps)], events: events)
        let m = p.measures()
        #expect(m.readmissions30d == 1)
        #expect(m.referralWaitDays == [10.25, nil])
    }

    @Test func aPeriodFiltersEventsFirst() {
        let p = pathway([("2023-12-20", "old", "s", .municipal), ("2024-01-05", "gp", "s", .municipal),
                         ("2024-02-01", "psy", "d", .dps)])
        let m = p.measures(PathwayOptions(period: Period(from: t("2024-01-01"))))
        #expect(m.continuity.contacts == 2)
        #expect(m.transitions.first?.broken == 1)  // the GP, not the visit before the period
    }
}
