import Foundation
import Testing
@testable import ServiceGraph

/// Each indicator of the seven requirements on a small graph worked by hand (docs/requirements.md).
@Suite struct RequirementsTests {
    private func node(_ id: String, _ attributes: [String: String]) -> Node { Node(id: NodeID(id), attributes: attributes) }
    private func edge(_ a: String, _ b: String, _ attributes: [String: String]) -> Edge {
        Edge(source: NodeID(a), target: NodeID(b), attributes: attributes)
    }

    private func scorecards(_ graph: CollaborationGraph) throws -> [RequirementsScorecard] {
        let report = try MetricsReport(graph: graph, meta: .init(input: "sketch.dot", sha256: "", toolVersion: "test"))
        return RequirementsScorecard.scorecards(of: [(report, graph)])
    }

    /// u meets four municipal helpers a, b, c, d (in that order in time, d first, late on a
    /// Saturday). c is the coordinator, tied to a and b; a and b sit in forum f with the
    /// user's mother m; a works in the mental-health service s; b is the GP; d reaches nobody.
    private var helperNetwork: CollaborationGraph {
        Sketch.graph([
            node("u", ["kind": "user", "label": "U"]),
            node("a", ["kind": "professional", "label": "A", "level": "municipal"]),
            node("b", ["kind": "professional", "label": "B", "level": "municipal", "role": "GP (fastlege)"]),
            node("c", ["kind": "professional", "label": "C", "level": "municipal", "coordinator": "true"]),
            node("d", ["kind": "professional", "label": "D", "level": "municipal"]),
            node("m", ["kind": "relative", "label": "Mother"]),
            node("f", ["kind": "forum", "label": "Responsibility group"]),
            node("s", ["kind": "service", "label": "Municipal mental-health service", "level": "municipal", "mh": "true"]),
        ], [
            edge("u", "d", ["kind": "contact", "date": "2024-03-02T23:00"]),
            edge("u", "a", ["kind": "contact", "date": "2024-03-04"]),
            edge("u", "b", ["kind": "contact", "date": "2024-03-05"]),
            edge("u", "c", ["kind": "contact", "date": "2024-03-06"]),
            edge("c", "a", ["kind": "collaboration"]), edge("c", "b", ["kind": "collaboration"]),
            edge("a", "f", ["kind": "member"]), edge("b", "f", ["kind": "member"]), edge("m", "f", ["kind": "member"]),
            edge("u", "m", ["kind": "informal"]), edge("a", "s", ["kind": "member"]),
        ])
    }

    @Test func helperNetworkIndicatorsByHand() throws {
        let cards = try scorecards(helperNetwork)
        #expect(cards.count == 1)
        let card = try #require(cards.first)
        #expect(card.subject == .helperNetwork && card.user == "u" && card.name == "U")
        // c reaches itself, a and b: 3 of 4; the forum reaches a and b only.
        #expect(card.indicator(.coordinatorReach) == Indicator(.coordinatorReach, .share(3, of: 4), evidence: ["C"]))
        // Without u: a, b, c (and f, m) hang together; d is alone.
        #expect(card.indicator(.helperGroups) == Indicator(.helperGroups, .count(2), evidence: ["D"]))
        // 3 of the 6 pairs of helpers cannot reach each other (every pair with d).
        #expect(card.indicator(.fragmentation)?.value == .number(0.5))
        // Without a, b or c, 2 of the 3 remaining pairs are cut; ties go to the smallest id: a.
        let key = try #require(card.indicator(.keyHelper))
        #expect(key.evidence == ["A"])
        guard case .change(let from, let to)? = key.value else { Issue.record("no change"); return }
        #expect(from == 0.5 && approximately(to, 2.0 / 3.0))
        // The user's forum is f, and the mother sits in it.
        #expect(card.indicator(.voiceInForum) == Indicator(.voiceInForum, .share(1, of: 1), evidence: ["Responsibility group"]))
        #expect(card.indicator(.relatives) == Indicator(.relatives, .count(1), evidence: ["Mother"]))
        #expect(card.indicator(.coordinator) == Indicator(.coordinator, .count(1), evidence: ["C"]))
        #expect(card.indicator(.helpers)?.value == .count(4))
        #expect(card.indicator(.mhHelpers) == Indicator(.mhHelpers, .count(1), evidence: ["A"]))
        // Visits d, a, b, c: three handovers, four providers seen once each.
        #expect(card.indicator(.handovers)?.value == .count(3))
        #expect(card.indicator(.coc)?.value == .number(0))
        #expect(card.indicator(.upc)?.value == .number(0.25))
        #expect(card.indicator(.discontinuityIndex)?.isMissing == true)  // no level transition
        #expect(card.indicator(.followup7d)?.isMissing == true)  // no discharge
        // GP (b's role) and the mental-health service (s, marked) of the six kinds.
        let kinds = try #require(card.indicator(.serviceKinds)?.value)
        guard case .kinds(let found) = kinds else { Issue.record("no kinds"); return }
        #expect(found.map(\.kind) == [.gp, .mentalHealth] && found.map(\.node) == ["B", "Municipal mental-health service"])
        // 2024-03-02 was a Saturday, 23:00 is night.
        #expect(card.indicator(.outOfHours) == Indicator(.outOfHours, .times([.night, .weekend]), evidence: ["«D» 2024-03-02T23:00"]))
        #expect(card.assessment(.professionalMilieu)?.status == .notAssessable(.orgChart))
        #expect(card.assessment(.sharedValues)?.status == .notStructural)
        #expect(card.assessment(.sharedValues)?.indicators.isEmpty == true)
    }

