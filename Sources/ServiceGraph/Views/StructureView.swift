import Foundation

/// The `structure` view (DESIGN §6): a top-down org chart for leaders. The chief executive on
/// top; reporting lines styled by the authority they carry (all three: solid; budget or
/// personnel only: dashed; professional only: dotted blue); mental-health work filled and
/// labelled with its FTE; staff functions and inter-municipal nodes marked; informal ties
/// dashed; purchaser orders drawn; forums as hexagons; a legend. Ties outside the line do not
/// shape the chart.
public struct StructureView: Sendable {
    public var language: Language
    /// Colours for a before/after comparison: node or edge key → colour.
    public var highlights: [String: String] = [:]

    public init(language: Language = .en) { self.language = language }

    public static let mentalHealthFill = "#E4D7F0"
    public static let orderColor = "#E69F00"
    public static let professionalColor = "#0072B2"

    /// Adds `graph`'s chart to `view`, its ids prefixed (several charts in one drawing) except
    /// the `shared` ones: inter-municipal nodes, drawn once and linked into each chart.
    public func styled(_ graph: CollaborationGraph, prefix: String = "", shared: Set<NodeID> = [],
                       into view: inout CollaborationGraph, cluster: String? = nil) {
        let lines = graph.reportingLines()
        func id(_ node: NodeID) -> NodeID { shared.contains(node) ? node : NodeID(prefix + node.rawValue) }
        var members: [NodeID] = []
        for node in graph.nodes {
            view.addNode(Node(id: id(node.id), attributes: nodeAttributes(node)))
            if !shared.contains(node.id) { members.append(id(node.id)) }
        }
        if let cluster {
            view.groups.append(Group(id: "cluster_\(prefix)", attributes: [
                "label": DOTWriter.escString(plain: cluster), "fontname": Style.fontName, "fontsize": "14",
                "style": "rounded", "color": "#BBBBBB", "labeljust": "l",
            ], members: members))
        }
        for edge in graph.edges where edge.source != edge.target {
            let source = id(edge.source), target = id(edge.target)
            var attributes: [String: String]
            var (tail, head) = (source, target)
            switch edge.declaredKind {
            case .reportsTo:
                let authorities = lines[edge.source]?.first { $0.superior == edge.target }?.authorities ?? CollaborationGraph.allAuthorities
                attributes = ["dir": "back", "arrowtail": "normal", "color": "#333333"]
                if authorities == ["professional"] {
                    attributes["style"] = "dotted"
                    attributes["color"] = Self.professionalColor
                    attributes["penwidth"] = "1.8"
                } else if authorities != CollaborationGraph.allAuthorities {
                    attributes["style"] = "dashed"
                }
                (tail, head) = (target, source)
            case .order:
                attributes = ["color": Self.orderColor, "penwidth": "2", "style": "bold", "arrowhead": "vee", "constraint": "false"]
            case .informal:
                attributes = ["color": "#999999", "style": "dashed", "dir": "none", "constraint": "false"]
            case .member:
                attributes = ["color": "#8C8C8C", "style": "dotted", "arrowhead": "none", "constraint": "false"]
            case .agreement:
                attributes = ["color": "#000000:invis:#000000", "dir": "none", "constraint": "false"]
            default:
                attributes = ["color": "#0072B2", "penwidth": "1.2", "dir": "none", "constraint": "false"]
            }
            if let color = highlights["\(edge.source.rawValue)->\(edge.target.rawValue)"] {
                attributes["color"] = color
                attributes["penwidth"] = "3"
            }
            view.addEdge(Edge(source: tail, target: head, attributes: attributes))
        }
    }

    public func styled(_ graph: CollaborationGraph) -> CollaborationGraph {
        var view = Self.canvas(title: graph.attributes["title"] ?? graph.attributes["municipality"] ?? graph.name)
        styled(graph, into: &view)
        addLegend(to: &view, for: [graph])
        return view
    }

    public static func canvas(title: String) -> CollaborationGraph {
        var view = CollaborationGraph(name: "structure", isDirected: true)
        view.attributes = ["rankdir": "TB", "fontname": Style.fontName, "fontsize": "16", "labelloc": "t",
                           "label": DOTWriter.escString(plain: title), "nodesep": "0.18", "ranksep": "0.45",
                           "pad": "0.3", "newrank": "true"]
        return view
    }

