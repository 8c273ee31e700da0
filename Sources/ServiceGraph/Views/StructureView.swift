import Foundation

/// The `structure` view: a top-down org chart for leaders. The chief executive on
/// top; reporting lines styled by the authority they carry (all three: solid; budget or
/// personnel only: dashed; professional only: dotted blue); mental-health work filled and
/// labelled with its FTE; staff functions and inter-municipal nodes marked; informal ties
/// dashed; purchaser orders drawn; forums as hexagons; a legend. Ties outside the line do not
/// shape the chart.
public struct StructureView: Sendable {
    public var language: Language
    /// What a before/after comparison colours: a node, or the ties from one node to another.
    public enum HighlightTarget: Hashable, Sendable {
        case node(NodeID)
        case edge(NodeID, NodeID)
    }

    /// Colours for a before/after comparison, drawn thick.
    public var highlights: [HighlightTarget: String] = [:]

    public init(language: Language = .en) { self.language = language }

    public static let mentalHealthFill = "#E4D7F0"
    /// The most direct units drawn side by side under one superior; beyond it the plain ones are
    /// listed in a box.
    public static let unitsPerRow = 3
    /// Characters a line of a unit's name holds before it wraps.
    static let labelWidth = 20
    public static let orderColor = "#E69F00"
    public static let professionalColor = "#0072B2"