    /// ce ← hc ← {mh (2 FTE, coordinator), alloc, home, gp}; ce ← nav; alloc orders mh and home;
    /// forum f holds mh and nav; mh is tied informally to nav, collaborates with the GP and
    /// home (evenings and weekends), and has an agreement with an inter-municipal DPS team.
    private var chart: CollaborationGraph {
        var graph = Sketch.graph([
            node("ce", ["kind": "unit", "label": "Chief executive", "tier": "executive"]),
            node("hc", ["kind": "unit", "label": "Health and care", "tier": "unit"]),
            node("mh", ["kind": "service", "label": "Psychiatric nurse", "mh": "true", "mh_fte": "2", "coordinator": "true", "tier": "service"]),
            node("alloc", ["kind": "unit", "label": "Allocation office", "tier": "unit"]),
            node("home", ["kind": "service", "label": "Home nursing", "tier": "service"]),
            node("gp", ["kind": "service", "label": "Doctors", "tier": "service"]),
            node("nav", ["kind": "unit", "label": "NAV X", "tier": "unit"]),
            node("f", ["kind": "forum", "label": "Monthly meeting"]),
            node("dps_team", ["kind": "service", "label": "Ambulant team", "level": "dps", "municipality": "A, B"]),
        ], [
            edge("hc", "ce", ["kind": "reports_to"]), edge("nav", "ce", ["kind": "reports_to"]),
            edge("mh", "hc", ["kind": "reports_to"]), edge("alloc", "hc", ["kind": "reports_to"]),
            edge("home", "hc", ["kind": "reports_to"]), edge("gp", "hc", ["kind": "reports_to"]),
            edge("alloc", "mh", ["kind": "order"]), edge("alloc", "home", ["kind": "order"]),
            edge("mh", "f", ["kind": "member"]), edge("nav", "f", ["kind": "member"]),
            edge("mh", "nav", ["kind": "informal"]), edge("mh", "gp", ["kind": "collaboration"]),
            edge("mh", "home", ["kind": "collaboration", "note": "evenings and weekends"]),
            edge("mh", "dps_team", ["kind": "agreement"]),
        ])
        graph.attributes = ["municipality": "X", "population": "4000"]
        return graph
    }

