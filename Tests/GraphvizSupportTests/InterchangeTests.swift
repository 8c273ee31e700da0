import Foundation
import Testing
import TestSupport
@testable import GraphvizSupport
@testable import ServiceGraph

/// DOT ↔ GraphML ↔ CSV folder ↔ JSON: every pair loses nothing of the model.
@Suite struct InterchangeTests {
    enum Format: String, CaseIterable { case dot, graphml, json, csv }

    private func write(_ graph: CollaborationGraph, as format: Format, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("graph" + (format == .csv ? "-folder" : "." + format.rawValue))
        switch format {
        case .dot: try Data(DOTWriter().write(graph).utf8).write(to: url)
        case .graphml: try Data(GraphMLWriter().write(graph).utf8).write(to: url)
        case .json: try Data(ModelJSON.write(graph).utf8).write(to: url)
        case .csv: try CSVFolder.write(graph, to: url)
        }
        return url
    }

    private func roundTrip(_ graph: CollaborationGraph, through first: Format, _ second: Format) throws -> CollaborationGraph {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try LoadedGraph.load(try write(graph, as: first, in: folder)).graph
        let sub = folder.appendingPathComponent("second")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        return try LoadedGraph.load(try write(one, as: second, in: sub)).graph
    }

    static let shipped = ["helper-networks/one-year-26-helpers.dot", "romsdal/eide.dot", "romsdal/gjemnes.dot"]

    @Test(arguments: shipped)
    func everyPairOfFormatsOnTheShippedExamples(path: String) throws {
        let original = try LoadedGraph.load(Fixtures.repositoryRoot.appendingPathComponent("Graphs/" + path)).graph
        for first in Format.allCases {
            for second in Format.allCases {
                let back = try roundTrip(original, through: first, second)
                #expect(back == original, "\(path) through \(first.rawValue) → \(second.rawValue) changed the model")
            }
        }
    }

