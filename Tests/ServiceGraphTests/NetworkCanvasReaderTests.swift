import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// Network Canvas exports (docs/formats.md). The fixtures in `Fixtures/network-canvas` are
/// written by hand after the exporter's source (complexdatacollective/Fresco,
/// `lib/network-exporters`: `formatters/csv/egoList.ts`, `attributeList.ts`, `edgeList.ts` for
/// the columns, `utils/general.ts` `makeFilename` for the names `<caseId>_<sessionId>_ego.csv`,
/// `…_attributeList_<NodeType>.csv`, `…_edgeList_<EdgeType>.csv`,
/// `formatters/csv/processEntityVariables.ts` for a layout variable as `<name>_x`, `<name>_y`;
/// `formatters/graphml/helpers.ts` `setUpXml`, `generateKeyElements.ts` and
/// `generateDataElements.ts` for the GraphML: the session as XML attributes of `<graph>`
/// (`nc:caseId`, `nc:sessionUUID`, `nc:sessionStartTime`, …; the older string-template exporter
/// of Network Canvas Interviewer wrote `nc:caseID` on `<graphml>`), the ego's variables as data on the graph, each
/// alter a node with `networkCanvasType` and `networkCanvasUUID`, layout as `<name>_X`,
/// `<name>_Y`, ties as edges with `networkCanvasSourceUUID`, `networkCanvasTargetUUID`).
/// Two interviews: Kari (three professionals, her mother, ties of two types) and Ola (two
/// professionals, one tie).
@Suite struct NetworkCanvasReaderTests {
    private static let folder = Fixtures.url("network-canvas/csv")

    private func copyOfExport() throws -> URL {
        let copy = try Fixtures.temporaryFolder().appendingPathComponent("export")
        try FileManager.default.copyItem(at: Self.folder, to: copy)
        return copy
    }

