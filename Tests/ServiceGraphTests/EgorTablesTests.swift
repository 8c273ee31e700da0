import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// egor's three tables (docs/formats.md). `Fixtures/egor` is written by hand after egor's
/// documentation (CRAN egor 1.24, `?egor` and `?threefiles_to_egor`: the default `ID.vars`
/// are `egoID`, `alterID`, `Source`, `Target`; alter ids are unique within an ego; the vignette
/// "using_egor" shows the three data frames): two egos, four and two alters, four ties.
@Suite struct EgorTablesTests {
    private func write(_ files: [String: String]) throws -> URL {
        let folder = try Fixtures.temporaryFolder()
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    @Test func readsEgorsDefaultColumns() throws {
        let folder = Fixtures.url("egor")
        #expect(EgorTables.isEgorFolder(folder))
        let (graph, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems.isEmpty)
        // The ties of an interview: undated, and not warned about one by one.
        #expect(graph.attributes == ["interview": "egor"] && graph.isInterviewNetwork)
        #expect(graph.edges.allSatisfy { $0.dateStrings.isEmpty })
        #expect(graph.validate(file: "egor").isEmpty)
        #expect(graph.nodes.map(\.id) == ["1", "2", "1:1", "1:2", "1:3", "1:4", "2:1", "2:2"])
        #expect(graph["1"]?.attributes == ["kind": "user", "sex": "w", "age": "34"])
        #expect(graph["1:4"]?.attributes == ["kind": "relative", "label": "Anne"])
        #expect(graph.edges.map { "\($0.source)-\($0.target):\($0.attributes["kind"]!)" } == [
            "1-1:1:contact", "1-1:2:contact", "1-1:3:contact", "1-1:4:contact", "2-2:1:contact", "2-2:2:contact",
            "1:1-1:2:collaboration", "1:2-1:3:collaboration", "1:4-1:1:informal", "2:1-2:2:collaboration",
        ])
        #expect(graph.edges[6].attributes == ["kind": "collaboration", "user": "1", "weight": "1"])
        // Two egos, two helper networks: Dr Berg is a different alter of each.
        let measures = try graph.helperNetworkMeasures()
        #expect(measures.map(\.helpers) == [3, 2] && measures.map(\.helperTies) == [2, 1])
    }

    @Test func egorsOwnTableNamesAreReadToo() throws {
        let folder = try write([
            "egos.csv": ".egoID,sex\n1,w\n",
            "alters.csv": ".egoID,.altID,kind\n1,1,professional\n1,2,professional\n",
            "aaties.csv": ".egoID,.srcID,.tgtID\n1,1,2\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (graph, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems.isEmpty && graph.edges.count == 3 && graph.edges[2].declaredKind == .collaboration)
    }

    @Test func idsThatDoNotJoinAreReportedWithTheirLinesAndTheRestRead() throws {
        let folder = try write([
            "egos.csv": "egoID\n1\n",
            "alters.csv": "egoID,alterID,kind\n1,1,professional\n9,1,professional\n1,2,professional\n",
            "aaties.csv": "egoID,Source,Target\n1,1,7\n1,1,2\n3,1,2\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (graph, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems == [
            Diagnostic(file: "egor/alters.csv", line: 3, message: "ego 9 is not in egos.csv; alter 1 is not read"),
            Diagnostic(file: "egor/aaties.csv", line: 2, message: "alter 7 of ego 1 is not in alters.csv; the tie is not read"),
            Diagnostic(file: "egor/aaties.csv", line: 4, message: "ego 3 is not among the egos; the tie is not read"),
        ])
        #expect(graph.nodes.map(\.id) == ["1", "1:1", "1:2"] && graph.edges.count == 3)
    }

    @Test func aTableWithoutItsIDColumnIsAnError() throws {
        let folder = try write(["egos.csv": "id\n1\n", "alters.csv": "egoID,alterID\n1,1\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: Diagnostic(file: "egor/egos.csv", line: 1, message: "no ego id column (egor names it egoid or .egoid)")) {
            try EgorTables.read(folder, displayName: "egor")
        }
    }

    @Test func alterWithoutKindsAreRelativesWithAWarning() throws {
        let folder = try write(["egos.csv": "egoID\n1\n", "alters.csv": "egoID,alterID,name\n1,1,Per\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (graph, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(graph["1:1"]?.kind == .relative && graph["1:1"]?.label == "Per")
        #expect(problems.map(\.severity) == [.warning])
    }

    /// The worked example of docs/measures.md: helpers gp, pn, sw, psy, doc; ties gp–pn,
    /// gp–psy, psy–doc. Written as egor's tables and read back, the helper network is the same.
    @Test func writtenTablesReadBackAsTheSameHelperNetwork() throws {
        var graph = Sketch.helperNetwork(helpers: ["gp", "pn", "sw", "psy", "doc"], ties: ["gp-pn", "gp-psy", "psy-doc"],
                                         extra: [("mother", "relative"), ("nav", "service")])
        graph.addEdge(Edge(source: "u", target: "mother", attributes: ["kind": "contact"]))
        graph.addEdge(Edge(source: "mother", target: "gp", attributes: ["kind": "informal"]))
        // nav touches no user: not an alter.
        graph.addEdge(Edge(source: "gp", target: "nav", attributes: ["kind": "member"]))
        let (egos, alters, aaties) = EgorTables.tables(of: graph)
        #expect(egos == [["egoID"], ["u"]])
        #expect(alters[0] == ["egoID", "alterID", "tie", "kind"])
        #expect(alters.dropFirst().map { $0[1] } == ["gp", "pn", "sw", "psy", "doc", "mother"])
        #expect(aaties == [["egoID", "Source", "Target", "kind", "weight"],
                           ["u", "gp", "pn", "collaboration", "1"], ["u", "gp", "psy", "collaboration", "1"],
                           ["u", "psy", "doc", "collaboration", "1"], ["u", "mother", "gp", "informal", "1"]])

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EgorTables.write(graph, to: folder)
        let (back, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems.isEmpty)
        let before = try #require(try graph.helperNetworkMeasures().first)
        let after = try #require(try back.helperNetworkMeasures().first)
        #expect(after.helperIDs.map { $0.rawValue } == before.helperIDs.map { "u:" + $0.rawValue })
        #expect(after.helperTies == 3 && after.helperDensity == 0.3 && after.relatives == 1)
        #expect(after.constraint == before.constraint && after.effectiveSize == before.effectiveSize)
        #expect(abs(try #require(after.constraint) - 0.451111) < 1e-6)
        #expect(after.fragmentation == before.fragmentation)
        #expect(back.nodes.map(\.kind) == graph.nodes.filter { $0.id != "nav" }.map(\.kind))
    }

    /// `service` names another node: written as such only when that node is an alter of the
    /// same ego (read back, it names that alter), else as `service_name`, so nothing dangles.
    @Test func aServiceIsWrittenAsAReferenceOnlyWhenItsNodeIsInTheTables() throws {
        var graph = Sketch.helperNetwork(helpers: ["gp", "pn"], ties: ["gp-pn", "gp-legekontor:member"],
                                         extra: [("akutt", "service"), ("legekontor", "service")])
        graph.addEdge(Edge(source: "u", target: "akutt", attributes: ["kind": "contact", "date": "2024-02-01"]))
        graph.updateNode("gp") { $0.attributes["service"] = "legekontor" }
        graph.updateNode("pn") { $0.attributes["service"] = "akutt" }
        #expect(graph.validate(file: "g").isEmpty)
        let (_, alters, _) = EgorTables.tables(of: graph)
        #expect(alters[0] == ["egoID", "alterID", "tie", "kind", "service", "service_name"])
        #expect(Array(alters.dropFirst()) == [["u", "gp", "contact", "professional", "", "legekontor"],
                                              ["u", "pn", "contact", "professional", "akutt", ""],
                                              ["u", "akutt", "contact", "service", "", ""]])

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try EgorTables.write(graph, to: folder)
        let (back, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems.isEmpty)
        #expect(back["u:pn"]?.attributes["service"] == "u:akutt" && back["u:akutt"]?.kind == .service)
        #expect(back["u:gp"]?.attributes["service"] == nil && back["u:gp"]?.attributes["service_name"] == "legekontor")
        #expect(back.validate(file: "egor") == [])
    }

    /// Read from tables written by hand, a `service` naming an alter of the ego is that alter;
    /// one naming nothing in the tables is still warned about (the reference is not there).
    @Test func aServiceNamingAnAlterOfTheEgoIsThatAlter() throws {
        let folder = try write([
            "egos.csv": "egoID\n1\n2\n",
            "alters.csv": "egoID,alterID,kind,service\n1,1,professional,3\n1,3,service,\n2,1,professional,3\n2,2,professional,DPS\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (graph, problems) = try EgorTables.read(folder, displayName: "egor")
        #expect(problems.isEmpty)
        #expect(graph["1:1"]?.attributes["service"] == "1:3")
        // Ego 2 has no alter 3: alter ids are the ego's own, so it names no node.
        #expect(graph["2:1"]?.attributes["service"] == "3" && graph["2:2"]?.attributes["service"] == "DPS")
        #expect(graph.validate(file: "egor").map(\.message) == [
            "node '2:1' names service '3', which is not a node in this graph",
            "node '2:2' names service 'DPS', which is not a node in this graph",
        ])
    }

    @Test func everyUserOfAGraphIsAnEgo() throws {
        var graph = Sketch.helperNetwork(helpers: ["gp", "pn"], ties: ["gp-pn"])
        graph.addNode(Node(id: "v", attributes: ["kind": "user", "label": "Vera"]))
        graph.addEdge(Edge(source: "v", target: "pn", attributes: ["kind": "contact"]))
        graph.addEdge(Edge(source: "gp", target: "v", attributes: ["kind": "contact"]))
        // A tie for user u joins the two helpers in v's network too (as helper_ties counts it).
        graph.edges[2].attributes["user"] = "u"
        let (egos, alters, aaties) = EgorTables.tables(of: graph)
        #expect(egos == [["egoID", "label"], ["u", ""], ["v", "Vera"]])
        #expect(alters.dropFirst().map { [$0[0], $0[1], $0[2]] } == [["u", "gp", "contact"], ["u", "pn", "contact"], ["v", "pn", "contact"], ["v", "gp", "contact"]])
        #expect(aaties.dropFirst().map { $0[0] } == ["u", "v"])
        #expect(try graph.helperNetworkMeasures().map(\.helperTies) == [1, 1])
    }

    @Test func oneGraphPerUserHoldsItsHelperNetwork() {
        var graph = Sketch.helperNetwork(helpers: ["gp", "pn"], ties: ["gp-pn", "pn-nav:member"], extra: [("nav", "service")])
        graph.addNode(Node(id: "v", attributes: ["kind": "user"]))
        graph.addEdge(Edge(source: "v", target: "gp", attributes: ["kind": "contact"]))
        graph.groups = [Group(id: "cluster_team", members: ["gp", "pn"]), Group(id: "cluster_nav", members: ["nav"])]
        let networks = EgorTables.egoNetworks(of: graph)
        #expect(networks.map(\.user) == ["u", "v"])
        #expect(networks[0].graph.nodes.map(\.id) == ["u", "gp", "pn"])
        #expect(networks[0].graph.edges.map { "\($0.source)-\($0.target)" } == ["u-gp", "u-pn", "gp-pn"])
        #expect(networks[0].graph.groups.map(\.id) == ["cluster_team"])
        #expect(networks[1].graph.nodes.map(\.id) == ["gp", "v"])
        #expect(networks[1].graph.groups == [Group(id: "cluster_team", members: ["gp"])])
    }
}
