import Foundation
import Testing
@testable import ServiceGraph

@Suite struct StructureTests {
    /// `"a>b"`: a reports to b; `"a>b:budget"`: only budget authority goes that way.
    private func chart(_ lines: [String], nodes: [String: [String: String]] = [:], extra: [Edge] = []) -> CollaborationGraph {
        var graph = CollaborationGraph()
        for (id, attributes) in nodes.sorted(by: { $0.key < $1.key }) { graph.addNode(Node(id: NodeID(id), attributes: attributes)) }
        for line in lines {
            let parts = line.split(separator: ":")
            let ends = parts[0].split(separator: ">").map { NodeID(String($0)) }
            var attributes = ["kind": "reports_to"]
            if parts.count > 1 { attributes["authority"] = String(parts[1]) }
            graph.addEdge(Edge(source: ends[0], target: ends[1], attributes: attributes))
        }
        extra.forEach { graph.addEdge($0) }
        return graph
    }

    private func unit(_ m: StructureMeasures, _ id: NodeID) throws -> UnitMeasures {
        try #require(m.units.first { $0.node == id })
    }

    @Test func treeLevelsSpansAndDepth() throws {
        let m = try chart(["hs>ce", "pt>ce", "helse>hs", "plo>hs", "nav>hs", "nurse>helse"]).structureMeasures()
        #expect(try unit(m, "ce").formalLevel == 1)
        #expect(try unit(m, "hs").formalLevel == 2)
        #expect(try unit(m, "nurse").formalLevel == 4)
        #expect(try unit(m, "hs").span == 3 && unit(m, "ce").span == 2 && unit(m, "nurse").span == 0)
        #expect(m.maxDepth == 4)
        #expect(m.span?.max == 3)
        #expect(m.units.allSatisfy { !$0.dualReporting && !$0.authoritySplit })
        #expect(m.span?.mean == 2)  // ce 2, hs 3, helse 1: the mean over units with subordinates
    }

    @Test func dualReportingTakesTheFewestHops() throws {
        // NAV Eide reports to the chief executive and to the county NAV, which is a root of its own.
        let m = try chart(["nav>ce_eide", "nav>county_nav", "mh>nav"]).structureMeasures()
        let nav = try unit(m, "nav")
        #expect(nav.dualReporting && nav.formalLevel == 2)
        #expect(try unit(m, "mh").formalLevel == 3)
        #expect(try unit(m, "county_nav").formalLevel == 1)  // a unit with no line up is a root
        // Two superiors, all authority to both: not the same holder for each → split.
        #expect(nav.authoritySplit)
    }

    @Test func authoritySplitOnOneUnit() throws {
        let split = try chart(["mh>health:budget,personnel", "mh>lead:professional", "health>ce", "lead>ce"]).structureMeasures()
        #expect(try unit(split, "mh").authoritySplit)
        #expect(try unit(split, "mh").dualReporting)
        let whole = try chart(["mh>health:budget personnel professional", "health>ce"]).structureMeasures()
        #expect(try !unit(whole, "mh").authoritySplit)
    }