    /// Adds `graph`'s chart to `view`, its ids prefixed (several charts in one drawing) except
    /// the `shared` ones: inter-municipal nodes, drawn once and linked into each chart.
    ///
    /// A superior with more than `unitsPerRow` direct units lists the plain ones among them —
    /// units with none of their own, not staff, not a purchaser, not inter-municipal — in one box
    /// of a few columns, linked to it by one line; every tie to a listed unit still ends at its
    /// own cell, and mental-health work is filled there as in its own box. So a chief executive with 18 units makes a chart
    /// that fits a page, not one 40-inch row.
    public func styled(_ graph: CollaborationGraph, prefix: String = "", shared: Set<NodeID> = [],
                       into view: inout CollaborationGraph, cluster: String? = nil) {
        let lines = graph.reportingLines()
        func id(_ node: NodeID) -> NodeID { shared.contains(node) ? node : NodeID(prefix + node.rawValue) }
        var children: [NodeID: [NodeID]] = [:]
        for node in graph.nodes.map(\.id) {
            if let first = lines[node]?.first?.superior { children[first, default: []].append(node) }
        }
        // Listed units: the list's node and the cell's port.
        let purchasers = Set(graph.edges.filter { $0.declaredKind == .order }.map(\.source))
        var listed: [NodeID: (list: NodeID, port: String)] = [:]
        var lists: [(superior: NodeID, list: NodeID, units: [NodeID])] = []
        for superior in graph.nodes.map(\.id) {
            guard let all = children[superior], all.count > Self.unitsPerRow else { continue }
            let plain = all.filter { unit in
                guard children[unit] == nil, let node = graph[unit], lines[unit]?.count == 1 else { return false }
                return !node.flag("staff") && !shared.contains(unit) && !purchasers.contains(unit) && Self.municipalities(of: node).count < 2
            }
            guard plain.count >= 3 else { continue }
            let list = NodeID(prefix + "__list_" + superior.rawValue)
            for (index, unit) in plain.enumerated() { listed[unit] = (list, "u\(index)") }
            lists.append((superior, list, plain))
        }
        var members: [NodeID] = []
        for node in graph.nodes where listed[node.id] == nil {
            view.addNode(Node(id: id(node.id), attributes: nodeAttributes(node)))
            if !shared.contains(node.id) { members.append(id(node.id)) }
        }
        for entry in lists {
            view.addNode(Node(id: entry.list, attributes: [
                "shape": "plain", "fontname": Style.fontName, "fontsize": "10",
                "label": listTable(entry.units.compactMap { graph[$0] }),
            ], htmlAttributes: ["label"]))
            members.append(entry.list)
            view.addEdge(Edge(source: id(entry.superior), target: entry.list,
                              attributes: ["dir": "back", "arrowtail": "normal", "color": "#333333"]))
        }
        // A purchaser above the lists its orders go into: orders between nodes of one rank are
        // drawn by dot without their arrowheads when they end in a table cell.
        var above: Set<String> = []
        for edge in graph.edges where edge.declaredKind == .order {
            guard let cell = listed[edge.target], listed[edge.source] == nil,
                  above.insert(edge.source.rawValue + "|" + cell.list.rawValue).inserted else { continue }
            view.addEdge(Edge(source: id(edge.source), target: cell.list, attributes: ["style": "invis"]))
        }
        // Nodes off the lines of report (forums, shared services): one column beside the chart,
        // not a row across its top.
        let loose = graph.nodes.filter { lines[$0.id] == nil && children[$0.id] == nil && listed[$0.id] == nil }.map { id($0.id) }
        for (upper, lower) in zip(loose, loose.dropFirst()) {
            view.addEdge(Edge(source: upper, target: lower, attributes: ["style": "invis"]))
        }
        if let cluster {
            view.groups.append(Group(id: "cluster_\(prefix)", attributes: [
                "label": DOTWriter.escString(plain: cluster), "fontname": Style.fontName, "fontsize": "14",
                "style": "rounded", "color": "#BBBBBB", "labeljust": "l",
            ], members: members))
        }
        for edge in graph.edges where edge.source != edge.target {
            // A listed unit's line to its superior is the list's one line.
            if edge.declaredKind == .reportsTo, listed[edge.source] != nil { continue }
            var attributes: [String: String]
            var (tail, head) = (edge.source, edge.target)
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
                (tail, head) = (edge.target, edge.source)
            case .order:
                // Out of the purchaser's foot into the provider's: the curve runs under the row.
                attributes = ["color": Self.orderColor, "penwidth": "2", "style": "bold", "arrowhead": "vee", "constraint": "false",
                              "tailport": "s"]
            case .informal:
                attributes = ["color": "#999999", "style": "dashed", "dir": "none", "constraint": "false"]
            default:
                // Every other tie as the network view draws it (a referral a dashed arrow, an
                // agreement a double line), outside the lines of report.
                attributes = Style.edgeAttributes(for: edge.declaredKind).attributes
                attributes["constraint"] = "false"
            }
            if let color = highlights[.edge(edge.source, edge.target)] {
                attributes["color"] = color
                attributes["penwidth"] = "3"
            }
            // An end in a list is its cell (a port), entered from the side.
            func end(_ node: NodeID, port key: String) -> NodeID {
                guard let cell = listed[node] else { return id(node) }
                attributes[key] = cell.port + (key == "headport" ? ":w" : "")
                return cell.list
            }
            let source = end(tail, port: "tailport"), target = end(head, port: "headport")
            view.addEdge(Edge(source: source, target: target, attributes: attributes))
        }
    }

    /// A box listing units, in up to three columns, each cell a port named `u<index>` styled as
    /// the unit's own box would be (mental-health work filled, with its FTE; highlights).
    private func listTable(_ units: [Node]) -> String {
        let columns = units.count <= 4 ? 1 : units.count <= 10 ? 2 : 3
        let rows = (units.count + columns - 1) / columns
        var body = ""
        for row in 0..<rows {
            body += "<TR>"
            for column in 0..<columns {
                let index = column * rows + row
                guard index < units.count else { body += "<TD></TD>"; continue }
                let node = units[index]
                let fte = CollaborationGraph.statedFTE(node) ?? 0
                let isMH = NetworkView.isMentalHealthWork(node)
                var text = TextLayout.wrapped(node.htmlAttributes.contains("label") ? node.id.rawValue : node.label, width: Self.labelWidth)
                    .map(HTML.escape).joined(separator: "<BR/>")
                if fte > 0 { text += "<BR/>" + HTML.escape(fteText(fte)) }
                let color = highlights[.node(node.id)] ?? (isMH ? Style.mentalHealthColor : "#6E6E6E")
                let border = isMH || highlights[.node(node.id)] != nil ? 2 : 1
                body += ##"<TD PORT="u\##(index)" BORDER="\##(border)" COLOR="\##(color)" BGCOLOR="\##(isMH ? Self.mentalHealthFill : "white")" ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="4">\##(text)</TD>"##
            }
            body += "</TR>"
        }
        return #"<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0">"# + body + "</TABLE>"
    }

    /// "MH 2 FTE" / "PH 2 årsverk".
    private func fteText(_ fte: Double) -> String {
        language.structure.fte(MetricsFormat.plain(.number(fte)))
    }

    static func municipalities(of node: Node) -> [String] {
        (node.attributes["municipality"] ?? "").split(whereSeparator: { ",;/".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
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
                           "pad": "0.3", "newrank": "true", "outputorder": "nodesfirst"]
        return view
    }

    private func nodeAttributes(_ node: Node) -> [String: String] {
        let fte = CollaborationGraph.statedFTE(node) ?? 0
        let isMH = node.flag("mh") || fte > 0
        // Long names on two or three lines: a row of units stays as narrow as it can.
        var label = (node.htmlAttributes.contains("label") ? node.id.rawValue : node.label)
            .components(separatedBy: "\\n").flatMap { TextLayout.wrapped($0, width: Self.labelWidth) }.joined(separator: "\\n")
        if fte > 0 { label += "\\n" + fteText(fte) }
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
        if let color = highlights[.node(node.id)] {
            attributes["color"] = color
            attributes["penwidth"] = "3"
        }
        return attributes
    }

    /// A legend of what the charts use.
    public func addLegend(to view: inout CollaborationGraph, for graphs: [CollaborationGraph], extra: [(String, String, String)] = []) {
        let words = language.structure
        let edges = graphs.flatMap(\.edges)
        let nodes = graphs.flatMap(\.nodes)
        func row(_ symbol: String, _ color: String, _ text: String) -> String {
            #"<TR><TD><FONT COLOR="\#(color)">\#(HTML.escape(symbol))</FONT></TD><TD ALIGN="LEFT">\#(HTML.escape(text))</TD></TR>"#
        }
        var rows = [#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>\#(HTML.escape(language.legend.title))</B></TD></TR>"#]
        rows.append(row("──▸", "#333333", words.lineOfReport))
        let partial = graphs.contains { graph in
            graph.reportingLines().values.contains { ups in ups.contains { $0.authorities != CollaborationGraph.allAuthorities } }
        }
        if partial {
            rows.append(row("- -▸", "#333333", words.partialAuthority))
            rows.append(row("···▸", Self.professionalColor, words.professionalAuthority))
        }
        if nodes.contains(where: { NetworkView.isMentalHealthWork($0) }) {
            rows.append(row("■", Style.mentalHealthColor, words.mentalHealthWork))
        }
        if nodes.contains(where: { $0.flag("staff") }) { rows.append(row("┅", "#6E6E6E", words.staffFunction)) }
        if edges.contains(where: { $0.declaredKind == .order }) {
            rows.append(row("━▸", Self.orderColor, language.name(of: EdgeKind.order)))
        }
        if edges.contains(where: { $0.declaredKind == .informal }) { rows.append(row("- - -", "#999999", language.name(of: .informal))) }
        let drawnKinds = Set(edges.map(\.declaredKind))
        for kind in EdgeKind.allCases where ![.reportsTo, .order, .informal].contains(kind) && drawnKinds.contains(kind) {
            let style = Style.edgeAttributes(for: kind)
            rows.append(row(style.sample, style.attributes["color"].map { String($0.prefix(7)) } ?? "#333333", language.name(of: kind)))
        }
        if nodes.contains(where: { $0.kind == .forum }) { rows.append(row("⬡", "#6E6E6E", language.name(of: NodeKind.forum))) }
        if nodes.contains(where: { ($0.attributes["municipality"] ?? "").contains(",") }) {
            rows.append(row("◫", "#6E6E6E", words.interMunicipal))
        }
        for (symbol, color, text) in extra { rows.append(row(symbol, color, text)) }
        let table = ##"<TABLE BORDER="1" COLOR="#BBBBBB" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="white">"##
            + rows.joined() + "</TABLE>"
        view.addNode(Node(id: NodeID("__legend"), attributes: ["label": table, "shape": "plaintext", "fontname": Style.fontName,
                                                               "fontsize": "10"], htmlAttributes: ["label"]))
    }
}