    @Test func theCSVSetIsOneUserPerInterview() throws {
        let (graph, problems) = try NetworkCanvasExport.read(Self.folder, displayName: "export")
        #expect(problems.isEmpty)
        #expect(!graph.isDirected)
        #expect(graph.users.map(\.id) == ["kari", "ola"])
        #expect(graph.nodes.map(\.id) == ["kari", "ola", "a4-anne", "a1-berg", "a2-lien", "a3-dahl", "b1-vik", "b2-berg"])
        #expect(graph.nodes.map(\.kind) == [.user, .user, .relative, .professional, .professional, .professional, .professional, .professional])
        #expect(graph["kari"]?.attributes["label"] == "Kari" && graph["kari"]?.attributes["nc_case"] == "kari")
        #expect(graph["a1-berg"]?.attributes == [
            "kind": "professional", "label": "Dr Berg", "name": "Dr Berg", "role": "fastlege", "closeness": "3",
            "layout_x": "0.25", "layout_y": "0.4", "nc_x": "0.25", "nc_y": "0.4", "nc_type": "Professional", "nc_uuid": "a1-berg",
        ])
        // Dahl's closeness is empty: absent, not "".
        #expect(graph["a3-dahl"]?.attributes["closeness"] == nil)
    }

    @Test func egoAlterTiesAreContactsAndAlterTiesCollaborationOrInformal() throws {
        let (graph, _) = try NetworkCanvasExport.read(Self.folder, displayName: "export")
        let described = graph.edges.map { "\($0.source)-\($0.target):\($0.attributes["kind"]!)" }
        #expect(described == [
            "kari-a4-anne:contact", "kari-a1-berg:contact", "kari-a2-lien:contact", "kari-a3-dahl:contact",
            "ola-b1-vik:contact", "ola-b2-berg:contact",
            // Knows between the mother and the GP: informal; WorkTogether between professionals: collaboration.
            "a4-anne-a1-berg:informal", "a1-berg-a2-lien:collaboration", "a2-lien-a3-dahl:collaboration",
            "b1-vik-b2-berg:collaboration",
        ])
        #expect(graph.edges[7].attributes == ["kind": "collaboration", "nc_type": "WorkTogether", "since": "2023", "user": "kari"])
        // Kari's helper network: three helpers, two ties of three possible, her mother a relative.
        let kari = try #require(try graph.helperNetworkMeasures().first { $0.user == "kari" })
        #expect(kari.helpers == 3 && kari.helperTies == 2 && kari.relatives == 1 && kari.fragmentation == 0)
    }

    private func adoptGraphML(_ text: String? = nil) throws -> (graph: CollaborationGraph, problems: [Diagnostic]) {
        let data = try text.map { Data($0.utf8) } ?? Data(contentsOf: Fixtures.url("network-canvas/kari.graphml"))
        let (read, elementAttributes) = try GraphMLReader.readDocument(data, file: "kari.graphml")
        #expect(NetworkCanvasExport.isNetworkCanvasGraphML(read))
        return NetworkCanvasExport.adopt(read, mapping: NetworkCanvasMapping(), file: "kari.graphml", elementAttributes: elementAttributes)
    }

    @Test func theGraphMLExportIsTheSameHelperNetwork() throws {
        let (graph, problems) = try adoptGraphML()
        #expect(problems.isEmpty)
        #expect(graph.nodes.map(\.id) == ["kari", "a1-berg", "a2-lien", "a4-anne"])
        #expect(graph.nodes.map(\.label) == ["Kari", "Dr Berg", "Lien", "Anne"])
        #expect(graph["a2-lien"]?.attributes["nc_x"] == "0.7" && graph["a2-lien"]?.attributes["nc_y"] == "0.35")
        #expect(graph["a4-anne"]?.attributes["nc_x"] == nil)
        #expect(graph.edges.map { "\($0.source)-\($0.target):\($0.attributes["kind"]!)" } == [
            "kari-a1-berg:contact", "kari-a2-lien:contact", "kari-a4-anne:contact",
            "a1-berg-a2-lien:collaboration", "a4-anne-a1-berg:informal",
        ])
        #expect(graph.edges[3].attributes["user"] == "kari")
        // A plain GraphML file is not taken for Network Canvas.
        let yEd = try GraphMLReader.read(Data(contentsOf: Fixtures.url("graphml/nested.graphml")), file: "nested.graphml")
        #expect(!NetworkCanvasExport.isNetworkCanvasGraphML(yEd))
    }

    /// The two forms of Kari's interview name her alike: by the case ID (`networkCanvasCaseID`
    /// in the CSV set, `nc:caseId` on the GraphML's `<graph>`), with the same attributes.
    @Test func theCSVSetAndTheGraphMLNameTheUserAlike() throws {
        let (csv, _) = try NetworkCanvasExport.read(Self.folder, displayName: "export")
        let (graphML, _) = try adoptGraphML()
        #expect(graphML.users.map(\.id) == ["kari"] && csv.users.map(\.id).contains("kari"))
        #expect(graphML["kari"]?.attributes == csv["kari"]?.attributes)
        #expect(graphML["kari"]?.attributes["nc_uuid"] == "0b7c9e4a-egokari" && graphML["kari"]?.attributes["nc_session"] == "5d1e2f3a-session1")
        #expect(graphML["kari"]?.attributes["sessionStart"] == "2024-03-01T10:00:00.000Z")
        // Kari's ties in the GraphML are hers in the CSV set: same ends, same kinds.
        func ties(_ graph: CollaborationGraph) -> Set<String> {
            Set(graph.edges.filter { $0.touches("kari") || $0.attributes["user"] == "kari" }
                .map { "\($0.source)-\($0.target):\($0.attributes["kind"]!)" })
        }
        #expect(ties(graphML).isSubset(of: ties(csv)) && ties(graphML).count == 5)
    }

    @Test func aGraphMLWithoutACaseIDNamesTheUserByTheEgoUUID() throws {
        let text = try String(contentsOf: Fixtures.url("network-canvas/kari.graphml"), encoding: .utf8)
        let withoutCase = text.replacingOccurrences(of: " nc:caseId=\"kari\"", with: "")
        #expect(withoutCase != text)
        let (graph, _) = try adoptGraphML(withoutCase)
        #expect(graph.users.map(\.id) == ["0b7c9e4a-egokari"] && graph.users.first?.attributes["nc_case"] == nil)
        // The older exporter's nc:caseID on <graphml>.
        let older = withoutCase.replacingOccurrences(of: "xmlns:nc=\"http://schema.networkcanvas.com/xmlns\"",
                                                     with: "xmlns:nc=\"http://schema.networkcanvas.com/xmlns\" nc:caseID=\"kari-old\"")
        #expect(try adoptGraphML(older).graph.users.map(\.id) == ["kari-old"])
    }

    /// An interview's ties have no dates, as the format has none: the graph says it is an
    /// interview network and validation does not warn about each tie.
    @Test func anInterviewsTiesAreNotWarnedAboutOneByOne() throws {
        let (csv, _) = try NetworkCanvasExport.read(Self.folder, displayName: "export")
        let (graphML, _) = try adoptGraphML()
        for graph in [csv, graphML] {
            #expect(graph.attributes["interview"] == "network-canvas")
            #expect(graph.edges.contains { $0.declaredKind == .contact && $0.dateStrings.isEmpty })
            #expect(graph.validate(file: "export") == [])
        }
        // Without the mark the same graph warns once per undated contact, as any record of contacts.
        var unmarked = csv
        unmarked.attributes["interview"] = nil
        #expect(unmarked.validate(file: "export").count == 6)
    }

    @Test func anInterviewWithoutItsEgoFileIsReportedAndTheRestRead() throws {
        let export = try copyOfExport()
        defer { try? FileManager.default.removeItem(at: export.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: export.appendingPathComponent("ola_9a8b7c6d-session2_ego.csv"))
        let (graph, problems) = try NetworkCanvasExport.read(export, displayName: "export")
        #expect(problems == [
            Diagnostic(file: "export/ola_9a8b7c6d-session2_attributeList_Professional.csv", line: 2,
                       message: "the alters' ego 7e2d1c0b-egoola is in no ego file (is ola_9a8b7c6d-session2_ego.csv missing?): 2 alters of this file not read"),
            Diagnostic(file: "export/ola_9a8b7c6d-session2_edgeList_WorkTogether.csv", line: 2,
                       message: "the tie's ego 7e2d1c0b-egoola is in no ego file; the tie is not read"),
        ])
        #expect(graph.users.map(\.id) == ["kari"] && graph.nodes.count == 5 && graph.edges.count == 7)
    }

    @Test func aTieToAnAlterNotInTheInterviewIsReported() throws {
        let export = try copyOfExport()
        defer { try? FileManager.default.removeItem(at: export.deletingLastPathComponent()) }
        let file = export.appendingPathComponent("ola_9a8b7c6d-session2_edgeList_WorkTogether.csv")
        // b1-vik with Kari's GP: an alter of another interview.
        try Data("edgeID,from,to,networkCanvasEgoUUID,networkCanvasUUID,networkCanvasSourceUUID,networkCanvasTargetUUID\r\n1,1,9,7e2d1c0b-egoola,t9,b1-vik,a1-berg\r\n".utf8).write(to: file)
        let (graph, problems) = try NetworkCanvasExport.read(export, displayName: "export")
        #expect(problems == [Diagnostic(file: "export/ola_9a8b7c6d-session2_edgeList_WorkTogether.csv", line: 2,
                                        message: "the tie's ends are not both alters of ego 7e2d1c0b-egoola; the tie is not read")])
        #expect(graph.edges.count == 9)
    }

    @Test func noEgoFileAtAllIsAnError() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("nodeID,networkCanvasEgoUUID,networkCanvasUUID\r\n1,e,a\r\n".utf8).write(to: folder.appendingPathComponent("c_s_attributeList_Person.csv"))
        #expect(NetworkCanvasExport.isExportFolder(folder))
        #expect(throws: Diagnostic.self) { try NetworkCanvasExport.read(folder, displayName: "x") }
    }

    @Test func aMappingFileNamesTheKindsAndUnknownTypesAreWarnedAbout() throws {
        let export = try copyOfExport()
        defer { try? FileManager.default.removeItem(at: export.deletingLastPathComponent()) }
        try Data("entity,type,kind\r\nnode,Family,professional\r\nedge,WorkTogether,informal\r\n".utf8)
            .write(to: export.appendingPathComponent(NetworkCanvasMapping.fileName))
        try Data("nodeID,networkCanvasEgoUUID,networkCanvasUUID,name\r\n5,0b7c9e4a-egokari,a5-per,Per\r\n".utf8)
            .write(to: export.appendingPathComponent("kari_5d1e2f3a-session1_attributeList_Person.csv"))
        let (graph, problems) = try NetworkCanvasExport.read(export, displayName: "export")
        #expect(graph["a4-anne"]?.kind == .professional)
        #expect(graph["a5-per"]?.kind == .relative)
        #expect(graph.edges.filter { $0.attributes["nc_type"] == "WorkTogether" }.allSatisfy { $0.declaredKind == .informal })
        // Anne is a professional now, so her Knows tie with the GP is a collaboration.
        #expect(graph.edges.first { $0.attributes["nc_type"] == "Knows" }?.declaredKind == .collaboration)
        #expect(problems == [Diagnostic(file: "export/kari_5d1e2f3a-session1_attributeList_Person.csv", line: 2, severity: .warning,
                                        message: "node type 'Person' names no kind: its alters are read as relatives (name it in network-canvas-mapping.csv: entity,type,kind)")])
    }

    @Test func theDefaultMappingReadsTypeNames() {
        let mapping = NetworkCanvasMapping()
        #expect(mapping.kind(ofNodeType: "Professional") == .professional)
        #expect(mapping.kind(ofNodeType: "health_service") == .professional)
        #expect(mapping.kind(ofNodeType: "Friend") == .relative)
        #expect(mapping.kind(ofNodeType: "FamilyMember") == .relative)
        #expect(mapping.kind(ofNodeType: "Person") == nil)
        #expect(mapping.kind(ofEdgeType: "Knows", between: .professional, and: .professional) == .collaboration)
        #expect(mapping.kind(ofEdgeType: "Knows", between: .professional, and: .relative) == .informal)
    }

    @Test func aMappingRowThatCannotBeUsedIsAnErrorWithItsLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("map.csv")
        try Data("entity,type,kind\r\nnode,Helper,professional\r\nnode,Pet,animal\r\n".utf8).write(to: url)
        #expect(throws: Diagnostic(file: "map.csv", line: 3,
                                   message: "'animal' is not a node kind (user, professional, service, unit, forum, relative)")) {
            try NetworkCanvasMapping.read(url, displayName: "map.csv")
        }
    }
}