    @Test func aCycleIsAnErrorNamingIt() {
        #expect(throws: ReportingCycle(nodes: ["a", "b", "c"])) {
            try chart(["a>b", "b>c", "c>a", "d>a"]).structureMeasures()
        }
        #expect(ReportingCycle(nodes: ["a", "b", "c"]).description == "reports_to lines form a cycle: a → b → c → a")
        #expect(throws: ReportingCycle(nodes: ["a"])) { try chart(["a>ce", "a>a"]).structureMeasures() }
        #expect(ReportingCycle(nodes: ["a"]).description == "'a' reports to itself")
    }

    @Test func noReportingLines() throws {
        let m = try CollaborationGraph().structureMeasures()
        #expect(m.units.isEmpty && m.maxDepth == nil && m.span == nil)
        #expect(m.model == .integrated && !m.visible && m.mhHHI == nil)
    }

    // The four models, one example each.

    @Test func staffModel() throws {
        let m = try chart(["adviser>ce", "hs>ce"], nodes: ["adviser": ["staff": "true", "mh": "true", "mh_fte": "2"]]).structureMeasures()
        #expect(m.model == .staff)
    }

    @Test func integratedModel() throws {
        // Rauma-like spread: no unit holds 60 % (3, 2, 2 of 7).
        let spread = try chart(["a>hs", "b>hs", "c>hs", "hs>ce"],
                               nodes: ["a": ["mh": "true", "mh_fte": "3"], "b": ["mh_fte": "2"], "c": ["mh_fte": "2"]]).structureMeasures()
        #expect(spread.model == .integrated)
        #expect(abs((spread.mhHHI ?? 0) - (9.0 + 4 + 4) / 49) < 1e-12)
        // Nothing marked mental-health work: integrated, whatever the FTE.
        let unmarked = try chart(["a>ce"], nodes: ["a": ["mh_fte": "5"]]).structureMeasures()
        #expect(unmarked.model == .integrated && !unmarked.visible)
    }

    @Test func ownUnitModel() throws {
        let m = try chart(["mh>hs", "hs>ce", "care>hs"],
                          nodes: ["mh": ["mh": "true", "mh_fte": "9"], "care": ["mh_fte": "1"], "hs": ["tier": "sector"]])
            .structureMeasures()
        #expect(m.model == .ownUnit)  // mh's superior is a sector head; mh holds 90 %
        #expect(m.mainMentalHealthNode == "mh")
        #expect(m.mhUnits == ["mh"])  // units marked mh=true; care states FTE but is not marked
        #expect(m.mhFTE == 10)
        #expect(m.reason.step == .underManagement && m.reason.sentence(.en)
                == "«mh» (9 FTE, 90 % of stated MH FTE) sits under «hs», tier sector → own unit")
    }

    @Test func ownServiceModel() throws {
        // Aukra: the psychiatric nurse sits in the unit Helse under a sector head.
        let m = try chart(["nurse>helse", "helse>hs", "hs>ce"],
                          nodes: ["nurse": ["mh": "true", "mh_fte": "1"], "helse": ["tier": "enhet"], "hs": ["tier": "kommunalsjef"]])
            .structureMeasures()
        #expect(m.model == .ownService)
        #expect(m.visible)
        #expect(try unit(m, "helse").tier == .unit && unit(m, "hs").tier == .sector && unit(m, "ce").tier == .executive)
        #expect(m.reason.sentence(.nb)
                == "«nurse» (1 årsverk, 100 % av oppgitte årsverk i psykisk helsearbeid) ligger under «helse», nivå enhet → egen tjeneste")
    }

    // The placement rule, a test per step (docs/structure.md).

    @Test func ruleStep1StaffWinsOverEverything() throws {
        let m = try chart(["adviser>ce"], nodes: ["adviser": ["staff": "true", "mh": "true"]]).structureMeasures()
        #expect(m.model == .staff && m.reason.step == .staff)
        #expect(m.reason.sentence(.en) == "«adviser» (no FTE stated) is a staff function (staff=true) → staff")
    }

    @Test func ruleStep2IntegratedWithoutAMarkOrByShare() throws {
        let none = try chart(["a>ce"]).structureMeasures()
        #expect(none.model == .integrated && none.reason.sentence(.en) == "no node is marked as mental-health work (mh=true) → integrated")
        #expect(none.reason.sentence(.nb) == "ingen node er merket som psykisk helsearbeid (mh=true) → integrert")
        // 59 % under one node: still spread.
        let spread = try chart(["a>ce", "b>ce"], nodes: ["a": ["mh": "true", "mh_fte": "5.9"], "b": ["mh": "true", "mh_fte": "4,1"]])
            .structureMeasures()
        #expect(spread.model == .integrated && spread.reason.step == .spread && spread.mainMentalHealthNode == "a")
        #expect(spread.reason.sentence(.en) == "«a» holds the most stated MH FTE (5.9 FTE, 59 % of stated MH FTE), under 60 % → integrated")
        // 60 % is enough: the node's own place decides.
        let held = try chart(["a>ce", "b>ce"], nodes: ["a": ["mh": "true", "mh_fte": "6"], "b": ["mh": "true", "mh_fte": "4"]])
            .structureMeasures()
        #expect(held.model == .ownUnit)
    }

    @Test func ruleStep3OwnUnitUnderTheExecutiveASectorOrAtTheTop() throws {
        let underExecutive = try chart(["mh>ce"], nodes: ["mh": ["mh": "true"]]).structureMeasures()
        #expect(underExecutive.model == .ownUnit)
        #expect(underExecutive.reason.sentence(.en) == "«mh» (no FTE stated) sits under «ce», tier executive → own unit")
        let underSector = try chart(["mh>hs", "hs>ce"], nodes: ["mh": ["mh": "true"], "hs": ["tier": "sector"]]).structureMeasures()
        #expect(underSector.model == .ownUnit && underSector.reason.superiorTier == .sector && !underSector.reason.tierAssumed)
        let atTop = try chart(["x>mh"], nodes: ["mh": ["mh": "true"]]).structureMeasures()
        #expect(atTop.model == .ownUnit && atTop.reason.step == .root)
    }

    @Test func ruleStep4OwnServiceUnderAUnitOrAnUnknownTier() throws {
        let underUnit = try chart(["mh>nav", "nav>ce"], nodes: ["mh": ["mh": "true", "mh_fte": "6"], "nav": ["tier": "unit", "label": "NAV Eide"],
                                                          "ce": ["tier": "executive"]]).structureMeasures()
        #expect(underUnit.model == .ownService)
        #expect(underUnit.reason.sentence(.en) == "«mh» (6 FTE, 100 % of stated MH FTE) sits under «NAV Eide», tier unit → own service")
        let unknown = try chart(["mh>hs", "hs>ce"], nodes: ["mh": ["mh": "true"]]).structureMeasures()
        #expect(unknown.model == .ownService && unknown.reason.tierAssumed)
        #expect(unknown.reason.sentence(.en) == "«mh» (no FTE stated) sits under «hs», whose tier is not stated, taken as a unit → own service")
        #expect(unknown.unitsWithoutTier == ["mh", "hs"])  // the root is executive by definition
        // The first line up decides, in source order, when a unit reports twice.
        let dual = try chart(["mh>helse", "mh>ce", "helse>ce"], nodes: ["mh": ["mh": "true"], "helse": ["tier": "unit"]]).structureMeasures()
        #expect(dual.model == .ownService)
    }

    @Test func theMainNodeBySubtreeThenLevelThenSource() throws {
        // Subtree FTE: the care unit holds 2 of its own and 3 below it (the team reports to both care and home).
        let m = try chart(["care>ce", "home>ce", "team>care", "team>home"],
                          nodes: ["care": ["mh": "true", "mh_fte": "2"], "home": ["mh": "true"], "team": ["mh": "true", "mh_fte": "3"]])
            .structureMeasures()
        #expect(try unit(m, "care").subtreeMHFTE == 5 && unit(m, "home").subtreeMHFTE == 3 && unit(m, "team").subtreeMHFTE == 3)
        #expect(try unit(m, "ce").subtreeMHFTE == 5)  // the team is counted once under the chief executive
        #expect(m.mainMentalHealthNode == "care" && m.mhFTE == 5)
        #expect(try unit(m, "home").mhFTE == nil)
        // A tie in FTE goes to the higher unit; a tie in level too goes to the one written first.
        let tie = try chart(["b>ce", "a>b"], nodes: ["a": ["mh": "true", "mh_fte": "1"], "b": ["mh": "true"]]).structureMeasures()
        #expect(tie.mainMentalHealthNode == "b")  // b's subtree holds a's FTE, at a higher level
        // No FTE anywhere: the first marked node of the lowest level.
        let bare = try chart(["x>ce", "y>ce", "z>x"], nodes: ["z": ["mh": "true"], "y": ["mh": "true"]]).structureMeasures()
        #expect(bare.mainMentalHealthNode == "y" && bare.mhFTE == nil && bare.mhHHI == nil)
    }

    @Test func twoRootsAreReported() throws {
        let m = try chart(["a>ce", "b>other"]).structureMeasures()
        #expect(m.roots == ["ce", "other"] && m.units.filter { $0.formalLevel == 1 }.count == 2)
    }

    @Test func tierAliases() {
        #expect(["rådmann", "Kommunedirektør", "sektor", "kommunalsjef", "resultatenhet", "foretak", "avdeling", "tjeneste"]
            .map { Tier(name: $0) } == [.executive, .executive, .sector, .sector, .unit, .unit, .department, .service])
        #expect(Tier(name: "boss") == nil)
    }

    @Test func ordersTiesAndInterMunicipalNodes() throws {
        let m = try chart(["office>ce", "home>ce"], nodes: ["team": ["municipality": "Eide, Fræna"], "home": ["municipality": "Eide"]],
                          extra: [Edge(source: "office", target: "home", attributes: ["kind": "order"]),
                                  Edge(source: "office", target: "team", attributes: ["kind": "order"]),
                                  Edge(source: "office", target: "home", attributes: ["kind": "order"]),
                                  Edge(source: "team", target: "home", attributes: ["kind": "informal"])]).structureMeasures()
        #expect(m.orders == ["office": ["home", "team"]])
        #expect(m.formalTies == 5 && m.informalTies == 1)
        #expect(m.interMunicipal == ["team"])
    }
}

