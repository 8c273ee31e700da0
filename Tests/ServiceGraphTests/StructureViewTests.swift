import Foundation
import Testing
@testable import ServiceGraph

@Suite struct StructureViewTests {
    /// A chief executive with eight direct units: the one with a unit of its own and the staff
    /// function stay boxes; the six plain ones are listed, mental-health work filled in its cell;
    /// a tie to a listed unit ends at its cell.
    private var crowded: CollaborationGraph {
        var graph = CollaborationGraph()
        graph.addNode(Node(id: "ce", attributes: ["kind": "unit", "label": "Chief executive"]))
        for index in 0..<6 {
            graph.addNode(Node(id: NodeID("u\(index)"), attributes: ["kind": "unit", "label": "Unit \(index)"]))
            graph.addEdge(Edge(source: NodeID("u\(index)"), target: "ce", attributes: ["kind": "reports_to"]))
        }
        graph.updateNode("u2") { $0.attributes["mh"] = "true"; $0.attributes["mh_fte"] = "3" }
        graph.addNode(Node(id: "staff", attributes: ["kind": "unit", "staff": "true"]))
        graph.addNode(Node(id: "care", attributes: ["kind": "unit", "label": "Health and care with a long name"]))
        graph.addNode(Node(id: "team", attributes: ["kind": "service"]))
        graph.addNode(Node(id: "office", attributes: ["kind": "unit", "label": "Allocation office"]))
        for (a, b) in [("staff", "ce"), ("care", "ce"), ("team", "care"), ("office", "ce")] {
            graph.addEdge(Edge(source: NodeID(a), target: NodeID(b), attributes: ["kind": "reports_to"]))
        }
        graph.addEdge(Edge(source: "office", target: "u4", attributes: ["kind": "order"]))
        graph.addNode(Node(id: "forum", attributes: ["kind": "forum"]))
        graph.addEdge(Edge(source: "u1", target: "forum", attributes: ["kind": "member"]))
        return graph
    }

    @Test func aCrowdedSuperiorListsItsPlainUnits() throws {
        let view = StructureView().styled(crowded)
        let list = try #require(view["__list_ce"])
        let label = try #require(list.attributes["label"])
        #expect((0..<6).allSatisfy { label.contains("Unit \($0)") } && label.components(separatedBy: "PORT=").count == 7)
        #expect(label.contains("BGCOLOR=\"\(StructureView.mentalHealthFill)\"") && label.contains("MH 3 FTE"))
        for kept in ["staff", "care", "office", "ce", "team"] { #expect(view[NodeID(kept)] != nil, "\(kept) is not its own box") }
        #expect(view["u0"] == nil)
        // One line from the list up; the order and the membership end at the unit's cell.
        #expect(view.edges.filter { $0.target == "__list_ce" && $0.source == "ce" }.count == 1)
        let order = try #require(view.edges.first { $0.attributes["arrowhead"] == "vee" })
        #expect(order.source == "office" && order.target == "__list_ce" && order.attributes["headport"] == "u4:w")
        #expect(view.edges.contains { $0.source == "__list_ce" && $0.attributes["tailport"] == "u1" && $0.target == "forum" })
        // Long names wrap.
        #expect(view["care"]?.attributes["label"] == "Health and care with\\na long name")
    }

    @Test func aFewUnitsStayBoxes() {
        var graph = CollaborationGraph()
        for index in 0..<3 { graph.addEdge(Edge(source: NodeID("u\(index)"), target: "ce", attributes: ["kind": "reports_to"])) }
        let view = StructureView().styled(graph)
        #expect(!view.nodes.contains { $0.id.rawValue.hasPrefix("__list") })
    }

    @Test func pagesHoldOneDrawingEach() {
        let small = #"<svg width="100pt" height="50pt" viewBox="0 0 100 50"><g/></svg>"#
        let wide = #"<svg width="1600pt" height="400pt" viewBox="0 0 1600 400"><g/></svg>"#
        let document = SVGGrid.pages([small, wide])
        #expect(document.contains(#"height="1190pt""#))  // two A4-landscape pages
        #expect(document.contains(#"<svg x="28.00" y="28.00" width="100.00" height="50.00""#))  // small: its own size
        #expect(document.contains(#"<svg x="28.00" y="623.00" width="786.00" height="196.50""#))  // wide: fitted
    }
}

@Suite struct StructureHighlightTests {
    /// A node whose id reads like an edge is not the edge: highlights are typed, not keyed by text.
    @Test func aNodeNamedLikeAnEdgeHighlightsOnlyTheNode() {
        var graph = CollaborationGraph()
        for (a, b) in [("a", "ce"), ("a->ce", "ce")] {
            graph.addEdge(Edge(source: NodeID(a), target: NodeID(b), attributes: ["kind": "reports_to"]))
        }
        var view = StructureView()
        view.highlights[.node("a->ce")] = "#009E73"
        let drawn = view.styled(graph)
        #expect(drawn["a->ce"]?.attributes["color"] == "#009E73")
        #expect(drawn.edges.allSatisfy { $0.attributes["color"] != "#009E73" })
        view.highlights = [.edge("a", "ce"): "#E69F00"]
        let tied = view.styled(graph)
        #expect(tied.edges.filter { $0.attributes["color"] == "#E69F00" }.map { "\($0.source)|\($0.target)" } == ["ce|a"])
        #expect(tied["a->ce"]?.attributes["color"] != "#E69F00")
    }
}
