import Foundation
import Testing
import TestSupport
@testable import ServiceGraph

/// Nested graphs in GraphML: yEd's groups and folders, and GraphML's own nested graphs.
///
/// `Fixtures/graphml/yed-groups.graphml` follows, element for element, a file saved by yEd 3.17
/// that NetworkX keeps as a test (networkx/networkx, `networkx/readwrite/tests/test_graphml.py`,
/// `test_read_attributes_with_groups`): a group is a `<node yfiles.foldertype="group">` whose
/// `nodegraphics` data holds a `y:ProxyAutoBoundsNode` with two `y:GroupNode` realizers (open and
/// closed, `y:Realizers active` naming the one shown, each with its `y:NodeLabel`) and whose
/// `<graph id="n1:">` holds the members, ids prefixed `n1::`; every edge is written at the top
/// level, after the nodes. `Fixtures/graphml/nested.graphml` follows the GraphML Primer's
/// section 3.1 (Nested Graphs): edges inside the nested graphs and across them.
@Suite struct GraphMLGroupsTests {
    private func read(_ name: String) throws -> CollaborationGraph {
        try GraphMLReader.read(Data(contentsOf: Fixtures.url("graphml/" + name)), file: name)
    }

    private func read(text: String) throws(Diagnostic) -> CollaborationGraph {
        try GraphMLReader.read(Data(text.utf8), file: "t.graphml")
    }

    private static func graphML(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="label" for="node" attr.name="label"/>
          <graph id="G" edgedefault="directed">
        \(body)
          </graph>
        </graphml>
        """
    }

    @Test func yEdGroupMembersKeepTheirLabels() throws {
        let graph = try read("yed-groups.graphml")
        // The groups are not nodes; a group an edge ends at (n2) is kept as a node too, last.
        #expect(graph.nodes.map(\.id) == ["n0", "n1::n0::n0", "n1::n0::n1", "n1::n1", "n2::n0", "n2"])
        #expect(graph.nodes.map(\.label) == ["Kari", "Fastlege Berg", "Koordinator Lien", "Miljøterapeut Dahl", "Psykolog Vik", "DPS Nord"])
        #expect(graph["n1::n0::n0"]?.attributes == ["kind": "professional", "label": "Fastlege Berg", "description": "fastlege"])
        #expect(graph.nodes.map(\.kind) == [.user, .professional, .professional, .professional, .professional, .service])
    }

    @Test func yEdGroupsBecomeNestedClustersWithTheShownLabel() throws {
        let graph = try read("yed-groups.graphml")
        #expect(graph.groups.map(\.id) == ["cluster_n1", "cluster_n1::n0", "cluster_n2"])
        // n2 is a closed folder: its shown realizer (active="1") is the closed one, "DPS Nord",
        // not the open one's "DPS Nord, poliklinikk".
        #expect(graph.groups.map(\.label) == ["Kommunal psykisk helse", "Ansvarsgruppe", "DPS Nord"])
        #expect(graph.groups.map(\.parent) == [nil, "cluster_n1", nil])
        // A member of a nested group is also a member of its parents.
        #expect(graph.groups.map(\.members) == [["n1::n0::n0", "n1::n0::n1", "n1::n1"], ["n1::n0::n0", "n1::n0::n1"], ["n2::n0"]])
        // The group's own data, empty as yEd writes it, with the label.
        #expect(graph.groups[1].attributes == ["kind": "", "url": "", "description": "", "label": "Ansvarsgruppe"])
    }

    @Test func yEdEdgesReadAcrossGroupBoundaries() throws {
        let graph = try read("yed-groups.graphml")
        #expect(graph.edges.map { "\($0.source)>\($0.target)" }
                == ["n1::n0::n1>n1::n0::n0", "n0>n1::n0::n0", "n1::n1>n2::n0", "n0>n2"])
        #expect(graph.edges.map(\.declaredKind) == [.collaboration, .contact, .referral, .contact])
        // The user's tie into the responsibility group leaves no group and reaches its member.
        let group = try #require(graph.groups.first { $0.id == "cluster_n1::n0" })
        #expect(group.members.contains(graph.edges[1].target) && !group.members.contains(graph.edges[1].source))
    }

    @Test func plainGraphMLNestedToDepthTwo() throws {
        let graph = try read("nested.graphml")
        #expect(!graph.isDirected)
        #expect(graph.nodes.map(\.id) == ["u", "n5::n0", "n5::n1::n0", "n5::n1::n1", "h"])
        #expect(graph.nodes.map(\.label) == ["Ola", "Fastlege", "Koordinator", "Miljøterapeut", "Psykiater"])
        #expect(graph.groups == [
            Group(id: "cluster_n5", attributes: ["label": "Kommunen", "level": "municipal"],
                  members: ["n5::n0", "n5::n1::n0", "n5::n1::n1"]),
            Group(id: "cluster_n5::n1", attributes: ["label": "Psykisk helse og rus"],
                  members: ["n5::n1::n0", "n5::n1::n1"], parent: "cluster_n5"),
        ])
        // Edges in document order: those inside the nested graphs come first.
        #expect(graph.edges.map { "\($0.source)-\($0.target)" }
                == ["n5::n1::n0-n5::n1::n1", "n5::n0-n5::n1::n0", "u-n5::n0", "n5::n1::n1-h"])
    }

    @Test func groupsSurviveGraphMLAndModelJSON() throws {
        for name in ["yed-groups.graphml", "nested.graphml"] {
            let graph = try read(name)
            #expect(try GraphMLReader.read(Data(GraphMLWriter().write(graph).utf8), file: name) == graph)
            #expect(try ModelJSON.read(Data(ModelJSON.write(graph).utf8), file: name) == graph)
        }
    }

    @Test func anEmptyNestedGraphIsAGroupWithNoMembers() throws {
        let graph = try read(text: Self.graphML(#"<node id="a"/><node id="g"><data key="label">Tom</data><graph id="g:"/></node>"#))
        #expect(graph.nodes.map(\.id) == ["a"])
        #expect(graph.groups == [Group(id: "cluster_g", attributes: ["label": "Tom"], members: [])])
    }

    @Test func aNodeWithNoNestedGraphIsNoGroup() throws {
        // A yEd group left with no <graph> (an empty group as some writers put it) is a node.
        let graph = try read(text: Self.graphML(#"<node id="g" yfiles.foldertype="group"><data key="label">Tom</data></node>"#))
        #expect(graph.nodes.map(\.id) == ["g"] && graph.groups.isEmpty)
    }

    @Test func aNestedGroupNamedLikeAWrittenGroupIsRefused() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="g0" for="graph" attr.name="samhandling_groups"/>
              <graph id="G" edgedefault="directed">
                <data key="g0">[{"id":"cluster_g","attributes":{},"members":[]}]</data>
                <node id="g"><graph id="g:"><node id="x"/></graph></node>
              </graph>
            </graphml>
            """
        #expect(throws: Diagnostic(file: "t.graphml", line: nil,
                                   message: "two groups are named cluster_g (a nested graph's node and a group of the samhandling_groups data)")) {
            try read(text: text)
        }
    }

    @Test func aMemberWithNoIDIsReportedWithItsLine() throws {
        let text = Self.graphML("""
            <node id="g">
              <graph id="g:">
                <node/>
              </graph>
            </node>
            """)
        #expect(throws: Diagnostic(file: "t.graphml", line: 7, message: "a <node> has no id")) { try read(text: text) }
    }
}
