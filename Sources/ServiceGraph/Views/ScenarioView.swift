import Foundation

/// A scenario's edited graph drawn in the view that fits it — an org chart (reporting lines and
/// no users) in the structure view, anything else in the network view — with what the edits did
/// coloured: added green, moved orange, at a new level blue, changed or merged into purple, and
/// what was removed kept in sight, greyed and dashed. A legend says which is which.
public struct ScenarioView: Sendable {
    public var language: Language
    public var marks: ScenarioMarks

    public static let added = "#009E73", moved = "#E69F00", relevelled = "#0072B2", changed = "#CC79A7", removed = "#999999"

    public init(language: Language = .en, marks: ScenarioMarks) {
        self.language = language
        self.marks = marks
    }

    /// Whether the structure view fits: reporting lines and no users.
    public static func isOrgChart(_ graph: CollaborationGraph) -> Bool {
        graph.users.isEmpty && graph.edges.contains { $0.declaredKind == .reportsTo }
    }

    public func styled(_ graph: CollaborationGraph) -> CollaborationGraph {
        let words = language.scenario
        // Only what is still there is coloured (and named in the legend): a node added and then
        // removed is drawn as removed.
        var marks = marks
        marks.added = marks.added.filter { graph[$0] != nil }
        marks.moved = marks.moved.filter { graph[$0] != nil }
        marks.relevelled = marks.relevelled.filter { graph[$0] != nil }
        marks.changed = marks.changed.filter { graph[$0] != nil }
        marks.tiesAdded = marks.tiesAdded.filter { tie in graph.edges.contains(tie) }
        marks.removed = marks.removed.filter { graph[$0.id] == nil }
        var colours: [NodeID: String] = [:]
        for id in marks.relevelled { colours[id] = Self.relevelled }
        for id in marks.changed { colours[id] = Self.changed }
        for id in marks.moved { colours[id] = Self.moved }
        for id in marks.added { colours[id] = Self.added }
        var drawing: CollaborationGraph
        if Self.isOrgChart(graph) {
            var view = StructureView(language: language)
            for (id, colour) in colours { view.highlights[.node(id)] = colour }
            for tie in marks.tiesAdded { view.highlights[.edge(tie.source, tie.target)] = Self.added }
            drawing = StructureView.canvas(title: words.title(graph.attributes["title"] ?? graph.attributes["municipality"] ?? graph.name))
            view.styled(graph, into: &drawing)
            view.addLegend(to: &drawing, for: [graph])
            // Ties the chart does not draw (referrals, collaboration…) are drawn when added.
            for tie in marks.tiesAdded where drawing[tie.source] != nil && drawing[tie.target] != nil
                && !drawing.edges.contains(where: { UnorderedPair($0.source, $0.target) == UnorderedPair(tie.source, tie.target) }) {
                drawing.addEdge(Edge(source: tie.source, target: tie.target, attributes: [
                    "color": Self.added, "penwidth": "2", "constraint": "false", "style": "dashed",
                ]))
            }
        } else {
            drawing = NetworkView(language: language).styled(graph)
            for (id, colour) in colours where drawing[id] != nil {
                drawing.updateNode(id) { node in
                    node.attributes["color"] = colour
                    node.attributes["penwidth"] = "3.5"
                }
            }
            let added = Set(marks.tiesAdded.map { UnorderedPair($0.source, $0.target) })
            for index in drawing.edges.indices where added.contains(UnorderedPair(drawing.edges[index].source, drawing.edges[index].target)) {
                drawing.edges[index].attributes["color"] = Self.added
                drawing.edges[index].attributes["penwidth"] = "2.5"
            }
        }
        for node in marks.removed where drawing[node.id] == nil {
            drawing.addNode(Node(id: node.id, attributes: [
                "label": DOTWriter.escString(plain: node.label), "shape": "box", "style": "dashed,rounded",
                "color": Self.removed, "fontcolor": Self.removed, "fontname": Style.fontName, "fontsize": "10",
            ]))
        }
        for tie in marks.tiesRemoved where drawing[tie.source] != nil && drawing[tie.target] != nil {
            drawing.addEdge(Edge(source: tie.source, target: tie.target, attributes: [
                "style": "dashed", "color": Self.removed, "dir": "none", "constraint": "false",
            ]))
        }
        drawing.addNode(Node(id: "scenario_legend", attributes: ["shape": "plaintext", "margin": "0", "label": legend(marks),
                                                               "fontname": Style.fontName, "fontsize": "10"],
                             htmlAttributes: ["label"]))
        return drawing
    }

    /// The legend of the colours that appear.
    private func legend(_ marks: ScenarioMarks) -> String {
        let words = language.scenario
        func row(_ symbol: String, _ colour: String, _ text: String) -> String {
            #"<TR><TD><FONT COLOR="\#(colour)">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
        }
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(words.title(language.legend.title)))</B></TD></TR>"#]
        if !marks.added.isEmpty || !marks.tiesAdded.isEmpty { rows.append(row("■", Self.added, words.added)) }
        if !marks.moved.isEmpty { rows.append(row("■", Self.moved, words.moved)) }
        if !marks.relevelled.isEmpty { rows.append(row("■", Self.relevelled, words.relevelled)) }
        if !marks.changed.isEmpty { rows.append(row("■", Self.changed, words.changed)) }
        if !marks.removed.isEmpty || !marks.tiesRemoved.isEmpty { rows.append(row("┅", Self.removed, words.removed)) }
        return #"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">\#(rows.joined())</TABLE>"#
    }
}