@Suite struct ComparisonTests {
    private func profile(_ name: String, population: Int?, fte: [(String, String)], lines: [String] = ["a>ce"]) throws -> MunicipalityProfile {
        var graph = CollaborationGraph(attributes: ["municipality": name])
        if let population { graph.attributes["population"] = String(population) }
        for (index, (value, municipalities)) in fte.enumerated() {
            graph.addNode(Node(id: NodeID("mh\(index)"), attributes: ["mh": "true", "mh_fte": value, "municipality": municipalities]))
            graph.addEdge(Edge(source: NodeID("mh\(index)"), target: "ce", attributes: ["kind": "reports_to"]))
        }
        return try graph.municipalityProfile(input: name + ".dot")
    }

    @Test func interMunicipalFTEIsSharedByPopulation() throws {
        // A joint team of 7 FTE for Eide (3,500) and Fræna (9,600), and 1 FTE of Eide's own.
        let eide = try profile("Eide", population: 3_500, fte: [("7", "Eide, Fræna"), ("1", "Eide")])
        let fraena = try profile("Fræna", population: 9_600, fte: [("7", "Eide, Fræna")])
        #expect(eide.mhFTE == 1 + 3.5)  // evenly, until the partner's population is known
        let compared = MunicipalityComparison([eide, fraena]).profiles
        #expect(abs((compared[0].mhFTE ?? 0) - (1 + 7 * 3_500.0 / 13_100)) < 1e-9)
        #expect(abs((compared[1].mhFTE ?? 0) - 7 * 9_600.0 / 13_100) < 1e-9)
        #expect(abs((compared[0].mhFTEPer1000 ?? 0) - (compared[0].mhFTE ?? 0) * 1000 / 3_500) < 1e-9)
        // No FTE stated: none, not 0.
        let unstated = try profile("Y", population: 1_000, fte: [("", "Y")])
        #expect(unstated.mhFTE == nil && MunicipalityComparison([unstated]).profiles[0].mhFTEPer1000 == nil)
        // Alone, without the partner, the even split stands.
        #expect(MunicipalityComparison([eide]).profiles[0].mhFTE == 4.5)
        #expect(MunicipalityComparison([try profile("X", population: nil, fte: [("2", "X")])]).profiles[0].mhFTEPer1000 == nil)
    }