    @Test func groupsHTMLStrictnessAndHostileValuesSurviveEveryFormat() throws {
        var graph = CollaborationGraph(name: "hostile", isDirected: false, isStrict: true,
                                       attributes: ["title": #"<script>alert("x")</script> & co"#])
        graph.addNode(Node(id: "Ola, \"O\"\nNordmann", attributes: ["kind": "user", "label": #"line\none, "quoted"; semi"#]))
        graph.addNode(Node(id: "æøå", attributes: ["label": "<B>bold</B>"], htmlAttributes: ["label"]))
        graph.addEdge(Edge(source: "Ola, \"O\"\nNordmann", target: "æøå", attributes: ["kind": "contact", "note": "a,b;c\"d"]))
        graph.groups = [Group(id: "cluster_outer", attributes: ["label": "Outer"], members: ["æøå"]),
                        Group(id: "cluster_inner", attributes: [:], members: ["æøå"], parent: "cluster_outer")]
        for first in Format.allCases {
            for second in Format.allCases {
                let back = try roundTrip(graph, through: first, second)
                #expect(back == graph, "\(first.rawValue) → \(second.rawValue): \(Self.difference(back, graph))")
            }
        }
    }

    static func difference(_ a: CollaborationGraph, _ b: CollaborationGraph) -> String {
        if a.name != b.name || a.isDirected != b.isDirected || a.isStrict != b.isStrict { return "header \(a.name) \(a.isDirected) \(a.isStrict)" }
        if a.attributes != b.attributes || a.htmlAttributes != b.htmlAttributes { return "graph attributes \(a.attributes) \(a.htmlAttributes)" }
        if a.nodes != b.nodes { return "nodes \(a.nodes)" }
        if a.edges != b.edges { return "edges \(a.edges)" }
        if a.groups != b.groups { return "groups \(a.groups)" }
        return "index"
    }

    @Test func graphMLFromYEdReadsWithItsLabelsAndDefaults() throws {
        let graph = try LoadedGraph.load(Fixtures.url("yed-export.graphml")).graph
        #expect(graph.nodes.map(\.id) == ["n0", "n1"])
        #expect(graph["n0"]?.attributes == ["kind": "user", "label": "Kari"])
        #expect(graph["n1"]?.attributes == ["kind": "professional", "label": "Dr <Hansen> & co", "description": "fastlege"])
        #expect(graph.edges.first?.attributes == ["weight": "2.5"])
        #expect(graph.isDirected)
    }

    /// yEd's groups (Tests/ServiceGraphTests/GraphMLGroupsTests.swift) are clusters once in DOT:
    /// cgraph reads back the same nesting, members and labels.
    @Test func yEdGroupsAreClustersInDOT() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("Tests/ServiceGraphTests/Fixtures/graphml/yed-groups.graphml")
        let graph = try LoadedGraph.load(url).graph
        let back = try DOTReader.read(text: DOTWriter().write(graph))
        #expect(back.groups.map(\.id) == ["cluster_n1", "cluster_n1::n0", "cluster_n2"])
        #expect(back.groups.map(\.parent) == [nil, "cluster_n1", nil])
        #expect(back.groups.map(\.members) == graph.groups.map(\.members))
        #expect(back.groups.map(\.label) == ["Kommunal psykisk helse", "Ansvarsgruppe", "DPS Nord"])
    }

    @Test func severalGraphsInOneFileAreRefused() throws {
        let text = """
            <?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">
            <graph id="a" edgedefault="undirected"><node id="x"/></graph><graph id="b" edgedefault="undirected"/></graphml>
            """
        #expect(throws: Diagnostic(file: "two.graphml", line: nil,
                                   message: "the file holds 2 graphs; Samhandling reads one graph per file (split it)")) {
            try GraphMLReader.read(Data(text.utf8), file: "two.graphml")
        }
        #expect(throws: Diagnostic.self) { try GraphMLReader.read(Data("<graphml><graph".utf8), file: "broken.graphml") }
        #expect(throws: Diagnostic.self) { try GraphMLReader.read(Data("<html/>".utf8), file: "page.graphml") }
    }

    @Test func aSpreadsheetEditedFolder() throws {
        // Semicolons, a BOM, columns in another order, an empty cell, a quoted newline, and an
        // event log beside the graph.
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0xEF, 0xBB, 0xBF] + Array("label;id;kind;level\nKari;kari;bruker;\n\"Dr\nHansen\";gp;fagperson;kommune\n".utf8))
            .write(to: folder.appendingPathComponent("nodes.csv"))
        try Data("target;source;kind;dates\ngp;kari;kontakt;2024-01-01 2024-02-01\n".utf8).write(to: folder.appendingPathComponent("edges.csv"))
        try Data("user,time,kind,actor,service,level\nkari,2024-03-01,contact,psy,dps,dps\n".utf8)
            .write(to: folder.appendingPathComponent("events.csv"))
        let graph = try LoadedGraph.load(folder, displayName: "folder").graph
        #expect(graph["kari"]?.attributes == ["kind": "user", "label": "Kari"])
        #expect(graph["gp"]?.attributes == ["kind": "professional", "label": "Dr\nHansen", "level": "municipal"])
        #expect(graph.edges[0].attributes == ["kind": "contact", "dates": "2024-01-01 2024-02-01"])
        #expect(graph.edges[1].source == "kari" && graph.edges[1].target == "psy")
        #expect(graph["psy"]?.kind == .professional && graph["dps"]?.attributes["level"] == "dps")
        #expect(graph.pathways().pathways.first?.events.count == 3)

        try Data("source;target\n;gp\n".utf8).write(to: folder.appendingPathComponent("edges.csv"))
        #expect(throws: Diagnostic(file: "folder/edges.csv", line: 2, message: "an edge needs both a source and a target")) {
            try LoadedGraph.load(folder, displayName: "folder")
        }
    }

    @Test func jsonErrorsNameTheLineOrTheField() throws {
        #expect {
            try ModelJSON.read(Data("{\n  \"name\": \"g\",\n  oops\n}".utf8), file: "g.json")
        } throws: { ($0 as? Diagnostic)?.line == 3 }
        #expect {
            try ModelJSON.read(Data(#"{"name": "g", "directed": true, "strict": false, "attributes": {}, "nodes": [{"attributes": {}}], "edges": [], "groups": []}"#.utf8), file: "g.json")
        } throws: { ($0 as? Diagnostic)?.message.contains(".nodes[0].id is missing") == true }
    }
}