    @Test func orgChartIndicatorsByHand() throws {
        let card = try #require(try scorecards(chart).first)
        #expect(card.subject == .orgChart && card.name == "X" && card.user == nil)
        #expect(card.indicator(.forums) == Indicator(.forums, .count(1), evidence: ["Monthly meeting"]))
        #expect(card.indicator(.mhForums) == Indicator(.mhForums, .count(1), evidence: ["Monthly meeting"]))
        #expect(card.indicator(.mhPartners) == Indicator(.mhPartners, .count(4), evidence: ["Home nursing", "Doctors", "NAV X", "Ambulant team"]))
        #expect(card.indicator(.informalTies) == Indicator(.informalTies, .count(1), evidence: ["«Psychiatric nurse» – «NAV X»"]))
        #expect(card.indicator(.mhFTE) == Indicator(.mhFTE, .number(2), evidence: ["Psychiatric nurse"]))
        #expect(card.indicator(.mhFTEPer1000)?.value == .number(0.5))  // 2 FTE × 1,000 / 4,000
        #expect(card.indicator(.mhUnits)?.value == .count(1))
        #expect(card.indicator(.largestMHUnit) == Indicator(.largestMHUnit, .number(2), evidence: ["Psychiatric nurse"]))
        #expect(card.indicator(.interMunicipal) == Indicator(.interMunicipal, .count(1), evidence: ["Ambulant team"]))
        #expect(card.indicator(.relatives)?.isMissing == true)  // the chart names no user organisation
        #expect(card.indicator(.voiceInForum)?.isMissing == true)
        #expect(card.indicator(.coordinator)?.value == .count(1))
        #expect(card.indicator(.mhMarked)?.value == .flag(true))
        #expect(card.indicator(.mhFormalLevel)?.value == .level(3))  // ce 1, hc 2, mh 3
        guard case .model(let model, _)? = card.indicator(.placementModel)?.value else { Issue.record("no model"); return }
        #expect(model == .ownService)  // under a unit
        #expect(card.indicator(.entryPoints) == Indicator(.entryPoints, .count(1), evidence: ["Allocation office"]))
        #expect(card.indicator(.purchaserHandOffs) == Indicator(.purchaserHandOffs, .count(2),
                                                                evidence: ["«Allocation office» → «Psychiatric nurse», «Home nursing»"]))
        guard case .kinds(let found)? = card.indicator(.serviceKinds)?.value else { Issue.record("no kinds"); return }
        #expect(found.map(\.kind) == [.gp, .homeServices, .mentalHealth, .nav, .dps])  // no housing in the chart
        #expect(card.indicator(.outOfHours)?.value == .times([.evening, .weekend]))
        #expect(card.assessment(.continuity)?.status == .notAssessable(.users))
        #expect(card.assessment(.continuity)?.reading(.en) == "cannot be assessed: it needs a user's helper network or pathway")
    }

    @Test func missingIsMissingNeverABadValue() throws {
        // A chart with nothing marked and no FTE: the FTE figures and the MH ties are missing, not 0.
        let bare = Sketch.graph([], [edge("b", "a", ["kind": "reports_to"])])
        let card = try #require(try scorecards(bare).first)
        for key in [IndicatorKey.mhFTE, .mhFTEPer1000, .largestMHUnit, .mhForums, .mhPartners, .mhFormalLevel, .entryPoints,
                    .coordinator, .outOfHours] {
            #expect(card.indicator(key)?.isMissing == true, "\(key)")
            #expect(card.indicator(key)?.cell(.en) == "–")
        }
        #expect(card.indicator(.mhMarked)?.value == .flag(false))  // the chart does not show the work: that is what it says
        guard case .object(let members) = try #require(card.indicator(.mhFTE)).json(.en) else { Issue.record("not an object"); return }
        #expect(members["value"] == .null)
        #expect(RequirementsReport([card]).csv.contains(",professional_milieu,assessed,mh_fte,,"))
        // A user with no helpers: nothing about them is scored 0 but the count itself.
        let lonely = Sketch.graph([node("u", ["kind": "user"])])
        let alone = try #require(try scorecards(lonely).first)
        for key in [IndicatorKey.coordinatorReach, .helperGroups, .fragmentation, .keyHelper, .voiceInForum, .coordinator,
                    .coc, .upc, .discontinuityIndex, .followup7d, .outOfHours, .mhHelpers] {
            #expect(alone.indicator(key)?.isMissing == true, "\(key)")
        }
        #expect(alone.indicator(.helpers)?.value == .count(0))
        #expect(alone.assessment(.coordinated)?.reading(.en).hasPrefix("No coordinator (coordinator=true) or forum in the data") == true)
    }

    @Test func neitherUsersNorReportingLines() throws {
        let graph = Sketch.graph([node("a", ["kind": "service"])], [edge("a", "b", ["kind": "collaboration"])])
        let card = try #require(try scorecards(graph).first)
        #expect(card.subject == .neither)
        #expect(card.notAssessable.map(\.0) == [.coordinated, .professionalMilieu, .respect, .continuity, .visible, .sufficient])
        #expect(card.notAssessable.allSatisfy { $0.1 == .usersOrOrgChart })
        let table = RequirementsReport([card]).table()
        #expect(table.contains("sketch.dot has neither users nor reports_to edges: requirements 1, 2, 3, 5, 6 and 7 cannot be assessed"))
        // An empty graph too.
        #expect(try scorecards(CollaborationGraph()).first?.subject == .neither)
    }

    @Test func anEventLogShowsContinuityOnly() throws {
        let report = try MetricsReport(graph: helperNetwork, meta: .init(input: "log.csv", sha256: "", toolVersion: "test"))
        let cards = RequirementsScorecard.scorecards(of: report, graph: nil)
        let card = try #require(cards.first)
        #expect(card.subject == .pathway)
        #expect(card.assessments.filter { $0.status == .assessed }.map(\.requirement) == [.continuity])
        #expect(card.assessment(.coordinated)?.status == .notAssessable(.graph))
        #expect(card.indicator(.handovers)?.value == .count(3))
    }

    @Test func serviceKindsByWordMarkAndAttribute() {
        func kinds(_ attributes: [String: String], level: Level? = nil) -> [ServiceKind] {
            ServiceKind.allCases.filter { $0.matches(Node(id: "x", attributes: attributes), level: level) }
        }
        #expect(kinds(["kind": "service", "label": "Doctors"]) == [.gp])
        #expect(kinds(["kind": "unit", "label": "Unit Helse (head: municipal doctor)"]).isEmpty)  // one doctor is no GP service
        #expect(kinds(["kind": "forum", "label": "Meeting with NAV and the doctors"]).isEmpty)  // forums never count
        #expect(kinds(["kind": "service", "label": "Heimeteneste"]) == [.homeServices])
        #expect(kinds(["kind": "service", "label": "Staffed housing", "mh": "true"]) == [.mentalHealth, .housing])
        #expect(kinds(["kind": "service", "label": "Acute psychiatric ward"], level: .hospital).isEmpty)
        #expect(kinds(["kind": "service", "label": "Ambulant team"], level: .dps) == [.dps])
        #expect(kinds(["kind": "service", "label": "Team 3", "service_kind": "housing, nav"]) == [.nav, .housing])
        #expect(kinds(["kind": "service", "label": "Navigation"]).isEmpty)  // "nav" as a whole word only
    }

    @Test func outOfHoursFromWordsAndTimes() {
        #expect(OutOfHours.said(in: "home nurse (evenings)") == [.evening])
        #expect(OutOfHours.said(in: "nattevakt") == [])  // a word of its own, not a part
        #expect(OutOfHours.said(in: "Legevakt") == [.evening, .night])
        #expect(OutOfHours.said(in: "helg og kveld") == [.evening, .weekend])
        #expect(OutOfHours.of(visit: "2024-05-14T19:30") == [.evening])  // a Tuesday
        #expect(OutOfHours.of(visit: "2024-05-14T06:59") == [.night])
        #expect(OutOfHours.of(visit: "2024-05-14T07:00") == [])
        #expect(OutOfHours.of(visit: "2024-05-14") == [])  // a date says nothing of the hour
        #expect(OutOfHours.of(visit: "2024-05-19") == [.weekend])  // a Sunday
        #expect(OutOfHours.of(visit: "not a date") == [])
    }

    @Test func everyKeyAndRequirementHasWordsInBothLanguages() {
        for language in Language.allCases {
            let words = language.requirements
            for requirement in Requirement.allCases {
                #expect(!words.heading(requirement).isEmpty && !words.short(requirement).isEmpty && !words.cannotTell(requirement).isEmpty)
            }
            for key in IndicatorKey.allCases {
                #expect(!words.indicator(key).isEmpty)
                #expect(!words.missing(Indicator(key, nil)).isEmpty)
            }
        }
        // The bokmål headings are the guidance's own words.
        #expect(Requirement.coordinated.heading(.nb) == "Sikre et tjenestetilbud som oppleves helhetlig og koordinert")
        #expect(Requirement.continuity.heading(.nb)
                == "Sikre kontinuitet for brukeren gjennom stabile relasjoner og færrest mulig å forholde seg til")
        #expect(Requirement.allCases.map(\.number) == Array(1...7))
    }

    @Test func readingsNameTheNodes() throws {
        let card = try #require(try scorecards(helperNetwork).first)
        let reading = try #require(card.assessment(.coordinated)?.reading(.en))
        #expect(reading == "«C» reaches 3 of 4 helpers; without the user the helpers form 2 groups (alone: «D»); "
                + "fragmentation 0.50; without «A» it goes from 0.50 to 0.67.")
        let nb = try #require(card.assessment(.coordinated)?.reading(.nb))
        #expect(nb.hasPrefix("«C» når 3 av 4 hjelpere; uten brukeren danner hjelperne 2 grupper"))
    }

    @Test func csvHasARowPerIndicator() throws {
        let cards = try scorecards(helperNetwork) + scorecards(chart)
        let csv = RequirementsReport(cards).csv
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let indicators = cards.flatMap(\.assessments).reduce(0) { $0 + max(1, $1.indicators.count) }
        #expect(rows.count == 1 + indicators)
        #expect(rows[0] == RequirementsReport.csvHeader.joined(separator: ","))
        #expect(rows.contains("sketch.dot,U,u,coordinated,assessed,coordinator_reach,0.75,C"))
        #expect(rows.contains("sketch.dot,X,,continuity,not_assessable,,,"))
    }
}