    private func nodeAttributes(_ node: Node) -> [String: String] {
        let fte = node.attributes["mh_fte"].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } ?? 0
        let isMH = node.flag("mh") || fte > 0
        var label = node.htmlAttributes.contains("label") ? node.id.rawValue : node.label
        if fte > 0 { label += "\\n" + (language == .en ? "MH " : "PH ") + MetricsFormat.plain(.number(fte)) + (language == .en ? " FTE" : " årsverk") }
        let municipalities = (node.attributes["municipality"] ?? "").split(whereSeparator: { ",;/".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if municipalities.count > 1 { label += "\\n(" + municipalities.joined(separator: " + ") + ")" }
        var attributes: [String: String] = [
            "label": label, "fontname": Style.fontName, "fontsize": "10", "style": "filled", "fillcolor": "white",
            "color": "#6E6E6E", "margin": "0.08,0.04",
        ]
        switch node.kind {
        case .unit: attributes["shape"] = "box"
        case .forum: attributes["shape"] = "hexagon"
        case .professional, .user, .relative: attributes["shape"] = "ellipse"
        case .service: attributes["shape"] = "box"; attributes["style"] = "filled,rounded"
        }
        if node.flag("staff") { attributes["style"] = (attributes["style"] ?? "") + ",dashed" }
        if isMH {
            attributes["fillcolor"] = Self.mentalHealthFill
            attributes["color"] = Style.mentalHealthColor
            attributes["penwidth"] = "2.2"
        }
        if municipalities.count > 1 { attributes["peripheries"] = "2" }
        if let color = highlights[node.id.rawValue] {
            attributes["color"] = color
            attributes["penwidth"] = "3"
        }
        return attributes
    }

    /// A legend of what the charts use.
    public func addLegend(to view: inout CollaborationGraph, for graphs: [CollaborationGraph], extra: [(String, String, String)] = []) {
        let en = language == .en
        let edges = graphs.flatMap(\.edges)
        let nodes = graphs.flatMap(\.nodes)
        func row(_ symbol: String, _ color: String, _ text: String) -> String {
            #"<TR><TD><FONT COLOR="\#(color)">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
        }
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legendTitle))</B></TD></TR>"#]
        rows.append(row("──▸", "#333333", en ? "line of report (all authority)" : "rapporteringslinje (all myndighet)"))
        let partial = graphs.contains { graph in
            graph.reportingLines().values.contains { ups in ups.contains { $0.authorities != CollaborationGraph.allAuthorities } }
        }
        if partial {
            rows.append(row("- -▸", "#333333", en ? "budget or personnel authority only" : "bare budsjett- eller personalansvar"))
            rows.append(row("···▸", Self.professionalColor, en ? "professional authority only" : "bare fagansvar"))
        }
        if nodes.contains(where: { NetworkView.isMentalHealthWork($0) }) {
            rows.append(row("■", Style.mentalHealthColor, en ? "mental-health work (with FTE)" : "psykisk helsearbeid (med årsverk)"))
        }
        if nodes.contains(where: { $0.flag("staff") }) { rows.append(row("┅", "#6E6E6E", en ? "dashed box: staff function" : "stiplet boks: stab")) }
        if edges.contains(where: { $0.declaredKind == .order }) {
            rows.append(row("━▸", Self.orderColor, en ? "order (purchaser decision)" : "bestilling (vedtak)"))
        }
        if edges.contains(where: { $0.declaredKind == .informal }) { rows.append(row("- - -", "#999999", language.name(of: .informal))) }
        if nodes.contains(where: { $0.kind == .forum }) { rows.append(row("⬡", "#6E6E6E", en ? "forum or team" : "forum eller team")) }
        if nodes.contains(where: { ($0.attributes["municipality"] ?? "").contains(",") }) {
            rows.append(row("◫", "#6E6E6E", en ? "double outline: inter-municipal" : "dobbel kant: interkommunal"))
        }
        for (symbol, color, text) in extra { rows.append(row(symbol, color, text)) }
        let table = ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
        view.addNode(Node(id: NodeID("__legend"), attributes: ["label": table, "shape": "plaintext", "fontname": Style.fontName,
                                                               "fontsize": "10"], htmlAttributes: ["label"]))
    }
}