    @Test func csvAndJSON() throws {
        let comparison = MunicipalityComparison([try profile("Å, \"quoted\"", population: 1000, fte: [("2", "")])])
        #expect(comparison.csv.hasPrefix("municipality,population,units,depth,span_max,span_mean,mh_units,mh_fte,mh_fte_per_1000,model,"))
        #expect(comparison.csv.contains("\"Å, \"\"quoted\"\"\",1000,2,2,1,1,1,2,2,own_unit,false,0,"))
        if case .array(let rows) = comparison.json, case .object(let row) = rows[0] {
            #expect(row["model"] == .string("own_unit"))
        } else {
            Issue.record("JSON is not an array of objects")
        }
    }
}

@Suite struct ReorganisationTests {
    @Test func addedRemovedMovedAndForumsLost() throws {
        var before = CollaborationGraph()
        for (a, b) in [("hs", "ce"), ("mh", "hs"), ("care1", "hs"), ("care2", "hs")] {
            before.addEdge(Edge(source: NodeID(a), target: NodeID(b), attributes: ["kind": "reports_to"]))
        }
        before.addNode(Node(id: "forum", attributes: ["kind": "forum"]))
        before.addEdge(Edge(source: "mh", target: "forum", attributes: ["kind": "member"]))
        before.updateNode("mh") { $0.attributes["mh"] = "true"; $0.attributes["mh_fte"] = "4" }
        var after = CollaborationGraph()
        for (a, b) in [("hs", "ce"), ("mh", "ce"), ("care", "hs")] {
            after.addEdge(Edge(source: NodeID(a), target: NodeID(b), attributes: ["kind": "reports_to"]))
        }
        after.updateNode("mh") { $0.attributes["mh"] = "true"; $0.attributes["mh_fte"] = "4" }
        let change = try Reorganisation(before: before, after: after)
        #expect(change.unitsAdded == ["care"])
        #expect(change.unitsRemoved == ["care1", "care2"])
        #expect(change.moved == [Reorganisation.Move(unit: "mh", from: ["hs"], to: ["ce"])])
        #expect(change.forumsLost == ["forum"])
        #expect(change.tiesRemoved.map(\.description).contains("mh → forum (member)"))
        #expect(change.before.model == .ownService && change.after.model == .ownUnit)  // hs states no tier: a unit
        #expect(change.before.units.first { $0.node == "mh" }?.formalLevel == 3)
        #expect(change.after.units.first { $0.node == "mh" }?.formalLevel == 2)
        #expect(change.text().contains("units moved: «mh» («hs» → «ce»)"))
    }

