import Foundation
import Testing
@testable import ServiceGraph

func t(_ text: String) -> Timestamp { Timestamp(iso: text)! }

/// A pathway of user "u" written as events in source order: `(kind, time, actor, service, level)`.
func pathway(_ rows: [(PathwayEvent.Kind, String, String?, String?, Level?)]) -> Pathway {
    Pathway(user: "u", events: rows.enumerated().map { index, row in
        PathwayEvent(user: "u", time: t(row.1), kind: row.0, actor: row.2, service: row.3, level: row.4, sourceOrder: index)
    })
}

/// A pathway written as visits `(date, actor, service, level)` plus other events.
private func visits(_ visits: [(String, String?, String, Level)], events: [PathwayEvent] = []) -> Pathway {
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
    /// The worked example of docs/measures.md, built as a graph and read out as a pathway:
    /// gp 01-01, 01-20 (municipal), psy 02-10, 02-24 (DPS), an admission and doc on 03-01
    /// (hospital), the discharge 03-15, gp 03-20 and 04-30.
    private func workedExample(lastVisit: Bool = true) -> CollaborationGraph {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "u", attributes: ["kind": "user"]))
        graph.addNode(Node(id: "legekontor", attributes: ["kind": "service", "level": "municipal"]))
        graph.addNode(Node(id: "dps", attributes: ["kind": "service", "level": "dps"]))
        graph.addNode(Node(id: "ward", attributes: ["kind": "service", "level": "hospital"]))
        graph.addNode(Node(id: "gp", attributes: ["kind": "professional", "service": "legekontor"]))
        graph.addNode(Node(id: "psy", attributes: ["kind": "professional", "service": "dps"]))
        graph.addNode(Node(id: "doc", attributes: ["kind": "professional", "service": "ward"]))
        graph.addEdge(Edge(source: "u", target: "gp", attributes: [
            "kind": "contact", "dates": "2024-01-01 2024-01-20 2024-03-20" + (lastVisit ? " 2024-04-30" : ""),
        ]))
        graph.addEdge(Edge(source: "u", target: "psy", attributes: ["kind": "contact", "dates": "2024-02-10 2024-02-24"]))
        graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": "admission", "date": "2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "doc", attributes: ["kind": "contact", "date": "2024-03-01"]))
        graph.addEdge(Edge(source: "u", target: "ward", attributes: ["kind": "discharge", "date": "2024-03-15"]))
        return graph
    }

    @Test(arguments: Granularity.allCases)
    func workedExample(granularity: Granularity) throws {
        let extracted = workedExample().pathways()
        let pathway = try #require(extracted.pathways.first)
        #expect(extracted.dataEnd == t("2024-04-30"))
        let m = pathway.measures(PathwayOptions(granularity: granularity, dataEnd: extracted.dataEnd))
        let c = m.continuity
        #expect(c.contacts == 7 && c.providers == 3 && c.handovers == 3)
        #expect(approximately(c.upc, 0.571429) && approximately(c.coc, 0.333333) && c.secon == 0.5)
        #expect(approximately(c.mmci, 0.672131) && approximately(c.hhi, 0.428571))
        #expect(m.levelSwitches == 3)
        // Care: a municipal episode 01-01…04-30, a DPS episode 02-10…02-24, a hospital stay 03-01…03-15.
        #expect(m.care.episodes.map { [$0.rank, $0.visits] } == [[1, 4], [2, 2], [3, 1]])
        #expect(m.care.episodes[0].start == t("2024-01-01") && m.care.episodes[0].end == t("2024-04-30"))
        #expect(m.care.stays.map(\.start) == [t("2024-03-01")] && m.care.stays.map(\.end) == [t("2024-03-15")])
        #expect(m.levelTransitions == 3 && m.upTransitions == 2 && m.downTransitions == 1 && m.censoredTransitions == 0)
        #expect(m.transitions.map(\.time) == [t("2024-02-10"), t("2024-03-01"), t("2024-03-20")])
        #expect(m.transitions.map(\.from) == [.municipal, .dps, .hospital])
        #expect(m.transitions.map(\.to) == [.dps, .hospital, .municipal])
        #expect(m.transitions.map(\.newFaces) == [1, 1, 0])
        #expect(m.transitions.map(\.broken) == [0, 1, 1])
        #expect(m.transitions.map(\.carried) == [0, 0, 0])
        #expect(m.transitions.allSatisfy { !$0.bridged && !$0.censored })
        #expect(m.discontinuityIndex == 1.0)
        #expect(m.discharges == 1 && m.transfers == 0 && m.censoredDischarges == 0)
        #expect(m.followupDays == [5.0] && m.followupMunicipalDays == [5.0])
        #expect(m.followup7d == 1.0 && m.followup30d == 1.0 && m.followupMunicipal7d == 1.0)
        #expect(m.readmissions30d == 0 && m.readmissionRate30d == 0.0)
        #expect(approximately(m.concurrencyMean, 137.0 / 121) && approximately(m.concurrencyMean, 1.132231))
        #expect(m.concurrencyMax == 2)
    }

    @Test func workedExampleWithoutTheLastVisit() throws {
        // The log ends 03-20: the windows of 03-01 and 03-20 run past it.
        let extracted = workedExample(lastVisit: false).pathways()
        let m = try #require(extracted.pathways.first).measures(PathwayOptions(dataEnd: extracted.dataEnd))
        #expect(extracted.dataEnd == t("2024-03-20"))
        #expect(m.levelTransitions == 3 && m.censoredTransitions == 2)
        #expect(m.transitions.map(\.censored) == [false, true, true])
        #expect(m.discontinuityIndex == 1.0)  // 1 unbridged of 1 uncensored
        #expect(m.newFaces == 1 && m.brokenRelations == 0 && m.unbridgedTransitions == 1)
    }

    @Test func concurrentCareIsNotATransitionPerVisit() {
        // A nurse every 7 days all year, a psychologist every 14 days 03-05…05-28.
        var rows: [(PathwayEvent.Kind, String, String?, String?, Level?)] = []
        var day = t("2024-01-01")
        while day < t("2025-01-01") {
            rows.append((.contact, day.description, "nurse", "home-nursing", .municipal))
            day = day.adding(days: 7)
        }
        day = t("2024-03-05")
        while day <= t("2024-05-28") {
            rows.append((.contact, day.description, "psy", "dps-clinic", .dps))
            day = day.adding(days: 14)
        }
        let m = pathway(rows).measures(PathwayOptions(dataEnd: t("2024-12-30")))
        #expect(m.continuity.contacts == 60)
        #expect(m.levelSwitches == 14)
        #expect(m.levelTransitions == 2 && m.upTransitions == 1 && m.downTransitions == 1)
        #expect(m.transitions.map(\.time) == [t("2024-03-05"), t("2024-06-03")])  // the first nurse visit after the last DPS one
        #expect(m.transitions.map(\.newFaces) == [1, 0])
        #expect(m.transitions.map(\.carried) == [1, 1])
        #expect(m.transitions.map(\.broken) == [0, 1])
        #expect(m.transitions.allSatisfy { $0.bridged })
        #expect(m.discontinuityIndex == 0.0)
    }

    @Test func theThreeGranularitiesDiffer() {
        // Two psychiatric nurses in one municipal service, then the GP, then NAV (state: same rank).
        let p = visits([("2024-01-01", "pn1", "mh", .municipal), ("2024-01-08", "pn2", "mh", .municipal),
                        ("2024-01-15", "gp", "gp-surgery", .municipal), ("2024-01-22", "nav1", "nav", .state)])
        let byProfessional = p.measures(PathwayOptions(granularity: .professional))
        let byService = p.measures(PathwayOptions(granularity: .service))
        let byLevel = p.measures(PathwayOptions(granularity: .level))
        #expect([byProfessional.continuity.providers, byService.continuity.providers, byLevel.continuity.providers] == [4, 3, 2])
        #expect([byProfessional.continuity.handovers, byService.continuity.handovers, byLevel.continuity.handovers] == [3, 2, 1])
        #expect(byLevel.continuity.upc == 0.75)
        #expect(byProfessional.levelTransitions == 0 && byProfessional.levelSwitches == 0)  // municipal → state is no transition
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

    @Test func noEventsNoVisitsAndOneVisit() {
        let none = ContinuityIndices(providers: [String]())
        #expect(none.contacts == 0)
        #expect([none.upc, none.coc, none.secon, none.mmci, none.hhi].allSatisfy { $0 == nil })
        #expect(none.providers == nil && none.handovers == nil)
        let one = ContinuityIndices(providers: ["gp"])
        #expect([one.upc, one.hhi, one.mmci] == [1, 1, 1])
        #expect(one.coc == nil && one.secon == nil && one.handovers == 0)

        let empty = Pathway(user: "u", events: []).measures()
        #expect(empty.levelTransitions == nil && empty.levelSwitches == nil && empty.discontinuityIndex == nil)
        #expect(empty.concurrencyMean == nil && empty.discharges == 0 && empty.followup7d == nil && empty.readmissionRate30d == nil)
        let single = visits([("2024-01-01", "gp", "s", .municipal)]).measures()
        #expect(single.levelTransitions == 0 && single.levelSwitches == 0 && single.discontinuityIndex == nil)
        #expect(single.concurrencyMean == 1 && single.concurrencyMax == 1)
        // Only a referral: never in care, so no transition count at all.
        let referralOnly = Pathway(user: "u", events: [event(.referral, "2024-01-01", service: "dps")]).measures()
        #expect(referralOnly.levelTransitions == nil && referralOnly.referralWaitDays == [nil])
    }

    @Test func anUnnamedVisitCountsAsOnePersonPerServiceAndIsNeverAFace() {
        let p = visits([("2024-01-01", "gp", "legekontor", .municipal), ("2024-01-05", nil, "dps-clinic", .dps),
                        ("2024-01-06", nil, "dps-clinic", .dps), ("2024-01-09", nil, "ward", .hospital)])
        let m = p.measures(PathwayOptions(dataEnd: t("2024-12-31")))
        #expect(m.continuity.providers == 3)  // gp, dps-clinic#unnamed, ward#unnamed
        #expect(m.continuity.handovers == 2)
        #expect(m.transitions.map(\.time) == [t("2024-01-05"), t("2024-01-09")])
        #expect(m.transitions.map(\.newFaces) == [0, 0])
        #expect(m.transitions.map(\.broken) == [1, 0])  // the GP's relation breaks; no unnamed one
    }

    @Test func informationPassedBridgesATransition() {
        let plain = [("2024-01-01", "gp", "s", Level.municipal), ("2024-03-01", "psy", "d", Level.dps)]
        let options = PathwayOptions(dataEnd: t("2024-12-31"))
        // 01-01 is a municipal episode of one day; the DPS visit 03-01 raises the care level.
        #expect(visits(plain).measures(options).unbridgedTransitions == 1)
        let referred = visits(plain, events: [event(.referral, "2024-02-05", target: "psy")])
        #expect(referred.measures(options).unbridgedTransitions == 0)
        let tooEarly = visits(plain, events: [event(.epicrisis, "2024-01-20")])
        #expect(tooEarly.measures(options).unbridgedTransitions == 1)  // 41 days before, outside W = 30
        var wide = options
        wide.windowDays = 45
        #expect(tooEarly.measures(wide).unbridgedTransitions == 0)
    }

    @Test func referralWaits() {
        let events = [event(.referral, "2024-01-25", service: "clinic"), event(.referral, "2024-01-26", target: "nobody")]
        let p = visits([("2024-01-22", "gp", "s", .municipal), ("2024-02-04T06:00", "psy", "clinic", .dps)], events: events)
        #expect(p.measures().referralWaitDays == [10.25, nil])
    }

    @Test func aPeriodFiltersEventsFirst() {
        let p = visits([("2023-12-20", "old", "s", .municipal), ("2024-01-05", "gp", "s", .municipal),
                        ("2024-02-01", "psy", "d", .dps)])
        let m = p.measures(PathwayOptions(period: Period(from: t("2024-01-01")), dataEnd: t("2024-12-31")))
        #expect(m.continuity.contacts == 2)
        #expect(m.transitions.first?.broken == 1)  // the GP, not the visit before the period
    }
}