    /// A kind the vocabulary does not know is kept as written: a change of it is a change of the
    /// tie, and the text and JSON say the kind as the file did.
    @Test func undeclaredKindsSurviveTheComparison() throws {
        func chart(tieKind: String) -> CollaborationGraph {
            var graph = CollaborationGraph()
            graph.addEdge(Edge(source: "hs", target: "ce", attributes: ["kind": "reports_to"]))
            graph.addEdge(Edge(source: "hs", target: "nav", attributes: ["kind": tieKind]))
            return graph
        }
        let change = try Reorganisation(before: chart(tieKind: "liaison"), after: chart(tieKind: "bindeledd"))
        #expect(change.tiesRemoved == [Reorganisation.Tie(source: "hs", target: "nav", kind: .undeclared("liaison"))])
        #expect(change.tiesAdded.map(\.description) == ["hs → nav (bindeledd)"])
        #expect(change.text(language: .nb).contains("bånd lagt til: «hs» → «nav» (bindeledd)"))
        #expect(change.json.serialized().contains(#""kind" : "liaison""#))
        let declared = try Reorganisation(before: chart(tieKind: "referral"), after: chart(tieKind: "henvisning"))
        #expect(declared.tiesAdded.isEmpty && declared.tiesRemoved.isEmpty)  // one kind, two names
    }
}

@Suite struct StructureValidationTests {
    @Test func tiersFTEAndSelfReportsAreChecked() {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "ce", attributes: ["kind": "unit", "tier": "boss"]))
        graph.addNode(Node(id: "a", attributes: ["kind": "unit", "tier": "avdeling", "mh_fte": "abc"]))
        graph.addNode(Node(id: "b", attributes: ["kind": "unit", "mh_fte": "-2"]))
        graph.addNode(Node(id: "c", attributes: ["kind": "unit", "mh_fte": "1,5"]))
        graph.addEdge(Edge(source: "a", target: "ce", attributes: ["kind": "reports_to"]))
        graph.addEdge(Edge(source: "b", target: "b", attributes: ["kind": "reports_to"]))
        graph.addEdge(Edge(source: "c", target: "ce", attributes: ["kind": "reports_to"]))
        let messages = graph.validate(file: "f").map(\.message)
        #expect(messages.contains("node 'ce' has unknown tier 'boss' (expected one of executive, sector, unit, department, service)"))
        #expect(messages.contains("node 'a' has mh_fte 'abc', which is not a number of FTE, 0 or more"))
        #expect(messages.contains("node 'b' has mh_fte '-2', which is not a number of FTE, 0 or more"))
        #expect(!messages.contains { $0.contains("'c' has mh_fte") })  // a decimal comma is a number
        #expect(messages.contains("edge 'b' → 'b': a unit cannot report to itself"))
        #expect(messages.filter { $0.contains("tier") }.count == 1)  // 'avdeling' is an alias
    }
}
